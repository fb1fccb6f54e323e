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
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { weeklyEngagementSpec } from '../../src/lib/charts/weekly-engagement';
import { formatCount, formatDate } from '../../src/lib/format';
import { overview } from '../../src/lib/server/analytics/overview';
import { openDatabase } from '../../src/lib/server/db/database';
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
		const appendix = pages.slice(starts[8]).join(' ');
		let at = -1;
		for (const week of weeks) {
			const next = appendix.indexOf(week, at + 1);
			expect(next, `the row "${week}" is in the appendix, after the one before it`).toBeGreaterThan(at);
			at = next;
		}
		expect(weeks).toHaveLength(53);
		for (const page of pages.slice(starts[8])) expect(page).toContain('Week of Facebook Instagram X Total');
		expect(pages.slice(starts[8]! + 1).length).toBeGreaterThan(0);
		expect(appendix).toContain(formatDate(data.weeklyEngagement.at(-1)!.week));

		const document = await getDocument({ data: pdf.slice(), isEvalSupported: false }).promise;
		const info = (await document.getMetadata()).info as Record<string, string>;
		expect(info.Title).toBe('Board report: Maple Valley Public Library, Nov 1, 2025 – Oct 31, 2026');
		expect(info.Author).toBe('Dana Ortiz');
		expect(info.Subject).toContain('Board report of Maple Valley Public Library');
		const [, , width, height] = (await document.getPage(1)).view;
		expect([width, height]).toEqual([612, 792]);
		await document.destroy();
	}, 300_000);

	it('prints A4 landscape with only the chosen sections, in the chosen order, for one branch', async () => {
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
		await document.destroy();
	}, 300_000);
});
