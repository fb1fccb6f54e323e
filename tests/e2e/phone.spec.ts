import { expect, test, type Page } from '@playwright/test';
import { hydrated, settled } from '../support/hydrated';

// A director on a phone (390 px) or a tablet (768 px): no page is wider than the screen, the
// navigation folds into a menu whose every link is on screen once opened, and the key figures stack
// in one column on the phone.

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

const menuButton = (page: Page) => page.getByRole('navigation', { name: 'Main' }).locator('summary');

async function openMenu(page: Page) {
	await menuButton(page).click();
	await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' })).toBeVisible();
}

for (const width of [390, 768]) {
	test.describe(`at ${width} px`, () => {
		test.use({ viewport: { width, height: 844 } });

		test('no page is wider than the screen, and every navigation link is on screen', async ({ page }) => {
			const tooWide: string[] = [];
			const offScreen: string[] = [];
			const visit = async (label: string) => {
				await settled(page);
				const documentWidth = await page.evaluate(() => document.documentElement.scrollWidth);
				if (documentWidth > width) tooWide.push(`${label}: ${documentWidth} px`);
				await openMenu(page);
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

test.describe('the menu at 390 px', () => {
	test.use({ viewport: { width: 390, height: 844 } });

	test('folds the links away, opens and closes from the keyboard, and closes when a link is followed', async ({
		page
	}) => {
		await page.goto('/usage');
		await hydrated(page);
		const nav = page.getByRole('navigation', { name: 'Main' });
		const social = nav.getByRole('link', { name: 'Social' });
		// Folded: the page starts under the bar, not under fourteen links.
		await expect(menuButton(page)).toHaveText(/Menu: Usage/);
		await expect(social).toBeHidden();
		const bar = await page.locator('header.top').boundingBox();
		expect(bar!.height).toBeLessThan(160);

		await menuButton(page).focus();
		await page.keyboard.press('Enter');
		await expect(social).toBeVisible();
		await expect(page.locator('details.menu')).toHaveAttribute('open', '');
		await page.keyboard.press('Tab');
		await expect(nav.getByRole('link', { name: 'Overview' })).toBeFocused();
		await page.keyboard.press('Escape');
		await expect(social).toBeHidden();
		await expect(menuButton(page)).toBeFocused();

		await page.keyboard.press('Space');
		await expect(social).toBeVisible();
		await social.click();
		await expect(page.getByRole('heading', { name: 'Social media', level: 1 })).toBeVisible();
		await expect(social).toBeHidden();
		await expect(menuButton(page)).toHaveText(/Menu: Social/);
	});

	test('opens without JavaScript too', async ({ browser }) => {
		const context = await browser.newContext({
			javaScriptEnabled: false,
			viewport: { width: 390, height: 844 },
			storageState: test.info().project.use.storageState as string
		});
		const page = await context.newPage();
		await page.goto('/overview');
		const social = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Social' });
		await expect(social).toBeHidden();
		await menuButton(page).click();
		await expect(social).toBeVisible();
		await social.click();
		await expect(page).toHaveURL(/\/social$/);
		await context.close();
	});
});

test.describe('the menu on a wide screen', () => {
	test.use({ viewport: { width: 1280, height: 800 } });

	test('is not there: every link shows in the bar', async ({ page }) => {
		await page.goto('/overview');
		await expect(menuButton(page)).toBeHidden();
		for (const link of await page.getByRole('navigation', { name: 'Main' }).getByRole('link').all())
			await expect(link).toBeVisible();
	});
});
