import { expect, test } from '@playwright/test';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hydrated } from '../support/hydrated';
import { pdfPages } from '../support/pdf-text';
import { signInAt, stateOf } from '../support/roles';

// The server runs as `npm start` runs it (no ORIGIN), so these are the forms a newcomer uses, at
// both addresses a browser on the same machine may use.
const hosts = (baseURL: string | undefined) => {
	const url = new URL(baseURL!);
	return [url.origin, `http://localhost:${url.port}`];
};

test.describe('every form works as `npm start` serves Lantern', () => {
	test('Settings saves at http://127.0.0.1 and at http://localhost, and the new name shows everywhere', async ({
		page,
		baseURL
	}) => {
		for (const [index, origin] of hosts(baseURL).entries()) {
			if (index > 0) await signInAt(page, origin, 'admin');
			await page.goto(`${origin}/settings`);
			await hydrated(page);
			const name = `Maple Valley Public Library ${index === 0 ? '(loopback)' : ''}`.trim();
			await page.getByLabel('Library name').fill(name);
			await page.getByRole('button', { name: 'Save', exact: true }).click();
			await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toHaveText('Saved.');
			await page.goto(`${origin}/overview`);
			await expect(page.locator('header .library')).toHaveText(name);
		}
	});
});

test.describe('staff', () => {
	test.use({ storageState: stateOf('staff') });

	test('a staff member corrects a post’s strategy, and the correction is kept', async ({ page }) => {
		await page.goto('/campaigns');
		await hydrated(page);
		await page.getByRole('link', { name: 'Staff Picks Winter 2026' }).click();
		await hydrated(page);
		const strategy = page.getByLabel('Strategy of this post').first();
		await expect(strategy).toBeVisible();
		const post = page.getByRole('row').filter({ has: strategy }).first();
		const text = (await post.getByRole('rowheader').innerText()).slice(0, 60);
		// Choosing (as the arrow keys do) records nothing; only the Save button does.
		await strategy.focus();
		await strategy.press('ArrowDown');
		await strategy.selectOption('partner_collaborations');
		await page.waitForLoadState('networkidle');
		await expect(page.getByRole('status')).toHaveCount(0);
		await post.getByRole('button', { name: 'Save strategy' }).click();
		await expect(page.getByRole('status')).toContainText('corrected');
		await page.reload();
		await hydrated(page);
		const again = page.getByRole('row').filter({ hasText: text }).first();
		await expect(again.getByLabel('Strategy of this post')).toHaveValue('partner_collaborations');
		await expect(again).toContainText('set by staff');
	});

	test('a staff member removes an import and its rows are gone', async ({ page }) => {
		const path = join(mkdtempSync(join(tmpdir(), 'lantern-e2e-remove-')), 'door_counts_to_remove.csv');
		writeFileSync(
			path,
			'period_start,period,branch,metric,value\n2019-01-01,month,Central,visits,4321\n2019-02-01,month,Central,visits,1234\n'
		);
		await page.goto('/uploads');
		await hydrated(page);
		await page.getByLabel('Choose files').setInputFiles(path);
		await expect(page.getByRole('listitem').filter({ hasText: 'door_counts_to_remove.csv' })).toContainText('imported');
		await page.reload();
		await hydrated(page);
		const remove = page.getByRole('button', { name: /Remove import \d+ \(door_counts_to_remove\.csv\)/ });
		await expect(remove).toBeVisible();
		await remove.click();
		// Nothing is removed until the question that follows is answered.
		const question = page.getByRole('region', { name: /Remove import \d+ \(door_counts_to_remove\.csv\)\?/ });
		await expect(question).toContainText('This removes the 2 rows it loaded');
		await expect(page.getByRole('row', { name: /door_counts_to_remove\.csv/ })).toHaveCount(1);
		await question.getByRole('button', { name: /Yes, remove import \d+/ }).click();
		await expect(page.getByRole('status')).toContainText(/Removed import \d+ and all the rows it loaded/);
		await expect(page.getByRole('row', { name: /door_counts_to_remove\.csv/ })).toHaveCount(0);
	});
});

test.describe('trustees', () => {
	test('the Board report button downloads a PDF at http://localhost too, for a trustee', async ({ page, baseURL }) => {
		const localhost = hosts(baseURL)[1]!;
		await signInAt(page, localhost, 'viewer');
		await page.goto(`${localhost}/overview?from=2026-01-01&to=2026-06-30`);
		await hydrated(page);
		const downloading = page.waitForEvent('download');
		await page.getByRole('link', { name: 'Board report (PDF)' }).click();
		const pages = await pdfPages(new Uint8Array(readFileSync(await (await downloading).path())));
		expect(pages[0]).toContain('Jan 1, 2026 – Jun 30, 2026');
		expect(pages[0]).toContain('Board report');
	});
});
