import { expect, test } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLantern } from '../support/lantern-server';

// Addresses typed or pasted by hand: a date that does not exist or a year out of reach is a mistake
// in the address, answered with a page that names the parameter and what is allowed, never a 500.
const ALLOWED = 'write YYYY-MM-DD, from 1900-01-01 to 2100-12-31';
// The Overview keeps its place and shows the default range with the message; the print page has
// nothing to fall back on, so it answers 400 with the message and a way back.
const ON_THE_OVERVIEW = [
	{ path: '/overview?from=2026-02-30', says: 'from: 2026-02-30 is not a real date: February 2026 has 28 days' },
	{ path: '/overview?from=0000-01-01', says: 'from: 0000-01-01 is outside the dates Lantern accepts' },
	{ path: '/overview?to=9999-12-31', says: 'to: 9999-12-31 is outside the dates Lantern accepts' }
];
const ON_AN_ERROR_PAGE = [
	{ path: '/print/board-report?from=2026-02-30', says: 'from: 2026-02-30 is not a real date' },
	{ path: '/print/board-report?to=9999-12-31', says: 'to: 9999-12-31 is outside the dates Lantern accepts' }
];

test.describe('a mistake in the address', () => {
	for (const { path, says } of ON_THE_OVERVIEW)
		test(`${path} shows the Overview with a message naming the parameter and the dates allowed`, async ({ page }) => {
			const response = await page.goto(path);
			expect(response?.status()).toBe(200);
			const message = page.getByRole('alert');
			await expect(message).toContainText(says);
			await expect(message).toContainText(ALLOWED);
			await expect(page.getByRole('navigation').first()).toBeVisible();
		});

	for (const { path, says } of ON_AN_ERROR_PAGE)
		test(`${path} answers 400 with a page naming the parameter and the dates allowed`, async ({ page }) => {
			const response = await page.goto(path);
			expect(response?.status()).toBe(400);
			await expect(page.getByRole('heading', { name: 'That address is not quite right' })).toBeVisible();
			const message = page.getByRole('alert');
			await expect(message).toContainText(says);
			await expect(message).toContainText(ALLOWED);
			const pathname = path.split('?')[0]!;
			await page.getByRole('link', { name: `Open ${pathname} with its usual settings` }).click();
			await expect(page).toHaveURL(new RegExp(`${pathname.replaceAll('/', '\\/')}$`));
		});

	test('the board report PDF refuses a year out of range in words, not with a 500', async ({ request }) => {
		const response = await request.get('/reports/board.pdf?from=2026-01-01&to=9999-12-31');
		expect(response.status()).toBe(400);
		expect(await response.text()).toContain('to: 9999-12-31 is outside the dates Lantern accepts');
	});

	test('Explore names the start date that does not exist and the dates allowed', async ({ page }) => {
		const response = await page.goto('/explore?metric=visits&start=2026-02-30');
		expect(response?.status()).toBe(200);
		await expect(page.getByRole('alert')).toContainText(
			`start: 2026-02-30 is not a real date: February 2026 has 28 days; ${ALLOWED}`
		);
		await page.goto('/explore?metric=visits&start=2026-01-01&end=9999-12-31');
		await expect(page.getByRole('alert')).toContainText(`end: 9999-12-31 is outside the dates Lantern accepts`);
	});
});

const OPERATOR = { email: 'operator@harbor.example', password: 'operator password 1' };

test.describe('on a server whose zone is UTC', () => {
	test('Settings offers UTC, shows it chosen, and saves', async ({ browser }) => {
		const server = await startLantern({
			database: join(mkdtempSync(join(tmpdir(), 'lantern-utc-')), 'lantern.duckdb'),
			env: {
				TZ: 'UTC',
				LANTERN_DEMO: '0',
				LANTERN_ADMIN_EMAIL: OPERATOR.email,
				LANTERN_ADMIN_PASSWORD: OPERATOR.password
			}
		});
		try {
			const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
			const page = await context.newPage();
			const base = server.base;
			await page.goto(`${base}/login`);
			await page.getByLabel('E-mail').fill(OPERATOR.email);
			await page.getByLabel('Password').fill(OPERATOR.password);
			await page.getByRole('button', { name: 'Sign in' }).click();
			await expect(page).not.toHaveURL(/\/login/);
			await page.goto(`${base}/settings`);
			const zone = page.getByLabel('Library time zone');
			await expect(zone).toHaveValue('UTC');
			await page.getByLabel('Library name').fill('Harbor Library');
			await page.getByRole('button', { name: 'Save', exact: true }).click();
			await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toHaveText('Saved.');
			await page.reload();
			await expect(page.getByLabel('Library time zone')).toHaveValue('UTC');
			await expect(page.getByLabel('Library name')).toHaveValue('Harbor Library');
			await context.close();
		} finally {
			await server.stop();
		}
	});
});
