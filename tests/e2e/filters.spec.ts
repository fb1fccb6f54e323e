import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { hydrated } from '../support/hydrated';

// A branch and a platform chosen in the Overview's form stay in the address from page to page
// (Overview → Strategies → Campaigns → Explore), each page says which of them it applies, and the
// Overview's figure is the branch's own, summed here from the demo file the server loaded.

const filters = (page: Page) => page.getByRole('form', { name: 'Filters' });
const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });
const count = (value: number) => new Intl.NumberFormat('en-US').format(value);

/** Eastside's physical and digital checkouts, January to June 2026, from the demo's monthly usage file. */
function eastsideCirculation(): number {
	const [header, ...lines] = readFileSync('data/demo/usage_monthly_2023-11_2026-10.csv', 'utf8').trim().split(/\r?\n/);
	const names = header!.split(',');
	return lines
		.map((line) => Object.fromEntries(line.split(',').map((cell, i) => [names[i]!, cell])))
		.filter(
			(row) =>
				row.branch === 'Eastside' &&
				['circulation', 'digital_checkouts'].includes(row.metric!) &&
				row.period_start! >= '2026-01-01' &&
				row.period_start! <= '2026-06-01'
		)
		.reduce((sum, row) => sum + Number(row.value), 0);
}

test('a branch and a platform chosen on the Overview are kept and stated on Strategies, Campaigns and Explore', async ({
	page
}) => {
	await page.goto('/overview?from=2026-01-01&to=2026-06-30');
	await hydrated(page);
	await filters(page).getByLabel('Branch').selectOption('Eastside');
	await filters(page).getByLabel('Platform').selectOption({ label: 'Instagram' });
	await filters(page).getByRole('button', { name: 'Show' }).click();
	await expect(page).toHaveURL(/branch=Eastside/);
	await expect(page).toHaveURL(/platform=instagram/);
	await expect(page.getByTestId('active-filters')).toContainText('Filters on: branch Eastside; platform Instagram');
	const circulation = page.getByRole('article', { name: 'Circulation' });
	await expect(circulation.locator('.value')).toHaveText(count(eastsideCirculation()));
	await expect(circulation).toContainText('Not narrowed by platform');
	await expect(page.getByRole('article', { name: 'Posts' })).toContainText('Not narrowed by branch');
	await expect(page.getByRole('link', { name: 'Board report (PDF)' })).toHaveAttribute(
		'href',
		/branch=Eastside.*platform=instagram/
	);

	await nav(page, 'Strategies').click();
	await expect(page.getByRole('heading', { name: 'Advocacy strategies', level: 1 })).toBeVisible();
	await expect(page).toHaveURL(/\/strategies\?.*branch=Eastside.*platform=instagram/);
	await expect(page.getByTestId('active-filters')).toContainText('Filters on: platform Instagram');
	await expect(page.getByTestId('filters-not-applied')).toContainText('Not applied on this page: branch Eastside');

	await nav(page, 'Campaigns').click();
	await expect(page.getByRole('heading', { name: 'Campaigns', level: 1 })).toBeVisible();
	await expect(page).toHaveURL(/\/campaigns\?.*branch=Eastside.*platform=instagram/);
	await expect(page.getByTestId('active-filters')).toContainText('Filters on: branch Eastside; platform Instagram');

	await nav(page, 'Explore').click();
	await expect(page.getByRole('heading', { name: 'Explore impact', level: 1 })).toBeVisible();
	await expect(page).toHaveURL(/\/explore\?.*branch=Eastside.*platform=instagram/);
	await expect(page.getByTestId('active-filters')).toContainText('Filters on: branch Eastside; platform Instagram');

	await nav(page, 'Overview').click();
	await expect(page).toHaveURL(/\/overview\?from=2026-01-01&to=2026-06-30.*branch=Eastside.*platform=instagram/);
	await expect(page.getByRole('article', { name: 'Circulation' }).locator('.value')).toHaveText(
		count(eastsideCirculation())
	);
});

test("a campaign chosen on the Overview carries to the board report builder, whose figures count that campaign's posts", async ({
	page
}) => {
	await page.goto('/overview');
	await hydrated(page);
	await filters(page).getByLabel('Campaign').selectOption({ label: 'Staff Picks Winter 2026' });
	await filters(page).getByRole('button', { name: 'Show' }).click();
	await expect(page).toHaveURL(/campaign=\d+/);
	const posts = (await page.getByRole('article', { name: 'Posts' }).locator('.value').textContent())!.trim();

	await page.getByRole('link', { name: 'Build a board report' }).click();
	await hydrated(page);
	await expect(page).toHaveURL(/\/reports\/new\?.*campaign=Staff.*posts=campaign/);
	const only = page.getByRole('checkbox', { name: "Count only this campaign's posts in the social figures" });
	await expect(only).toBeChecked();
	const preview = page.frameLocator('iframe[title="Preview of the board report"]');
	await expect(preview.getByTestId('cover-posts')).toContainText('Only the posts of Staff Picks Winter 2026');
	await expect(page.getByRole('textbox', { name: /Executive summary/ })).toHaveValue(
		new RegExp(`The library published ${posts} posts`)
	);

	await only.uncheck();
	await page.getByRole('button', { name: 'Update preview' }).click();
	await expect(page).not.toHaveURL(/posts=campaign/);
	await expect(preview.getByTestId('cover-posts')).toHaveText('Every post');
	await expect(page.getByRole('textbox', { name: /Executive summary/ })).not.toHaveValue(
		new RegExp(`The library published ${posts} posts`)
	);
});
