import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { demoDatabase, REPO_ROOT, SOURCE_FIXTURES } from '../db/test-support';
import { importAny } from '../ingest/import-any';
import { campaignSummaries, outcomeSeries } from './campaigns';
import { campaignImpact, explorableSeries, impactForMetric } from './impact';

const effects = JSON.parse(readFileSync(join(REPO_ROOT, 'data/demo/effects.json'), 'utf8')) as {
	effects: { campaign: string; metric: string; multiplier: number; realized: number }[];
};

describe('impact of the demo campaigns', () => {
	let db: Database;
	beforeAll(async () => {
		db = await demoDatabase();
	});

	const panelFor = async (name: string) => {
		const campaign = (await campaignSummaries(db)).find((c) => c.name === name)!;
		return campaignImpact(db, campaign);
	};

	it("calls a campaign that ended with data after it short, and one running at the data's end early", async () => {
		const ended = await impactForMetric(db, 'usage:circulation', { start: '2025-03-01', end: '2025-08-31' });
		expect(ended!.paragraph).toContain('The campaign lasted only 6 months, so the estimate rests on few points.');
		expect(ended!.paragraph).not.toContain('early reading');
		const running = await impactForMetric(db, 'usage:circulation', { start: '2026-06-01' });
		expect(running!.paragraph).toContain('With only 5 months since the start, this is an early reading.');
	});

	it.each([
		['#MapleSummerReads 2026', 'literacy:registrations'],
		['Storytime at Eastside', 'programs:attendance:Eastside:storytime'],
		['Library Card Month 2025', 'usage:new_cards']
	])('recovers the baked-in effect of %s inside its interval', async (name, metric) => {
		// effects.json's realized ratio: what the effect came to in this seed, which the interval should contain.
		const truth = effects.effects.find((e) => e.campaign === name && e.metric === metric)!.realized;
		const [panel] = (await panelFor(name)).filter((p) => p.metric === metric);
		expect(panel!.result.ok).toBe(true);
		if (!panel!.result.ok) return;
		const level = panel!.result.effect.level;
		expect(level.scale).toBe('ratio');
		expect(level.lower).toBeLessThanOrEqual(truth);
		expect(level.upper).toBeGreaterThanOrEqual(truth);
		// Summer reading has two seasons before the campaign's, so whether the 2024–2025 trend carries on
		// is uncertain and its interval is wide; the estimate itself must land near what was built in
		// (it read ×2.0 when the trend counted weeks, taking each season's tail-off for a decline).
		if (name === '#MapleSummerReads 2026') expect(Math.abs(level.estimate - truth)).toBeLessThan(0.15);
		else expect(level.lower).toBeGreaterThan(1);
		expect(panel!.paragraph).toMatch(
			/^During the campaign, .* averaged [\d,.]+, against [\d,.]+ expected without it \(95% interval/
		);
	});

	it('cross-checks a branch outcome against the other branches with a state-space model', async () => {
		const truth = effects.effects.find(
			(e) => e.campaign === 'Storytime at Eastside' && e.metric === 'programs:attendance:Eastside:storytime'
		)!.realized;
		const [panel] = await panelFor('Storytime at Eastside');
		expect(panel!.controlled?.controls).toEqual(['Central', 'Riverside']);
		const controlled = panel!.controlled!.result;
		if (!controlled.ok) throw new Error(controlled.reason);
		expect(controlled.summary.average.relativeLower).toBeLessThanOrEqual(truth - 1);
		expect(controlled.summary.average.relativeUpper).toBeGreaterThanOrEqual(truth - 1);
		expect(controlled.coefficients.map((row) => row.name)).toEqual(['Central', 'Riverside']);
		expect(panel!.controlled!.paragraph).toMatch(
			/^Compared with Central and Riverside, which the campaign did not target: /
		);
		// A library-wide outcome has no other branches to compare with.
		const [cards] = await panelFor('Library Card Month 2025');
		expect(cards!.controlled).toBeNull();
	});

	it('calls the physical count "physical circulation" wherever one series is shown, where the Overview adds digital', async () => {
		// The Overview's circulation adds digital checkouts; a campaign's outcome series is physical only.
		const [panel] = (await panelFor('Staff Picks Winter 2026')).filter((p) => p.metric === 'usage:circulation');
		expect(panel!.label).toBe('physical circulation per month');
		expect(panel!.paragraph).toMatch(/^During the campaign, physical circulation averaged/);
		const labels = new Map((await explorableSeries(db)).map((s) => [s.metric, s.label]));
		expect(labels.get('usage:circulation')).toBe('physical circulation');
		expect(labels.get('usage:circulation:Central')).toBe('physical circulation at Central');
		expect(labels.get('usage:new_cards')).toBe('new cards');
	});

	it('uses the control series a director picks, leaving out those that cannot serve', async () => {
		const panel = (await impactForMetric(db, 'usage:visits', {
			start: '2025-09-01',
			end: '2026-06-30',
			controls: ['usage:circulation', 'programs:attendance', 'usage:nonsense']
		}))!;
		const controlled = panel.controlled!;
		expect(controlled.controls).toEqual(['physical circulation']);
		if (!controlled.result.ok) throw new Error(controlled.result.reason);
		expect(controlled.result.coefficients.map((row) => row.name)).toEqual(['physical circulation']);
		expect(controlled.paragraph).toMatch(/^Compared with physical circulation \(chosen as control series; /);
		expect(controlled.paragraph).toContain(
			'Left out as controls: program attendance (counted by week, not by month), nonsense (no data).'
		);
	});

	it('judges a one-month campaign as temporary, against the months before and after it', async () => {
		const [panel] = await panelFor('Library Card Month 2025');
		if (!panel!.result.ok) throw new Error(panel!.result.reason);
		expect(panel!.result.options.windowEnd).toBe('2025-09-01');
		expect(panel!.result.summary.points).toBe(1);
		expect(panel!.result.warnings.join(' ')).toMatch(/estimated as temporary/);
	});

	it.each(['Staff Picks Winter 2026', 'Patron Stories 2025'])(
		'reports the no-effect campaign %s as inconclusive',
		async (name) => {
			const panels = await panelFor(name);
			expect(panels.length).toBeGreaterThan(0);
			for (const panel of panels) {
				if (!panel.result.ok) throw new Error(`${panel.metric}: ${panel.result.reason}`);
				expect(panel.result.effect.level.lower).toBeLessThan(1);
				expect(panel.result.effect.level.upper).toBeGreaterThan(1);
				expect(panel.paragraph).toMatch(/the data cannot tell whether the campaign made a difference/);
			}
		}
	);

	it('still says "not enough data" for a short campaign at the very end of the data', async () => {
		const panel = (await impactForMetric(db, 'usage:new_cards', { start: '2026-09-01', end: '2026-10-31' }))!;
		expect(panel.result.ok).toBe(false);
		expect(panel.paragraph).toMatch(/^Not enough data to estimate: only 2 points from the start on/);
	});

	it('reports a no-effect campaign as inconclusive when its post period is long enough', async () => {
		// Staff picks ran Jan–Mar 2026 with no effect on circulation; judged over the eight months from January.
		const panel = (await impactForMetric(db, 'usage:circulation', { start: '2026-01-12', end: '2026-08-31' }))!;
		expect(panel.result.ok).toBe(true);
		if (!panel.result.ok) return;
		expect(panel.result.effect.level.lower).toBeLessThan(1);
		expect(panel.result.effect.level.upper).toBeGreaterThan(1);
	});

	it('offers survey outcomes as series: the monthly share of respondents who agree', async () => {
		const explorable = await explorableSeries(db);
		expect(explorable.map((s) => s.metric)).toEqual(
			expect.arrayContaining(['surveys:knowledge', 'surveys:confidence'])
		);
		// The first month's share, counted here from the raw answers.
		const answers = await db.query<{ month: string; knowledge: number }>(
			`SELECT strftime(date_trunc('month', date), '%Y-%m-%d') AS month, knowledge FROM survey_responses WHERE knowledge IS NOT NULL AND date IS NOT NULL ORDER BY date`
		);
		const first = answers.filter((a) => a.month === answers[0]!.month);
		const share = (100 * first.filter((a) => a.knowledge >= 4).length) / first.length;
		const series = (await outcomeSeries(db, 'surveys:knowledge'))!;
		expect(series.points[0]).toEqual({ periodStart: answers[0]!.month, value: expect.closeTo(share, 10) });
		// The demo's surveys cover one year: a June start has too few months before it, and says so.
		const june = (await impactForMetric(db, 'surveys:knowledge', { start: '2026-06-01' }))!;
		expect(june.label).toBe('% of survey respondents agreeing on knowledge per month');
		expect(june.paragraph).toMatch(/^Not enough data to estimate: only \d points before the start/);
	});

	it('caches by data version and recomputes after an import', async () => {
		const options = { start: '2025-09-01' };
		const first = await impactForMetric(db, 'usage:visits', options);
		expect(await impactForMetric(db, 'usage:visits', options)).toBe(first);
		await importAny(db, join(SOURCE_FIXTURES, 'usage_monthly.csv'), { fileName: 'usage_monthly.csv' });
		const after = await impactForMetric(db, 'usage:visits', options);
		expect(after).not.toBe(first);
	});
});
