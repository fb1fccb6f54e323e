import { beforeAll, describe, expect, it } from 'vitest';
import { formatCount, formatSignedPercent } from '../../format';
import { overview } from '../analytics/overview';
import { campaignImpact } from '../analytics/impact';
import { campaignSummaries } from '../analytics/campaigns';
import { doorCounts } from '../analytics/library';
import type { Database } from '../db/database';
import { scopedDatabase } from '../db/scoped';
import { demoDatabase } from '../db/test-support';
import { boardReport } from './board-report';
import { dataVersion } from './data-version';
import { InvalidReportParams, reportParamsFromQuery } from './params';

const YEAR = 'from=2025-11-01&to=2026-10-31';
const params = (query: string) => reportParamsFromQuery(new URLSearchParams(query));

describe('the board report of the demo library', () => {
	let db: Database;
	beforeAll(async () => {
		db = await demoDatabase();
	}, 180_000);

	it('states the key figures and their calendar-aligned changes in the executive summary', async () => {
		const report = await boardReport(db, params(`${YEAR}&compare=year`));
		const o = await overview(db, { from: '2025-11-01', to: '2026-10-31', compare: 'year' });
		const [first] = report.summary.paragraphs;
		expect(first).toContain('compares it with the same period last year (Nov 1, 2024 – Oct 31, 2025)');
		for (const id of ['posts', 'attendance', 'circulation'] as const) {
			const kpi = o.kpis.find((k) => k.id === id)!;
			expect(first).toContain(formatCount(kpi.value));
			expect(first).toContain(formatSignedPercent((kpi.value! - kpi.previous!) / kpi.previous!));
		}
		const visits = (await doorCounts(db, o.range)).reduce((sum, d) => sum + d.visits, 0);
		expect(first).toContain(`${formatCount(visits)} visits were counted at the door`);
	});

	it("gives each campaign's estimate with its interval, and calls an interval that spans zero inconclusive", async () => {
		const report = await boardReport(db, params(YEAR));
		const names = report.campaigns.map((c) => c.campaign.name);
		expect(names).toEqual(['Storytime at Eastside', 'Staff Picks Winter 2026', '#MapleSummerReads 2026']);
		const staffPicks = (await campaignSummaries(db)).find((c) => c.name === 'Staff Picks Winter 2026')!;
		const [panel] = await campaignImpact(db, staffPicks);
		if (!panel!.result.ok) throw new Error('the demo estimate should fit');
		const a = panel!.result.summary.average;
		const paragraph = report.summary.paragraphs.find((p) => p.startsWith('Staff Picks Winter 2026'))!;
		expect(paragraph).toContain(
			`an estimated ${formatSignedPercent(a.relative)} against what was expected without the campaign (95% interval ${formatSignedPercent(a.relativeLower)} to ${formatSignedPercent(a.relativeUpper)})`
		);
		expect(a.relativeLower).toBeLessThan(0);
		expect(paragraph).toContain('this is inconclusive');
		expect(report.summary.paragraphs.at(-1)).toMatch(/^Still open: Staff Picks Winter 2026, #MapleSummerReads 2026\./);
		const storytime = report.summary.paragraphs.find((p) => p.startsWith('Storytime at Eastside'))!;
		expect(storytime).not.toContain('inconclusive');
	});

	it("names the data it was made from as its archive entry does, not the process's change counter", async () => {
		const report = await boardReport(db, params(YEAR));
		expect(report.dataVersion).toBe(await dataVersion(db));
		expect(report.dataVersion).toMatch(/^\d+ imports, newest #\d+ · [0-9a-f]{6}$/);
	});

	it('says "not enough data" where there is none, rather than a number', async () => {
		const report = await boardReport(db, params('from=2030-01-01&to=2030-03-31&campaigns=none'));
		expect(report.summary.paragraphs[0]).toContain('Not enough data for social media: no posts were uploaded');
		expect(report.summary.paragraphs[0]).toContain('Not enough data for library use');
		expect(report.summary.paragraphs).toHaveLength(1);
	});

	it('sums the weeks into months without a row outside the period or a post lost', async () => {
		const report = await boardReport(db, params(YEAR));
		const months = report.social!.months;
		expect(months.map((m) => m.month)).toHaveLength(12);
		expect(months[0]!.month).toBe('2025-11-01');
		const posts = report.overview.kpis.find((k) => k.id === 'posts')!.value;
		expect(months.reduce((sum, m) => sum + m.posts, 0)).toBe(posts);
	});

	it('limits branch-level figures to the chosen branches, and refuses a branch the person cannot see', async () => {
		const report = await boardReport(db, params(`${YEAR}&branch=Eastside&sections=usage,summary`));
		expect(report.branches).toEqual(['Eastside']);
		expect(new Set(report.doors!.map((d) => d.branch))).toEqual(new Set(['Eastside']));
		expect(report.strategies).toBeNull();
		const central = scopedDatabase(db, ['Central']);
		await expect(boardReport(central, params(`${YEAR}&branch=Eastside`))).rejects.toThrow(
			/Eastside is not among the branches you can see \(Central\)/
		);
	});

	it('uses an edited summary as written, and refuses a campaign that does not exist', async () => {
		const report = await boardReport(db, params(`${YEAR}&summary=${encodeURIComponent('Our year.\n\nThank you.')}`));
		expect(report.summary.paragraphs).toEqual(['Our year.', 'Thank you.']);
		expect(report.summary.edited).toBe(true);
		expect(report.summary.generated[0]).toContain('This report covers');
		await expect(boardReport(db, params(`${YEAR}&campaign=Nope`))).rejects.toThrow(InvalidReportParams);
	});
});
