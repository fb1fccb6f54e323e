import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile } from '../ingest/pipeline';
import { overview } from '../analytics/overview';
import { scopedDatabase } from './scoped';
import { SOURCE_FIXTURES, tempDatabase } from './test-support';

describe('a person scoped to some branches', () => {
	it('sees only those branches in every view and figure, while the whole library stays whole for others', async () => {
		const db = await tempDatabase();
		for (const file of ['usage_monthly.csv', 'lc_events_2026-03-01_2026-03-31.csv'])
			await importFile(db, join(SOURCE_FIXTURES, file));
		const eastside = scopedDatabase(db, ['Eastside']);
		const branches = async (database: typeof db, view: string) =>
			(await database.query<{ branch: string }>(`SELECT DISTINCT branch FROM ${view} ORDER BY 1`)).map((r) => r.branch);
		expect(await branches(db, 'usage')).toEqual(expect.arrayContaining(['Central', 'Eastside']));
		expect(await branches(eastside, 'usage')).toEqual(['Eastside']);
		expect(await branches(eastside, 'programs')).toEqual(['Eastside']);
		// Independently: Eastside's new cards in the fixture, and nobody else's circulation.
		const [cards] = await eastside.query<{ n: number }>(
			`SELECT sum(value) AS n FROM usage WHERE metric = 'new_cards' AND period_start = '2026-01-01'`
		);
		expect(cards!.n).toBe(87);
		const whole = await overview(db, { from: '2026-01-01', to: '2026-03-31' });
		const scoped = await overview(eastside, { from: '2026-01-01', to: '2026-03-31' });
		const circulation = (data: typeof whole) => data.kpis.find((k) => k.id === 'circulation')!.value;
		expect(circulation(whole)).toBeGreaterThan(0);
		expect(circulation(scoped) ?? 0).toBeLessThan(circulation(whole)!);
		// The unscoped database is untouched by the scoped one's temporary views.
		expect(await branches(db, 'usage')).toEqual(expect.arrayContaining(['Central', 'Eastside']));
		expect(scopedDatabase(db, null)).toBe(db);
	});

	it('a branch name with a quote cannot break out of the filter', async () => {
		const db = await tempDatabase();
		await importFile(db, join(SOURCE_FIXTURES, 'usage_monthly.csv'));
		const tricky = scopedDatabase(db, ["x') OR ('1'='1"]);
		expect(await tricky.query('SELECT count(*) AS n FROM usage')).toEqual([{ n: 0 }]);
	});
});
