import { expect, test } from '@playwright/test';
import { hydrated } from '../support/hydrated';

// Runs after every other spec (its own project in playwright.config.ts): it empties the library.
test('a director removes the demo data and starts from an empty library', async ({ page }) => {
	await page.goto('/overview');
	await hydrated(page);
	const banner = page.getByRole('complementary', { name: 'Demo library' });
	await expect(banner).toBeVisible();
	await banner.getByRole('link', { name: 'Remove demo data' }).click();
	// A question first: nothing is removed by the banner's link alone.
	const question = page.getByRole('region', { name: 'Remove the demo library?' });
	await expect(question).toContainText(/This removes the \d+ demo imports/);
	await page.goto('/overview');
	await expect(page.getByRole('complementary', { name: 'Demo library' })).toBeVisible();
	await page
		.getByRole('complementary', { name: 'Demo library' })
		.getByRole('link', { name: 'Remove demo data' })
		.click();
	await page.getByRole('button', { name: 'Yes, remove the demo data' }).click();
	await expect(page.getByRole('complementary', { name: 'Demo library' })).toHaveCount(0);
	await page.goto('/campaigns');
	await expect(page.getByRole('link', { name: 'Storytime at Eastside' })).toHaveCount(0);
	await page.goto('/overview');
	await expect(page.getByRole('complementary', { name: 'Demo library' })).toHaveCount(0);
});
