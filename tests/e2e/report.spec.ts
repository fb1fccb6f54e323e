import { expect, test } from '@playwright/test';
import { hydrated } from '../support/hydrated';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pdfPages } from '../support/pdf-text';

test.describe('board report', () => {
	test('the Board report button downloads a Letter PDF rendered by Chromium', async ({ page }) => {
		await page.goto('/overview?from=2025-11-01&to=2026-10-31');
		await hydrated(page);
		const downloading = page.waitForEvent('download');
		await page.getByRole('link', { name: 'Board report (PDF)' }).click();
		const download = await downloading;
		expect(download.suggestedFilename()).toBe('lantern-board-report-2025-11-01-to-2026-10-31.pdf');
		const bytes = readFileSync(await download.path());
		expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
		const pages = await pdfPages(new Uint8Array(bytes));
		expect(pages.length).toBeGreaterThanOrEqual(2);
		expect(pages.length).toBeLessThanOrEqual(20);
		const all = pages.join('\n');
		expect(pages[0]).toContain('Maple Valley Public Library');
		expect(pages[0]).toContain('Nov 1, 2025 – Oct 31, 2026');
		expect(pages[0]).toContain('Page 1 of');
		for (const text of [
			'Executive summary',
			'Engagement rate',
			'Weekly engagement',
			'Monthly program attendance and circulation',
			'Campaigns and their impact',
			'Storytime at Eastside',
			'Methodology and definitions'
		]) {
			expect(all).toContain(text);
		}
	});

	test('the Reports page lists the report the button made and downloads it again', async ({ page }) => {
		await page.goto('/reports');
		await hydrated(page);
		const kept = page.getByRole('row').filter({ hasText: 'Board report · Nov 1, 2025 – Oct 31, 2026' }).first();
		await expect(kept).toContainText('Ready');
		await expect(kept).toContainText('Overview button');
		const downloading = page.waitForEvent('download');
		await kept.getByRole('link', { name: /^Download report \d+$/ }).click();
		const download = await downloading;
		expect(download.suggestedFilename()).toBe('lantern-board-report-2025-11-01-to-2026-10-31.pdf');
		const pages = await pdfPages(new Uint8Array(readFileSync(await download.path())));
		expect(pages[0]).toContain('Nov 1, 2025 – Oct 31, 2026');
		await expect(page.getByRole('link', { name: 'Build a new report' })).toHaveAttribute('href', '/reports/new');
	});

	test('the builder previews the report and makes its PDF with progress shown', async ({ page }) => {
		await page.goto('/reports/new?from=2026-01-01&to=2026-03-31&campaign=Staff%20Picks%20Winter%202026');
		await hydrated(page);
		const preview = page.frameLocator('iframe[title="Preview of the board report"]');
		await expect(preview.getByRole('heading', { name: 'Executive summary' })).toBeVisible();
		await expect(page.getByRole('textbox', { name: /Executive summary/ })).toHaveValue(/Staff Picks Winter 2026/);
		await page.getByRole('textbox', { name: /Executive summary/ }).fill('Our quarter in one line.');
		await page.getByRole('button', { name: 'Update preview' }).click();
		await expect(preview.getByText('Our quarter in one line.')).toBeVisible();
		const downloading = page.waitForEvent('download');
		await page.getByRole('button', { name: 'Make the PDF' }).click();
		await expect(page.getByRole('status')).toContainText('Making the PDF');
		const pages = await pdfPages(new Uint8Array(readFileSync(await (await downloading).path())));
		expect(pages.join(' ')).toContain('Our quarter in one line.');
	});

	test('the command line writes the same report from its own database', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'lantern-cli-report-'));
		const db = join(dir, 'cli.duckdb');
		const out = join(dir, 'report.pdf');
		const run = (...args: string[]) =>
			execFileSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'src/cli/main.ts', ...args, '--db', db], {
				encoding: 'utf8',
				env: { ...process.env, TZ: 'UTC' }
			});
		run('demo');
		const printed = JSON.parse(run('report', '--from', '2026-01-01', '--to', '2026-06-30', '--out', out, '--json'));
		expect(printed).toMatchObject({ from: '2026-01-01', to: '2026-06-30' });
		const pages = await pdfPages(new Uint8Array(readFileSync(out)));
		expect(pages.length).toBeGreaterThanOrEqual(2);
		expect(pages[0]).toContain('Jan 1, 2026 – Jun 30, 2026');
		expect(pages.join(' ')).toContain('Weekly engagement');
	});
});
