import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { settled } from './hydrated';

/**
 * axe-core's serious and critical violations on the page as it stands, one line each (rule, impact,
 * how many elements, the first one), once the page and its frames have hydrated and drawn their
 * charts. `rules` narrows the check to those rules, whatever their impact.
 *
 * Legacy mode runs axe.run() in the page and its same-origin frames (the report builder's preview)
 * instead of axe.runPartial() in each frame and axe.finishRun() in a new blank page: every frame of
 * Lantern's pages is same-origin, and the blank page alone took about half of each check (5.4–6.0 s
 * against 2.4–3.2 s on the Strategies and campaign pages, the same violations found).
 */
export async function axeViolations(page: Page, { rules }: { rules?: string[] } = {}): Promise<string[]> {
	await settled(page);
	const builder = new AxeBuilder({ page }).setLegacyMode(true);
	if (rules) builder.withRules(rules);
	const results = await builder.analyze();
	return results.violations
		.filter((v) => rules || v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id} (${v.impact}, ${v.nodes.length}): ${v.nodes[0]?.target.join(' ')}`);
}
