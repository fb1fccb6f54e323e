import { expect, test } from '@playwright/test';
import { hydrated } from '../support/hydrated';
import { sessionCookie } from '../support/roles';
import { existsSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const X_LEGACY = resolve(
	'../shared/fixtures/real/x-analytics-legacy/x_legacy_tweet_activity_metrics_ropensci_2021-11.csv'
);

test.describe('uploads', () => {
	test('a staff member uploads an X export and sees it counted on the overview', async ({ page }) => {
		test.skip(!existsSync(X_LEGACY), 'reads ../shared/fixtures/real, which is not beside this clone');
		await page.goto('/uploads');
		await hydrated(page);
		await page.getByLabel('Choose files').setInputFiles(X_LEGACY);
		const item = page.getByRole('listitem').filter({ hasText: 'x_legacy_tweet_activity_metrics_ropensci_2021-11.csv' });
		await expect(item).toContainText('imported');
		await expect(item).toContainText('X (Twitter) tweet activity: 33 rows loaded.');
		const row = page.getByRole('row', { name: /x_legacy_tweet_activity_metrics_ropensci_2021-11\.csv/ });
		await expect(row).toContainText('33');
		await expect(row).toContainText('user:admin@maplevalley.example');

		await page.goto('/overview?from=2021-11-01&to=2021-11-30');
		await hydrated(page);
		await expect(page.getByRole('article', { name: 'Posts' }).locator('.value')).toHaveText('33');
		await expect(page.getByRole('article', { name: 'Impressions' }).locator('.value')).toHaveText('131,651');

		// The same file again is recognised and adds nothing.
		await page.goto('/uploads');
		await hydrated(page);
		await page.getByLabel('Choose files').setInputFiles(X_LEGACY);
		await expect(page.getByRole('listitem').filter({ hasText: 'already imported' })).toBeVisible();
	});

	test('a broken file is refused with the row, the column and what to fix', async ({ page }) => {
		const path = join(mkdtempSync(join(tmpdir(), 'lantern-e2e-upload-')), 'usage.csv');
		writeFileSync(
			path,
			'period_start,period,branch,metric,value\n2026-01-01,month,Central,visits,120\n2026-02-01,month,Central,visits,lots\n'
		);
		await page.goto('/uploads');
		await hydrated(page);
		await page.getByLabel('Choose files').setInputFiles(path);
		const item = page.getByRole('listitem').filter({ hasText: 'usage.csv' }).first();
		await expect(item).toContainText('rejected');
		await expect(item).toContainText('Row 3, column “value”: a 4-character text is not a number');
	});
});

test('an upload larger than the limit is refused from its declared size, before it is read', async ({ baseURL }) => {
	const { request } = await import('node:http');
	const url = new URL('/api/imports?name=huge.csv', baseURL);
	const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
		const req = request(
			url,
			{
				method: 'POST',
				headers: {
					'content-length': String(2 * 1024 ** 3),
					'content-type': 'text/csv',
					origin: url.origin,
					cookie: sessionCookie('staff')
				}
			},
			(res) => {
				let body = '';
				res.on('data', (chunk) => (body += chunk));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
			}
		);
		req.on('error', reject);
		req.write('period_start,period,branch,metric,value\n');
		// Only the first bytes of a "2 GB" body are sent: the answer must come without the rest.
		setTimeout(() => req.destroy(), 10_000);
	});
	expect(answer.status).toBe(413);
	expect(JSON.parse(answer.body).errors[0].message).toMatch(/larger than the upload limit of 200 MB/);
});
