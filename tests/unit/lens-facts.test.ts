/**
 * The Social, Programs, Usage and Literacy pages read their rows from tables made once per change
 * (lens-facts.ts) instead of the public views in every query. Every figure each page shows must be
 * what the queries it replaced gave (kept in support/lens-before, as at commit 451dd4a): on the demo
 * library with each filter, for a branch manager, after an import of posts, of programs and of usage,
 * and after their removal.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readDashboardQuery, type DashboardQuery } from '../../src/lib/domain/dashboard-filters';
import { allBranches } from '../../src/lib/server/analytics/dashboard-context';
import { literacyDashboard } from '../../src/lib/server/analytics/literacy';
import { programsDashboard } from '../../src/lib/server/analytics/programs';
import { socialDashboard } from '../../src/lib/server/analytics/social';
import { usageDashboard } from '../../src/lib/server/analytics/usage';
import type { Database } from '../../src/lib/server/db/database';
import { scopedDatabase } from '../../src/lib/server/db/scoped';
import { demoDatabase, SOURCE_FIXTURES } from '../../src/lib/server/db/test-support';
import { getSettings, saveSettings } from '../../src/lib/server/settings';
import { importAny, removeImportsAndRelink } from '../../src/lib/server/ingest/import-any';
import { computeLiteracyDashboard } from './support/lens-before/literacy';
import { computeProgramsDashboard } from './support/lens-before/programs';
import { computeSocialDashboard } from './support/lens-before/social';
import { computeUsageDashboard } from './support/lens-before/usage';

/**
 * Numbers to 12 significant digits: DuckDB adds floating-point figures in whatever order its threads
 * finish, so a sum can differ in its last bit between two runs of the same query.
 */
function rounded(value: unknown): unknown {
	if (typeof value === 'number') return Number.isInteger(value) ? value : Number(value.toPrecision(12));
	if (Array.isArray(value)) return value.map(rounded);
	if (value && typeof value === 'object')
		return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, rounded(v)]));
	return value;
}

const query = (search: string, compare?: 'year'): DashboardQuery =>
	readDashboardQuery(new URLSearchParams(search), compare).query;

/** Each page with the filters people use: default range, a quarter, a year against the one before, each filter. */
const PAGES: {
	page: string;
	now: (db: Database, q: DashboardQuery) => Promise<unknown>;
	before: (db: Database, q: DashboardQuery) => Promise<unknown>;
	queries: DashboardQuery[];
}[] = [
	{
		page: 'Social',
		now: socialDashboard,
		before: computeSocialDashboard,
		queries: [
			query(''),
			query('from=2026-05-01&to=2026-07-31&platform=instagram'),
			query('from=2025-01-01&to=2025-12-31&compare=year'),
			query('campaign=1'),
			query('from=2025-01-01&to=2026-10-31&strategy=programs_showcase&platform=facebook')
		]
	},
	{
		page: 'Programs',
		now: programsDashboard,
		before: computeProgramsDashboard,
		queries: [
			query(''),
			query('from=2025-01-01&to=2025-12-31&compare=year&branch=Central'),
			query('from=2024-01-01&to=2026-10-31&audience=Families'),
			query('campaign=2')
		]
	},
	{
		page: 'Usage',
		now: usageDashboard,
		before: computeUsageDashboard,
		queries: [
			query(''),
			query('from=2026-05-01&to=2026-07-31&branch=Eastside'),
			query('from=2025-01-01&to=2025-12-31&compare=year')
		]
	},
	{
		page: 'Literacy',
		now: literacyDashboard,
		before: computeLiteracyDashboard,
		queries: [
			query('', 'year'),
			query('branch=Riverside', 'year'),
			query('from=2025-06-01&to=2025-08-31&audience=Early literacy (0-5)', 'year')
		]
	}
];

/** Every page, every query, read both ways; a fresh data version first, so no cached page answers. */
async function compareEveryPage(db: Database): Promise<void> {
	// The branch list (kept while the records it reads are unchanged) against the views now.
	const branches = await db.query<{ branch: string }>(
		`SELECT DISTINCT branch FROM (SELECT branch FROM usage UNION ALL SELECT branch FROM programs UNION ALL SELECT branch FROM literacy)
		 WHERE branch IS NOT NULL ORDER BY branch`
	);
	expect(await allBranches(db)).toEqual(branches.map((row) => row.branch));
	for (const { page, now, before, queries } of PAGES) {
		for (const q of queries) {
			db.markChanged();
			const fresh = rounded(await now(db, q));
			db.markChanged();
			expect(fresh, `${page} ${JSON.stringify(q)}`).toEqual(rounded(await before(db, q)));
		}
	}
}

async function derivedTables(db: Database): Promise<string[]> {
	const rows = await db.query<{ name: string }>(
		`SELECT regexp_replace(table_name, '_[0-9]+$', '') AS name FROM duckdb_tables() WHERE database_name = 'lantern_derived' ORDER BY 1`
	);
	return [...new Set(rows.map((row) => row.name))];
}

describe('the lens pages read from tables made once per change, with the figures of the queries they replaced', () => {
	let db: Database;
	beforeAll(async () => {
		db = await demoDatabase();
	}, 180_000);

	it('on the demo library, with each filter, read from the derived tables', async () => {
		await compareEveryPage(db);
		expect(await derivedTables(db)).toEqual(['posts', 'program_facts', 'social_posts', 'usage_facts']);
	}, 180_000);

	it('for a branch manager, who sees only their branches', async () => {
		await compareEveryPage(scopedDatabase(db, ['Eastside']));
	}, 180_000);

	it('after importing posts, programs and usage, and after removing them again', async () => {
		const ids: number[] = [];
		for (const file of [
			'tweets.csv',
			'meta_ig_posts_collab.csv',
			'lc_events_2026-03-01_2026-03-31.csv',
			'usage_monthly.csv'
		]) {
			const result = await importAny(db, join(SOURCE_FIXTURES, file), { fileName: file });
			expect(result.status, file).toBe('imported');
			ids.push(result.importId!);
		}
		await compareEveryPage(db);
		await removeImportsAndRelink(db, ids);
		await compareEveryPage(db);
	}, 300_000);

	it('keeps its tables through a change that leaves their data alone, and makes new ones after an import', async () => {
		const tables = async () => {
			await socialDashboard(db, query(''));
			await programsDashboard(db, query(''));
			await usageDashboard(db, query(''));
			const rows = await db.query<{ name: string }>(
				`SELECT table_name AS name FROM duckdb_tables() WHERE database_name = 'lantern_derived' ORDER BY 1`
			);
			return rows.map((row) => row.name);
		};
		const before = await tables();
		// A settings save (the time zone unchanged) bumps the data version and nothing else.
		await saveSettings(db, { timeZone: (await getSettings(db)).timeZone });
		expect(await tables()).toEqual(before);
		const imported = await importAny(db, join(SOURCE_FIXTURES, 'lc_events_2026-03-01_2026-03-31.csv'), {
			fileName: 'lc_events_2026-03-01_2026-03-31.csv'
		});
		expect(imported.status).toBe('imported');
		const after = await tables();
		const programFacts = (names: string[]) => names.filter((name) => name.startsWith('program_facts'));
		expect(programFacts(after)).not.toEqual(programFacts(before));
		// The posts did not change: their copy stays.
		const copies = (names: string[]) => names.filter((name) => /^(posts|social_posts)_/.test(name));
		expect(copies(after)).toEqual(copies(before));
		await removeImportsAndRelink(db, [imported.importId!]);
		await compareEveryPage(db);
	}, 180_000);

	it('names a branch a new upload brings in, and forgets it when that upload is removed', async () => {
		const before = await allBranches(db);
		expect(before).not.toContain('Northgate');
		const file = join(mkdtempSync(join(tmpdir(), 'lantern-branch-')), 'usage_northgate.csv');
		writeFileSync(file, 'period_start,period,branch,metric,value\n2026-01-01,month,Northgate,visits,1200\n');
		const imported = await importAny(db, file, { fileName: 'usage_northgate.csv' });
		expect(imported.status).toBe('imported');
		expect(await allBranches(db)).toEqual([...before, 'Northgate'].sort());
		await removeImportsAndRelink(db, [imported.importId!]);
		expect(await allBranches(db)).toEqual(before);
	});

	it('with the copies turned off (LANTERN_POSTS_SNAPSHOT=0), from the live views', async () => {
		process.env.LANTERN_POSTS_SNAPSHOT = '0';
		try {
			await compareEveryPage(db);
		} finally {
			delete process.env.LANTERN_POSTS_SNAPSHOT;
		}
	}, 180_000);
});
