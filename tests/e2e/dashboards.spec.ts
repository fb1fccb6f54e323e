import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { hydrated } from '../support/hydrated';

/**
 * A sum over one of the demo library's CSV files (simple ones: no quoted commas), the same rows the
 * server loaded into its database; the unit tests check the database against these files row for row.
 */
function demoSum(file: string, keep: (row: Record<string, string>) => boolean, column = 'value'): number {
	const [header, ...lines] = readFileSync(`data/demo/${file}`, 'utf8').trim().split(/\r?\n/);
	const names = header!.split(',');
	return lines
		.map((line) => Object.fromEntries(line.split(',').map((cell, i) => [names[i]!, cell])))
		.filter(keep)
		.reduce((sum, row) => sum + Number(row[column]), 0);
}
/** The filter form: the page's tables and charts also name branches and campaigns. */
const filters = (page: Page) => page.getByRole('form', { name: 'Filters' });
const count = (value: number) => new Intl.NumberFormat('en-US').format(value);

// A newcomer's question, from the dashboards alone: did the summer reading push work, and at which
// branch? Then the other three dashboards, each with a filter chosen in the form and kept in the
// address. The figures checked here are the demo library's, which the unit tests check against its files.

test.describe('the dashboards of the demo library', () => {
	test('Literacy answers "did the summer reading push work, and at which branch?"', async ({ page }) => {
		await page.goto('/overview');
		await hydrated(page);
		await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Literacy' }).click();
		await expect(page.getByRole('heading', { name: 'Literacy', level: 1 })).toBeVisible();
		await hydrated(page);
		await filters(page).getByLabel('Campaign').selectOption({ label: '#MapleSummerReads 2026' });
		await page.getByRole('button', { name: 'Show' }).click();
		await expect(page).toHaveURL(/campaign=\d+/);
		await expect(page.getByTestId('active-filters')).toContainText('Filters on: campaign #MapleSummerReads 2026');
		await expect(page.getByTestId('active-filters')).toContainText(
			'May 25, 2026 – Aug 14, 2026 against same period last year'
		);
		// 2026's summer against 2025's, over the campaign's weeks: the demo's registrations rose at every branch.
		const branches = page.getByRole('figure', { name: 'Summer reading registrations by branch' });
		await expect(branches.locator('figcaption p')).toContainText(/Registrations rose at every branch .*most at \w+/);
		await expect(branches.locator('svg').first()).toBeVisible();
		const registered = page.getByRole('article', { name: 'Registered' });
		const inWindow = (row: Record<string, string>) =>
			row.metric === 'registrations' && row.period_start! >= '2026-05-25' && row.period_start! <= '2026-08-14';
		await expect(registered.locator('.value')).toHaveText(count(demoSum('summer_reading_2024_2026.csv', inWindow)));
		await expect(registered).toContainText('vs same period last year');
		await page.getByRole('link', { name: '#MapleSummerReads 2026: campaign impact' }).click();
		await expect(page.getByRole('heading', { name: '#MapleSummerReads 2026', level: 1 })).toBeVisible();
	});

	test('Usage, Programs and Social keep their filters in the address and say which are on', async ({ page }) => {
		await page.goto('/usage?from=2026-01-01&to=2026-06-30');
		await hydrated(page);
		await filters(page).getByLabel('Branch').selectOption('Eastside');
		await page.getByRole('button', { name: 'Show' }).click();
		await expect(page).toHaveURL(/branch=Eastside/);
		await expect(page).toHaveURL(/from=2026-01-01/);
		await expect(page.getByTestId('active-filters')).toContainText('Filters on: branch Eastside');
		const table = page
			.getByRole('region', { name: 'Usage by branch' })
			.or(page.locator('section', { hasText: 'Usage by branch' }));
		await expect(table.getByRole('rowheader', { name: 'Eastside' })).toBeVisible();
		await expect(table.getByRole('rowheader', { name: 'Central' })).toHaveCount(0);
		const eastsideCirculation = demoSum(
			'usage_monthly_2023-11_2026-10.csv',
			(row) =>
				row.branch === 'Eastside' &&
				['circulation', 'digital_checkouts'].includes(row.metric!) &&
				row.period_start! >= '2026-01-01' &&
				row.period_start! <= '2026-06-01'
		);
		await expect(page.getByRole('article', { name: 'Circulation' }).locator('.value')).toHaveText(
			count(eastsideCirculation)
		);

		await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Programs' }).click();
		await hydrated(page);
		await filters(page).getByLabel('Audience').selectOption('Teens');
		await page.getByRole('button', { name: 'Show' }).click();
		await expect(page).toHaveURL(/audience=Teens/);
		await expect(page.getByTestId('active-filters')).toContainText('audience Teens');
		await expect(page.getByRole('figure', { name: 'Attendance by category' })).toBeVisible();

		await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Social' }).click();
		await hydrated(page);
		await filters(page).getByLabel('Platform').selectOption({ label: 'Instagram' });
		await page.getByRole('button', { name: 'Show' }).click();
		await expect(page).toHaveURL(/platform=instagram/);
		await expect(page.getByTestId('active-filters')).toContainText('platform Instagram');
		await expect(
			page
				.getByRole('region', { name: 'Top posts' })
				.getByRole('link', { name: /Open the post/ })
				.first()
		).toBeVisible();
		await expect(page.getByText('Engagements ÷ impressions, over posts that report both')).toBeVisible();
	});
});
