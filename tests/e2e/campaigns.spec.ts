import { expect, test } from '@playwright/test';
import { hydrated } from '../support/hydrated';

test.describe('campaigns, strategies and impact', () => {
	test('the campaigns page lists the demo campaigns and a campaign shows its posts and Impact panel', async ({
		page
	}) => {
		await page.goto('/campaigns');
		await hydrated(page);
		const row = page.getByRole('row', { name: /Storytime at Eastside/ });
		await expect(row).toContainText('Programs and events showcase');
		await row.getByRole('link', { name: 'Storytime at Eastside' }).click();
		await hydrated(page);
		await expect(page.getByRole('heading', { name: 'Storytime at Eastside', level: 1 })).toBeVisible();
		const impact = page.getByRole('region', { name: /Impact on storytime attendance at Eastside/ });
		await expect(impact).toContainText(
			/During the campaign, storytime attendance at Eastside averaged [\d,.]+, against [\d,.]+ expected without it \(95% interval/
		);
		await expect(impact.getByRole('figure')).toBeVisible();
		await expect(impact.locator('svg').first()).toBeVisible();
		await expect(impact.getByRole('table', { name: /Post-period summary/ })).toContainText('Relative effect');
		const crossCheck = impact.getByRole('region', { name: 'Cross-check: against Central, Riverside' });
		await expect(crossCheck).toContainText(/^.*Compared with Central and Riverside, which the campaign did not target/);
		await expect(crossCheck.getByRole('table')).toContainText('Expected from the other branches');
		await expect(page.getByRole('cell', { name: 'hashtag #storytimeateastside' }).first()).toBeVisible();
	});

	test("a platform chosen on the Campaigns list carries to a campaign's page, whose figures and posts are that platform's", async ({
		page
	}) => {
		await page.goto('/campaigns?platform=instagram');
		await hydrated(page);
		await page.getByRole('link', { name: '#MapleSummerReads 2026' }).click();
		await expect(page).toHaveURL(/\/campaigns\/\d+\?platform=instagram/);
		await hydrated(page);
		await expect(page.getByTestId('active-filters')).toContainText('Filters on: platform Instagram');
		const choice = page.getByRole('form', { name: 'Platform' }).getByLabel('Posts and figures on');
		await expect(choice).toHaveValue('instagram');
		const label = await choice.locator('option:checked').innerText();
		const instagram = Number(/\(([\d,]+) posts\)/.exec(label)![1]!.replaceAll(',', ''));
		const every = await choice.locator('option[value=""]').innerText();
		expect(instagram).toBeGreaterThan(0);
		expect(instagram).toBeLessThan(Number(/\(([\d,]+) posts\)/.exec(every)![1]!.replaceAll(',', '')));
		const figures = page.getByRole('region', { name: 'Campaign figures' });
		await expect(
			figures
				.locator('div')
				.filter({ hasText: /^Posts/ })
				.locator('strong')
		).toHaveText(new Intl.NumberFormat('en-US').format(instagram));
		const posts = page
			.locator('section.card')
			.filter({ has: page.getByRole('heading', { name: 'Posts in this campaign' }) });
		const rows = posts.locator('tbody tr');
		await expect(rows).toHaveCount(Math.min(50, instagram));
		await expect(rows.locator('small').filter({ hasText: /^(X|Facebook)\b/ })).toHaveCount(0);

		// Every platform again, from the form.
		await choice.selectOption('');
		await page.getByRole('form', { name: 'Platform' }).getByRole('button', { name: 'Show' }).click();
		await expect(page.getByTestId('active-filters')).toContainText('No filters on');
		await expect(page).not.toHaveURL(/platform=instagram/);
	});

	test('a one-month campaign is judged as temporary, and a campaign with no effect reads inconclusive', async ({
		page
	}) => {
		await page.goto('/campaigns');
		await hydrated(page);
		await page.getByRole('link', { name: 'Library Card Month 2025' }).click();
		const cards = page.getByRole('region', { name: /^Impact on new cards per / });
		await expect(cards).toContainText(
			/During the campaign, new cards averaged [\d,]+, against [\d,]+ expected without it/
		);
		await expect(cards).toContainText('estimated as temporary');
		await page.goto('/campaigns');
		await hydrated(page);
		await page.getByRole('link', { name: 'Staff Picks Winter 2026' }).click();
		await expect(page.getByRole('region', { name: /^Impact on physical circulation per / })).toContainText(
			'the data cannot tell whether the campaign made a difference'
		);
	});

	test('a staff member removes a post from a campaign and it stays removed', async ({ page }) => {
		await page.goto('/campaigns');
		await hydrated(page);
		await page.getByRole('link', { name: 'Patron Stories 2025' }).click();
		await hydrated(page);
		await expect(page.getByRole('heading', { name: 'Patron Stories 2025', level: 1 })).toBeVisible();
		const posts = page.getByRole('button', { name: 'Remove this post from the campaign' });
		// count() does not wait: wait until the campaign's posts are on the page.
		await expect(posts.first()).toBeVisible();
		// The list shows 50 posts a page and says how many there are in all.
		const shown = page.getByTestId('posts-shown');
		const total = async () =>
			Number(/([\d,]+)(?: posts?)?, newest first/.exec(await shown.innerText())![1]!.replace(/,/g, ''));
		const before = await total();
		expect(before).toBeGreaterThan(10);
		expect(await posts.count()).toBe(Math.min(before, 50));
		await posts.first().click();
		await expect(page.getByRole('status')).toContainText('from this campaign');
		await page.reload();
		await hydrated(page);
		await expect(shown).toContainText(/newest first/);
		expect(await total()).toBe(before - 1);
		if (before - 1 > 50) {
			await page.getByRole('link', { name: 'Older posts →' }).click();
			await expect(shown).toContainText(`Posts 51–${before - 1} of ${before - 1}`);
		}
	});

	test('strategies and explore pages answer', async ({ page }) => {
		await page.goto('/strategies');
		await hydrated(page);
		await expect(page.getByRole('table', { name: 'Strategies compared' })).toContainText(
			'Book recommendations and reviews'
		);
		await page.goto('/explore');
		await hydrated(page);
		await page.getByLabel('Outcome').selectOption('usage:circulation');
		await page.getByLabel('Start').fill('2025-06-01');
		await page.getByLabel(/Control series for the cross-check/).selectOption(['usage:visits']);
		await page.getByRole('button', { name: 'Estimate' }).click();
		const panel = page.getByRole('region', { name: /^Impact on physical circulation per / });
		await expect(panel).toContainText(/During the campaign, physical circulation averaged [\d,]+/);
		const crossCheck = panel.getByRole('region', { name: 'Cross-check: against visits' });
		await expect(crossCheck).toContainText('Compared with visits (chosen as control series');
		await expect(crossCheck.getByRole('table')).toContainText('Expected from the control series');
	});

	test('the strategies page says how many posts carry no strategy', async ({ page }) => {
		await page.goto('/strategies');
		// A pattern is matched against the element's raw text, line breaks of the markup included.
		await expect(page.getByTestId('strategy-coverage')).toHaveText(
			/^[\d,]+ of [\d,]+ posts carry a\s+strategy;\s+[\d,]+\s+\(\d+%\) matched no strategy's words/
		);
		await expect(page.getByText('Every post carries one of six strategies')).toHaveCount(0);
	});
});
