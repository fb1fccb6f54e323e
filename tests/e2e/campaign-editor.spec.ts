import { expect, test } from '@playwright/test';
import { axeViolations } from '../support/axe';
import { hydrated } from '../support/hydrated';

// Inside the demo's Storytime at Eastside window and with its strategy, so the posts it takes in keep
// the strategy they had and the other specs' figures stand.
const NAME = 'Fall storytime reminders';

test('staff create a campaign with a preview, then edit and close it', async ({ page }) => {
	test.setTimeout(180_000);
	await page.goto('/campaigns');
	await hydrated(page);
	await page.getByRole('link', { name: 'New campaign' }).click();
	await expect(page.getByRole('heading', { name: 'New campaign', level: 1 })).toBeVisible();
	await hydrated(page);

	await page.getByLabel('Name').fill(NAME);
	await page.getByLabel('Strategy').selectOption({ label: 'Programs and events showcase' });
	await page.getByLabel('Start date').fill('2025-10-01');
	await page.getByLabel('End date (optional)').fill('2025-09-01');
	await page.getByLabel('Hashtags').fill('#StorytimeAtEastside');
	await page.getByRole('button', { name: 'Preview matches' }).click();

	// Refused in words beside the field, with what was typed kept, and the keyboard on the field to fix.
	const end = page.getByLabel('End date (optional)');
	await expect(page.getByText('The end date is before the start date.').last()).toBeVisible();
	await expect(end).toHaveAccessibleDescription(/The end date is before the start date\./);
	await expect(end).toBeFocused();
	await expect(page.getByLabel('Name')).toHaveValue(NAME);
	await expect(page.getByLabel('Hashtags')).toHaveValue('#StorytimeAtEastside');

	await end.fill('');
	await page.getByRole('button', { name: 'Preview matches' }).click();
	const preview = page.getByRole('region', { name: /^Preview: [\d,]+ posts? and/ });
	await expect(preview).toBeVisible();
	await expect(preview.getByRole('table', { name: /matching posts/ })).toContainText('hashtag #storytimeateastside');
	expect(await axeViolations(page)).toEqual([]);

	await page.getByRole('button', { name: 'Save campaign' }).click();
	await expect(page.getByRole('heading', { name: NAME, level: 1 })).toBeVisible();
	const campaignUrl = page.url();
	await expect(page.getByRole('cell', { name: 'hashtag #storytimeateastside' }).first()).toBeVisible();

	await page.goto('/campaigns');
	await expect(page.getByRole('row', { name: new RegExp(NAME) })).toContainText('ongoing');

	await page.goto(campaignUrl);
	await hydrated(page);
	await page.getByRole('link', { name: 'Edit' }).click();
	await hydrated(page);
	await expect(page.getByLabel('Hashtags')).toHaveValue('#storytimeateastside');
	await page.getByLabel('Name').fill(`${NAME} 2025`);
	await page.getByRole('button', { name: 'Save changes' }).click();
	await expect(page.getByRole('heading', { name: `${NAME} 2025`, level: 1 })).toBeVisible();

	await page.getByRole('link', { name: 'Close campaign' }).click();
	await page.getByRole('button', { name: 'Yes, close the campaign today' }).click();
	await expect(page.getByRole('heading', { name: `${NAME} 2025`, level: 1 })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Close campaign' })).toHaveCount(0);
	await page.getByRole('link', { name: 'Edit' }).click();
	await expect(page.getByLabel('End date (optional)')).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);
});
