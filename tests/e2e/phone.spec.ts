import { expect, test, type Page } from '@playwright/test';
import { hydrated } from '../support/hydrated';

// A director on a phone (390 px) or a tablet (768 px): no page is wider than the screen, every
// navigation link is on screen, and the key figures stack in one column on the phone.

const PAGES = [
	'/overview',
	'/social',
	'/programs',
	'/usage',
	'/literacy',
	'/campaigns',
	'/campaigns/new',
	'/campaigns/1/edit',
	'/strategies',
	'/explore',
	'/library',
	'/uploads',
	'/xid',
	'/admin/users'
];

async function openCampaign(page: Page) {
	await page.goto('/campaigns');
	await hydrated(page);
	await page.getByRole('link', { name: 'Storytime at Eastside' }).click();
	await expect(page.getByRole('heading', { name: 'Storytime at Eastside', level: 1 })).toBeVisible();
}

for (const width of [390, 768]) {
	test.describe(`at ${width} px`, () => {
		test.use({ viewport: { width, height: 844 } });

		test('no page is wider than the screen, and every navigation link is on screen', async ({ page }) => {
			const tooWide: string[] = [];
			const offScreen: string[] = [];
			const visit = async (label: string) => {
				await page.waitForLoadState('networkidle');
				const documentWidth = await page.evaluate(() => document.documentElement.scrollWidth);
				if (documentWidth > width) tooWide.push(`${label}: ${documentWidth} px`);
				for (const link of await page.getByRole('navigation', { name: 'Main' }).getByRole('link').all()) {
					const box = await link.boundingBox();
					if (!box || box.x < 0 || box.x + box.width > width || !(await link.isVisible()))
						offScreen.push(`${label}: ${await link.innerText()}`);
				}
			};
			for (const path of PAGES) {
				await page.goto(path);
				await hydrated(page);
				await visit(path);
			}
			await openCampaign(page);
			await visit('a campaign');
			expect(tooWide).toEqual([]);
			expect(offScreen).toEqual([]);
		});

		test('a wide table scrolls inside its card, not the page', async ({ page }) => {
			await openCampaign(page);
			const section = page.locator('section.card').filter({ hasText: 'Posts in this campaign' });
			const scroller = section.locator('.table-scroll');
			await expect(scroller).toHaveCSS('overflow-x', 'auto');
			const card = await section.boundingBox();
			expect(card!.x + card!.width).toBeLessThanOrEqual(width);
		});
	});
}

test.describe('at 390 px', () => {
	test.use({ viewport: { width: 390, height: 844 } });

	test('the key figures stack in one column', async ({ page }) => {
		await page.goto('/overview');
		await hydrated(page);
		const cards = page.getByRole('region', { name: 'Key figures' }).getByRole('article');
		const lefts = new Set<number>();
		for (const card of await cards.all()) lefts.add(Math.round((await card.boundingBox())!.x));
		expect(await cards.count()).toBeGreaterThan(1);
		expect([...lefts]).toHaveLength(1);
	});
});
