/**
 * The board report rendered to PDF by Chromium from the demo library, read back with pdf.js: every
 * chosen section is there in order with the figures the analytics compute, pages are numbered
 * "Page X of N", the long appendix table keeps every row across its page breaks and repeats its
 * header, and the document information is set.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { weeklyEngagementSpec } from '../../src/lib/charts/weekly-engagement';
import { formatCount, formatDate, formatDecimal } from '../../src/lib/format';
import { peerBenchmark } from '../../src/lib/server/analytics/library';
import { overview } from '../../src/lib/server/analytics/overview';
import { openDatabase } from '../../src/lib/server/db/database';
import { DEMO_FSCSKEY } from '../../src/lib/server/demo';
import { removeLogo, saveLogo } from '../../src/lib/server/branding/logo';
import { solidPng } from '../../src/lib/server/branding/test-logo';
import { saveSettings } from '../../src/lib/server/settings';
import { pdfPages } from '../support/pdf-text';

const dir = mkdtempSync(join(tmpdir(), 'lantern-report-pdf-'));
const dbPath = join(dir, 'demo.duckdb');

/**
 * The command line renders (it serves the production build to its own Chromium, as the server
 * does); run in a child process because Vitest would recompile the build's `.svelte.js` chunks.
 */
async function cli(...args: string[]): Promise<string> {
	const { stdout } = await promisify(execFile)(
		process.execPath,
		['node_modules/tsx/dist/cli.mjs', 'src/cli/main.ts', ...args, '--db', dbPath],
		{ encoding: 'utf8', env: { ...process.env, TZ: 'UTC' }, maxBuffer: 1 << 24 }
	);
	return stdout;
}

async function render(name: string, ...flags: string[]) {
	const out = join(dir, `${name}.pdf`);
	await cli('report', ...flags, '--out', out, '--json');
	const pdf = new Uint8Array(readFileSync(out));
	return { pdf, pages: await pdfPages(pdf.slice()) };
}

describe('the board report PDF', () => {
	beforeAll(async () => {
		await cli('demo');
	}, 600_000);

	it('holds every section in order with the right figures, numbered Page 1 of N', async () => {
		const { pdf, pages } = await render(
			'year',
			'--from',
			'2025-11-01',
			'--to',
			'2026-10-31',
			'--prepared-by',
			'Dana Ortiz'
		);
		const db = await openDatabase(dbPath);
		const data = await overview(db, { from: '2025-11-01', to: '2026-10-31' });
		const peers = await peerBenchmark(db);
		await db.close();
		const n = pages.length;
		expect(n).toBeGreaterThanOrEqual(10);
		pages.forEach((page, i) => {
			expect(page).toContain(`Page ${i + 1} of ${n}`);
			expect(page).toContain('Maple Valley Public Library');
			expect(page).toContain('Nov 1, 2025 – Oct 31, 2026');
		});
		const headings = [
			'Executive summary',
			'Social reach and engagement',
			'Programs and attendance',
			'Library use: visits and circulation',
			'Literacy: summer reading and outcome surveys',
			'Campaigns and their impact',
			'Posting strategies',
			'Peer comparison',
			'Methodology and definitions',
			'Appendix: weekly figures'
		];
		// Each section starts a page of its own, in the order chosen (the cover lists them first).
		const starts = headings.map((h) => pages.findIndex((page, i) => i > 0 && page.startsWith(h)));
		expect(starts.every((s) => s > 0)).toBe(true);
		expect(starts).toEqual([...starts].sort((a, b) => a - b));
		expect(pages[0]).toContain('Prepared by Dana Ortiz');
		const summary = pages[starts[0]!]!;
		for (const kpi of data.kpis.filter((k) => k.kind === 'count')) expect(summary).toContain(formatCount(kpi.value));
		expect(summary).toContain('Staff Picks Winter 2026');
		expect(summary).toContain('inconclusive');
		// Each campaign starts a page of its own in the campaigns section, with its chart's heading.
		for (const campaign of ['Storytime at Eastside', 'Staff Picks Winter 2026', '#MapleSummerReads 2026'])
			expect(
				pages
					.slice(starts[5], starts[6])
					.filter((page) => page.replace(/^Campaigns and their impact /, '').startsWith(campaign))
			).toHaveLength(1);
		expect(pages.slice(starts[5], starts[6]).join(' ')).toContain('observed and expected without the campaign');

		// The appendix's long table: every week once, in order, its header on each page it runs onto.
		const weeks = weeklyEngagementSpec(data.weeklyEngagement).table.rows.map((row) => row.join(' '));
		const appendix = pages.slice(starts[9]).join(' ');
		let at = -1;
		for (const week of weeks) {
			const next = appendix.indexOf(week, at + 1);
			expect(next, `the row "${week}" is in the appendix, after the one before it`).toBeGreaterThan(at);
			at = next;
		}
		expect(weeks).toHaveLength(53);
		for (const page of pages.slice(starts[9])) expect(page).toContain('Week of Facebook Instagram X Total');
		expect(pages.slice(starts[9]! + 1).length).toBeGreaterThan(0);

		// The peer comparison: each measure's figures as peerBenchmark computes them, in one row.
		if ('missing' in peers) throw new Error(peers.missing);
		const peerPage = pages[starts[7]!]!;
		expect(peerPage).toContain(`fiscal year ${peers.fiscalYear}`);
		expect(peerPage).toContain(`against ${formatCount(peers.peerNames.length)} peer libraries`);
		for (const m of peers.measures)
			expect(peerPage).toContain(
				`${m.label} ${formatDecimal(m.own, 2)} ${formatDecimal(m.median, 2)} ${formatDecimal(m.q1, 2)} to ${formatDecimal(m.q3, 2)} ${formatCount(m.peers)}`
			);
		expect(appendix).toContain(formatDate(data.weeklyEngagement.at(-1)!.week));

		// Nothing a trustee would find sloppy: no page holds only a scrap (the last panel of a chart once
		// sat alone on a page), and each campaign's three-panel chart is on one page.
		const band = /Maple Valley Public Library Board report · .*? Prepared with Lantern Page \d+ of \d+$/;
		pages.forEach((page, i) =>
			expect(page.replace(band, '').length, `page ${i + 1} holds more than a scrap`).toBeGreaterThan(250)
		);
		const panels = ['↑ Observed and expected', '↑ Effect each period', '↑ Cumulative effect'];
		const withPanels = pages.filter((page) => panels.some((panel) => page.includes(panel)));
		expect(withPanels).toHaveLength(3);
		for (const page of withPanels) for (const panel of panels) expect(page).toContain(panel);

		const document = await getDocument({ data: pdf.slice(), isEvalSupported: false }).promise;
		// No page is painted with the app's grey wash (it showed as an empty grey block under the last table).
		for (let n = 1; n <= document.numPages; n += 1) {
			const ops = await (await document.getPage(n)).getOperatorList();
			const fills = ops.fnArray
				.map((fn, i) => (fn === OPS.setFillRGBColor ? Object.values(ops.argsArray[i] as number[]).join(',') : null))
				.filter(Boolean);
			expect(fills, `page ${n} has no grey wash`).not.toContain('245,247,249');
		}
		const info = (await document.getMetadata()).info as Record<string, string>;
		expect(info.Title).toBe('Board report: Maple Valley Public Library, Nov 1, 2025 – Oct 31, 2026');
		expect(info.Author).toBe('Dana Ortiz');
		expect(info.Subject).toContain('Board report of Maple Valley Public Library');
		const [, , width, height] = (await document.getPage(1)).view;
		expect([width, height]).toEqual([612, 792]);
		await document.destroy();
	}, 300_000);

	it('prints A4 landscape with only the chosen sections, in the chosen order, for one branch, logo on the cover', async () => {
		saveLogo({ path: dbPath }, solidPng(120, 40));
		const { pdf, pages } = await render(
			'a4',
			...['--from', '2026-01-01', '--to', '2026-03-31', '--sections', 'usage,cover', '--paper', 'a4'],
			...['--orientation', 'landscape', '--branch', 'Eastside', '--title', 'Eastside quarter']
		);
		expect(pages[0]).toMatch(/^Library use: visits and circulation/);
		expect(pages.join(' ')).not.toContain('Executive summary');
		// The cover, last, makes the last page: no blank page after it.
		expect(pages).toHaveLength(2);
		const cover = pages[1]!;
		expect(cover).toContain('Eastside quarter');
		expect(cover).toContain('Eastside only');
		expect(pages[0]).not.toContain('Central');
		const document = await getDocument({ data: pdf.slice(), isEvalSupported: false }).promise;
		const [, , width, height] = (await document.getPage(1)).view;
		expect(Math.abs(width! - 842)).toBeLessThan(1.5); // Chromium rounds A4 to whole CSS pixels
		expect(Math.abs(height! - 595)).toBeLessThan(1.5);
		// The logo uploaded in Settings is drawn on the cover (an image), and nowhere else.
		const images = async (n: number) =>
			(await (await document.getPage(n)).getOperatorList()).fnArray.filter((fn) => fn === OPS.paintImageXObject).length;
		expect(await images(2)).toBe(1);
		expect(await images(1)).toBe(0);
		removeLogo({ path: dbPath });
		await document.destroy();
	}, 300_000);

	it('says "not enough data" in the peer comparison when Lantern has no peers’ figures', async () => {
		const db = await openDatabase(dbPath);
		await saveSettings(db, { plsFscskey: '' });
		await db.close();
		try {
			const { pages } = await render('peers', '--from', '2026-01-01', '--to', '2026-03-31', '--sections', 'peers');
			expect(pages).toHaveLength(1);
			expect(pages[0]).toMatch(/^Peer comparison Not enough data: Lantern has no figures from peer libraries/);
			expect(pages[0]).toContain('FSCSKEY');
		} finally {
			const again = await openDatabase(dbPath);
			await saveSettings(again, { plsFscskey: DEMO_FSCSKEY });
			await again.close();
		}
	}, 300_000);
});
