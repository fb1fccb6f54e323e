import { expect, test, type Page } from '@playwright/test';
import { PEOPLE } from '../support/roles';

// A slow connection or a password manager fills a form before its page's JavaScript has run. What was
// typed must still be there once the page hydrates: Svelte writes a field's `value={…}` back when it
// hydrates, which emptied the e-mail on the sign-in page, and the browser then refused to send the
// form ("Please fill out this field") with nothing on screen saying why.

/** Holds the app's JavaScript back until `release` is called, so the test can type before hydration. */
async function holdScripts(page: Page): Promise<() => void> {
	let release!: () => void;
	const released = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/_app/immutable/**', async (route) => {
		await released;
		await route.continue();
	});
	return release;
}

const isHydrated = (page: Page) => page.evaluate(() => document.documentElement.dataset.hydrated === 'true');

test.describe('typed before the page hydrates', () => {
	test.use({ storageState: { cookies: [], origins: [] } });

	test('the sign-in page keeps the e-mail and password, and signs in', async ({ page }) => {
		const release = await holdScripts(page);
		await page.goto('/login', { waitUntil: 'commit' });
		await page.getByLabel('E-mail').fill(PEOPLE.director.email);
		await page.getByLabel('Password').fill(PEOPLE.director.password);
		expect(await isHydrated(page)).toBe(false);
		release();
		await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true');
		await expect(page.getByLabel('E-mail')).toHaveValue(PEOPLE.director.email);
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(page).not.toHaveURL(/\/login/);
	});
});

test('filters chosen on the Overview before it hydrates are the ones it shows', async ({ page }) => {
	const release = await holdScripts(page);
	await page.goto('/overview', { waitUntil: 'commit' });
	const form = page.getByRole('form', { name: 'Filters' });
	await form.getByLabel('From', { exact: true }).fill('2026-01-01');
	await form.getByLabel('To', { exact: true }).fill('2026-03-31');
	await form.getByLabel('Compare with').selectOption('year');
	expect(await isHydrated(page)).toBe(false);
	release();
	await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true');
	await expect(form.getByLabel('From', { exact: true })).toHaveValue('2026-01-01');
	await expect(form.getByLabel('To', { exact: true })).toHaveValue('2026-03-31');
	await expect(form.getByLabel('Compare with')).toHaveValue('year');
	await form.getByRole('button', { name: 'Show' }).click();
	await expect(page).toHaveURL(/from=2026-01-01&to=2026-03-31&compare=year/);
});
