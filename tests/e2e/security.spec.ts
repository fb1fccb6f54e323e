import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { sessionCookie, stateOf } from '../support/roles';

const DEMO_X = 'data/demo/tweet_activity_metrics_MapleValleyPL_20231101_20261031_en.csv';

/** An X export whose one post (in the Staff Picks campaign's window, with its hashtag) has a script for a permalink. */
function craftedXExport(): string {
	const [header] = readFileSync(DEMO_X, 'utf8').split('\n');
	const columns = header!.split(',').length;
	const cells = [
		'"2018000000000000001"',
		'"javascript:fetch(\'/api/imports\').then(r=>r.text()).then(alert)"',
		'"New staff picks are out #mvplstaffpicks"',
		'"2026-02-03 15:00 +0000"',
		'"100.0"',
		'"5.0"'
	];
	while (cells.length < columns) cells.push('"0"');
	return `${header}\n${cells.join(',')}\n`;
}

test.describe('stored links cannot run script', () => {
	test.use({ storageState: stateOf('staff') });

	test('a javascript: permalink in an upload is never rendered as a link', async ({ page, baseURL }) => {
		const upload = await page.request.post('/api/imports?name=crafted_tweet_activity.csv', {
			headers: { origin: baseURL!, 'content-type': 'text/csv' },
			data: craftedXExport()
		});
		expect(upload.status()).toBe(200);
		await page.goto('/campaigns');
		await page.getByRole('link', { name: 'Staff Picks Winter 2026' }).click();
		const row = page.getByRole('row').filter({ hasText: 'New staff picks are out' });
		// Posts are listed newest first, 50 a page: follow "Older posts" to the crafted one's page,
		// checking each page on the way.
		await expect(page.getByRole('table').first()).toBeVisible();
		for (let next = 2; (await row.count()) === 0 && next <= 20; next++) {
			await expect(page.locator('a[href^="javascript:" i]')).toHaveCount(0);
			await page.getByRole('link', { name: /Older posts/ }).click();
			await page.waitForURL(new RegExp(`[?&]page=${next}(&|$)`));
		}
		await expect(row).toBeVisible();
		await expect(row.locator('a[href^="javascript:" i]')).toHaveCount(0);
		await expect(page.locator('a[href^="javascript:" i]')).toHaveCount(0);
	});
});

test('every answer carries a Content-Security-Policy, frame and sniffing protection', async ({ request }) => {
	const response = await request.get('/login');
	const headers = response.headers();
	expect(headers['content-security-policy']).toContain("script-src 'self'");
	expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
	expect(headers['x-frame-options']).toBe('DENY');
	expect(headers['x-content-type-options']).toBe('nosniff');
});

test('an upload named .. is refused with a message, not a server error', async ({ request, baseURL }) => {
	const response = await request.post('/api/imports?name=..', {
		headers: { origin: baseURL!, 'content-type': 'text/csv', cookie: sessionCookie('staff') },
		data: 'period_start,period,branch,metric,value\n'
	});
	expect(response.status()).toBe(400);
	expect(((await response.json()) as { summary: string }).summary).toContain('must be a file name');
});

test('PDF rendering is bounded: six at once from one person make two reports and a clear "wait" for the rest', async ({
	request
}) => {
	const cookie = sessionCookie('viewer');
	const answers = await Promise.all(
		Array.from({ length: 6 }, (_, i) =>
			request.get(`/reports/board.pdf?from=2026-0${(i % 6) + 1}-01&to=2026-0${(i % 6) + 1}-28`, { headers: { cookie } })
		)
	);
	const made = answers.filter((a) => a.status() === 200);
	const waiting = answers.filter((a) => a.status() === 503);
	expect(made).toHaveLength(2);
	expect(waiting).toHaveLength(4);
	for (const answer of made) expect((await answer.body()).subarray(0, 5).toString()).toBe('%PDF-');
	for (const answer of waiting) expect(await answer.text()).toContain('You already have 2 reports being made');
});
