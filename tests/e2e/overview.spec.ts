import { expect, test } from '@playwright/test';
import { hydrated } from '../support/hydrated';

test.describe('overview of the demo library', () => {
	test('shows the demo library, its key figures and two accessible charts', async ({ page }) => {
		await page.goto('/');
		await expect(page).toHaveURL(/\/overview$/);
		await expect(page.getByRole('complementary', { name: 'Demo library' })).toContainText('made-up sample data');
		await expect(page.getByText('Maple Valley Public Library').first()).toBeVisible();
		// The period, its comparison, the zone and the data's span read as sentences.
		await expect(page.locator('p.range')).toHaveText(
			'Nov 1, 2025 – Oct 31, 2026, compared with previous period (Nov 1, 2024 – Oct 31, 2025). Times in America/Chicago. Data covers Nov 1, 2023 – Oct 31, 2026.'
		);

		const figures = page.getByRole('region', { name: 'Key figures' });
		for (const label of ['Posts', 'Impressions', 'Engagement rate', 'Program attendance', 'Circulation']) {
			const card = figures.getByRole('article', { name: label });
			await expect(card).toBeVisible();
			await expect(card.locator('.value')).toHaveText(/^[\d,.]+%?$/);
			await expect(card).toContainText('vs previous period');
		}

		for (const title of ['Weekly engagement', 'Monthly program attendance and circulation']) {
			const chart = page.getByRole('figure', { name: title });
			await expect(chart).toBeVisible();
			await expect(chart.locator('svg').first()).toBeVisible();
			await expect(chart.locator('figcaption p')).toContainText(/peaked|busiest/);
			await chart.getByText(/^Data table/).click();
			await expect(chart.getByRole('table')).toBeVisible();
			expect(await chart.getByRole('table').locator('tbody tr').count()).toBeGreaterThan(10);
		}
		// Campaign windows are shaded and listed.
		await expect(
			page
				.getByRole('cell', { name: 'Staff Picks Winter 2026' })
				.or(page.getByRole('rowheader', { name: 'Staff Picks Winter 2026' }))
		).toBeVisible();
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	});

	test('a chosen date range changes the figures and is validated', async ({ page }) => {
		await page.goto('/overview?from=2026-06-01&to=2026-06-30');
		await hydrated(page);
		await expect(
			page.getByText('Jun 1, 2026 – Jun 30, 2026, compared with previous period (May 1, 2026 – May 31, 2026)')
		).toBeVisible();
		await page.getByLabel('Compare with').selectOption('year');
		await page.getByRole('button', { name: 'Show' }).click();
		await expect(page).toHaveURL(/compare=year/);
		await expect(page.getByText('compared with same period last year (Jun 1, 2025 – Jun 30, 2025)')).toBeVisible();
		await expect(page.getByRole('article', { name: 'Circulation' })).toContainText('vs same period last year');
		// A range that cannot be read keeps the page, and says what was wrong.
		const response = await page.goto('/overview?from=2026-06-31&to=2026-06-01');
		expect(response?.status()).toBe(200);
		await expect(page.getByRole('alert')).toContainText('from: 2026-06-31 is not a real date: June 2026 has 30 days');
	});

	test('an inverted date range shows the page, the default range and what was wrong, not a bare error', async ({
		page
	}) => {
		const response = await page.goto('/overview?from=2026-06-30&to=2026-01-01');
		expect(response?.status()).toBe(200);
		await expect(page.getByRole('alert')).toHaveText(
			'“From” (Jun 30, 2026) is after “To” (Jan 1, 2026), so that range holds no days. The default range is shown instead; choose the dates again.'
		);
		await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
		await expect(page.getByRole('region', { name: 'Key figures' })).toBeVisible();
	});
});
