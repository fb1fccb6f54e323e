import type { Page } from '@playwright/test';

/** Waits until SvelteKit has hydrated the page, so clicks and file choices reach its handlers. */
export async function hydrated(page: Page): Promise<void> {
	await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true');
}
