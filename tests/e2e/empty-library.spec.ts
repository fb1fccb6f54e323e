import { expect, test } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { axeViolations } from '../support/axe';
import { hydrated } from '../support/hydrated';
import { startLantern, type LanternServer } from '../support/lantern-server';

// A library that has uploaded nothing yet, started as `npm start` starts it without the demo: every
// dashboard says what is missing and which upload fills it, with a way to the Uploads page, rather
// than empty tables, blank charts or a form with nothing to choose.

const ADMIN = { email: 'first@empty.example', password: 'first admin password' };

/** Each page, the empty state's heading, and a phrase naming the upload that fills it. */
const PAGES = [
	{ path: '/overview', heading: 'No data yet', upload: /social-media exports and library statistics/ },
	{ path: '/social', heading: 'No posts yet', upload: /Meta Business Suite/ },
	{ path: '/programs', heading: 'No programs yet', upload: /LibCal events export/ },
	{ path: '/usage', heading: 'No usage figures yet', upload: /Lantern usage template/ },
	{ path: '/literacy', heading: 'No summer reading figures yet', upload: /Beanstack or READsquared/ },
	{ path: '/strategies', heading: 'No posts yet', upload: /X archive or analytics CSV/ },
	{ path: '/explore', heading: 'No outcome series yet', upload: /LibCal events export/ },
	{ path: '/campaigns', heading: 'No campaigns yet', upload: /campaigns JSON file/ }
];

let server: LanternServer;

test.beforeAll(async () => {
	server = await startLantern({
		database: join(mkdtempSync(join(tmpdir(), 'lantern-empty-')), 'lantern.duckdb'),
		env: {
			TZ: 'America/Chicago',
			LANTERN_DEMO: '0',
			LANTERN_ADMIN_EMAIL: ADMIN.email,
			LANTERN_ADMIN_PASSWORD: ADMIN.password
		}
	});
});

test.afterAll(async () => {
	await server?.stop();
});

test('every dashboard of an empty library names the upload that would fill it', async ({ browser }) => {
	const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
	const page = await context.newPage();
	await page.goto(`${server.base}/login`);
	await page.getByLabel('E-mail').fill(ADMIN.email);
	await page.getByLabel('Password').fill(ADMIN.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).not.toHaveURL(/\/login/);
	for (const { path, heading, upload } of PAGES) {
		await test.step(path, async () => {
			const answer = await page.goto(`${server.base}${path}`);
			expect(answer?.status()).toBe(200);
			await hydrated(page);
			const empty = page.locator('main section.card').filter({ has: page.getByRole('heading', { name: heading }) });
			await expect(empty.first()).toBeVisible();
			await expect(empty.first()).toContainText(upload);
			await expect(empty.first().getByRole('link', { name: 'Uploads' })).toHaveAttribute('href', '/uploads');
			// Nothing to pick from: no table of zeros and no estimate form with an empty list.
			await expect(page.locator('main table')).toHaveCount(0);
			await expect(page.getByRole('form', { name: 'Estimate' })).toHaveCount(0);
			expect(await axeViolations(page)).toEqual([]);
		});
	}
	await context.close();
});
