import { expect, test } from '@playwright/test';
import { axeViolations } from '../support/axe';
import { hydrated } from '../support/hydrated';

// Every page as the demo admin sees it, checked by axe-core: no serious or critical violation may
// remain. Charts draw after hydration, so each page waits for its figures before axe looks.

const PAGES: { name: string; path: string }[] = [
	{ name: 'overview', path: '/overview' },
	{ name: 'overview with an inverted range', path: '/overview?from=2026-06-30&to=2026-01-01' },
	{ name: 'social', path: '/social' },
	{ name: 'social, one platform', path: '/social?platform=instagram' },
	{ name: 'programs', path: '/programs' },
	{ name: 'usage', path: '/usage' },
	{ name: 'literacy', path: '/literacy' },
	{ name: 'literacy, one branch in one summer', path: '/literacy?from=2026-06-01&to=2026-08-31&branch=Eastside' },
	{ name: 'campaigns', path: '/campaigns' },
	{ name: 'a campaign: summer reading, its impact branch by branch', path: '/campaigns/5' },
	{ name: 'new campaign', path: '/campaigns/new' },
	{ name: 'edit campaign', path: '/campaigns/1/edit' },
	{ name: 'close-the-campaign question', path: '/campaigns/1/edit?close=confirm' },
	{ name: 'strategies', path: '/strategies' },
	{ name: 'strategies, page 2 of the unclassified posts', path: '/strategies?page=2' },
	{ name: 'explore', path: '/explore' },
	{ name: "explore, one branch's estimate", path: '/explore?metric=literacy%3Aregistrations%3ARiverside&campaign=5' },
	{ name: 'report builder', path: '/reports/new' },
	{ name: 'library data', path: '/library' },
	{ name: 'uploads', path: '/uploads' },
	{ name: 'remove-the-demo question', path: '/uploads?removeDemo=confirm' },
	{ name: 'X ID tools', path: '/xid' },
	{ name: 'settings', path: '/settings' },
	{ name: 'e-mail settings', path: '/settings/email' },
	{ name: 'reports', path: '/reports' },
	{ name: 'people', path: '/admin/users' },
	{ name: 'audit log', path: '/admin/audit' },
	{ name: 'your account', path: '/account' },
	{ name: 'board report (print page)', path: '/print/board-report' },
	{ name: 'campaign-not-found', path: '/campaigns/999999' },
	{ name: 'bad-address (400)', path: '/print/board-report?from=2026-02-30' }
];

test.describe('accessibility: axe finds no serious or critical violation', () => {
	for (const { name, path } of PAGES) {
		test(`the ${name} page`, async ({ page }) => {
			await page.goto(path);
			await hydrated(page);
			expect(await axeViolations(page)).toEqual([]);
		});
	}

	test('a campaign page with its impact charts and strategy corrections', async ({ page }) => {
		await page.goto('/campaigns');
		await hydrated(page);
		await page.getByRole('link', { name: 'Storytime at Eastside' }).click();
		await expect(page.getByRole('heading', { name: 'Storytime at Eastside', level: 1 })).toBeVisible();
		await hydrated(page);
		expect(await axeViolations(page)).toEqual([]);
	});

	test('headings go in order where an estimate is shown (axe rates heading order moderate, so it is checked apart)', async ({
		page
	}) => {
		for (const path of ['/explore?metric=literacy%3Aregistrations%3ARiverside&campaign=5', '/campaigns/5']) {
			await page.goto(path);
			await hydrated(page);
			expect(await axeViolations(page, { rules: ['heading-order'] }), path).toEqual([]);
		}
	});

	test('a phone with the menu open', async ({ page }) => {
		await page.setViewportSize({ width: 390, height: 844 });
		await page.goto('/social');
		await hydrated(page);
		await page.getByRole('navigation', { name: 'Main' }).locator('summary').click();
		await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Usage' })).toBeVisible();
		expect(await axeViolations(page)).toEqual([]);
	});

	for (const width of [390, 768]) {
		test(`every dashboard at ${width} px`, async ({ page }) => {
			await page.setViewportSize({ width, height: 844 });
			const found: string[] = [];
			for (const path of [
				'/overview',
				'/social',
				'/programs',
				'/usage',
				'/literacy',
				'/campaigns',
				'/campaigns/5',
				'/strategies',
				'/explore?metric=literacy%3Aregistrations%3ARiverside&campaign=5',
				'/library',
				'/reports/new'
			]) {
				await page.goto(path);
				await hydrated(page);
				found.push(...(await axeViolations(page)).map((violation) => `${path}: ${violation}`));
			}
			expect(found).toEqual([]);
		});
	}

	test('the check itself sees a violation in the page and inside the report preview frame', async ({ page }) => {
		await page.goto('/reports/new');
		await hydrated(page);
		const preview = page.frameLocator('iframe[title="Preview of the board report"]');
		await expect(preview.getByRole('heading', { level: 1 }).first()).toBeVisible();
		// An image with no text alternative: a critical violation (image-alt), once in each document.
		const unlabelled = () => {
			const image = document.createElement('img');
			image.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
			document.querySelector('main')!.append(image);
		};
		await page.evaluate(unlabelled);
		expect(await axeViolations(page)).toEqual([expect.stringMatching(/^image-alt \(critical, 1\): img$/)]);
		await preview.locator('main').evaluate(unlabelled);
		expect(await axeViolations(page)).toEqual([expect.stringMatching(/^image-alt \(critical, 2\)/)]);
	});

	test('the sign-in page', async ({ browser }) => {
		const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
		const page = await context.newPage();
		await page.goto('/login');
		await hydrated(page);
		expect(await axeViolations(page)).toEqual([]);
		await context.close();
	});
});

test.describe('keyboard', () => {
	test('the first Tab reaches a skip link that moves focus past the navigation to the page', async ({ page }) => {
		await page.goto('/overview');
		await hydrated(page);
		await page.keyboard.press('Tab');
		const skip = page.getByRole('link', { name: 'Skip to the page content' });
		await expect(skip).toBeFocused();
		await expect(skip).toBeInViewport();
		await page.keyboard.press('Enter');
		await expect(page.locator('main')).toBeFocused();
		await page.keyboard.press('Tab');
		// The next stop is inside the page, not the header's links.
		expect(await page.evaluate(() => document.activeElement?.closest('header'))).toBeNull();
	});

	test('"Choose files" shows where the focus is', async ({ page }) => {
		await page.goto('/uploads');
		await hydrated(page);
		const input = page.getByLabel('Choose files');
		await input.focus();
		// Focused by keyboard, not by a click: Tab to it from the element before.
		await page.keyboard.press('Shift+Tab');
		await page.keyboard.press('Tab');
		await expect(input).toBeFocused();
		const label = page.locator('label', { has: input });
		await expect(label).toHaveCSS('outline-style', 'solid');
		await expect(label).toHaveCSS('outline-width', '3px');
	});

	test('the error page has a title, landmarks and links back', async ({ page }) => {
		const response = await page.goto('/campaigns/999999');
		expect(response?.status()).toBe(404);
		await expect(page).toHaveTitle('Page not found · Lantern');
		await expect(page.getByRole('main').getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
		await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
		await page.getByRole('navigation', { name: 'Ways back' }).getByRole('link', { name: 'Go to the overview' }).click();
		await expect(page).toHaveURL(/\/overview/);
	});
});
