import type { Page } from '@playwright/test';

/** Waits until SvelteKit has hydrated the page, so clicks and file choices reach its handlers. */
export async function hydrated(page: Page): Promise<void> {
	await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true');
}

/**
 * Waits until the page and each frame in it (the report builder's preview) have hydrated and drawn
 * their charts. A chart draws at the width the browser measures for it, which the browser reports
 * in the frame after hydration, so two animation frames after hydration every visible chart is
 * drawn. Nothing a page shows is fetched after it loads (the data comes with the page), so this
 * replaces waiting for the network to stay quiet for half a second, which cost that half second on
 * every page checked.
 */
export async function settled(page: Page): Promise<void> {
	for (const frame of page.frames()) {
		if (frame.url() === 'about:blank') continue;
		await frame.waitForFunction(() => document.documentElement.dataset.hydrated === 'true');
		await frame.evaluate(
			() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())))
		);
	}
}
