import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { campaignPosts, campaignSummaries } from '../analytics/campaigns';
import { overview } from '../analytics/overview';
import { socialDashboard } from '../analytics/social';
import { strategyComparison } from '../analytics/strategies';
import { readDashboardQuery } from '../../domain/dashboard-filters';
import { importAny, removeImportsAndRelink } from '../ingest/import-any';
import type { Database } from './database';
import { withPostsSnapshot } from './posts-snapshot';
import { scopedDatabase } from './scoped';
import { demoDatabase, SOURCE_FIXTURES } from './test-support';

const EVERY_POST = 'SELECT * FROM posts ORDER BY platform, post_id';

/**
 * Numbers to 12 significant digits: DuckDB adds floating-point figures in whatever order its threads
 * finish, so an average can differ in its last bit between two runs of the same query; every figure
 * shown is rounded far above that.
 */
function rounded(value: unknown): unknown {
	if (typeof value === 'number') return Number.isInteger(value) ? value : Number(value.toPrecision(12));
	if (Array.isArray(value)) return value.map(rounded);
	if (value && typeof value === 'object')
		return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, rounded(v)]));
	return value;
}

/** What the dashboards read, computed on the live view (the copy turned off) and through the copy. */
async function figures(db: Database, live: boolean) {
	const before = process.env.LANTERN_POSTS_SNAPSHOT;
	process.env.LANTERN_POSTS_SNAPSHOT = live ? '0' : '1';
	try {
		// A fresh data version per call, so the in-memory page cache cannot answer for the other side.
		db.markChanged();
		const [campaign] = await campaignSummaries(db);
		return rounded({
			overview: await overview(db, { from: '2025-01-01', to: '2025-12-31', compare: 'year' }, new Date('2026-11-26')),
			social: await socialDashboard(db, readDashboardQuery(new URLSearchParams('from=2025-07-01&to=2025-12-31')).query),
			strategies: await strategyComparison(db),
			campaigns: await campaignSummaries(db),
			posts: campaign ? await campaignPosts(db, campaign.campaignId, 1) : null
		});
	} finally {
		if (before === undefined) delete process.env.LANTERN_POSTS_SNAPSHOT;
		else process.env.LANTERN_POSTS_SNAPSHOT = before;
	}
}

describe('the posts copied once per change of the posts', () => {
	let db: Database;
	beforeAll(async () => {
		db = await demoDatabase();
	});

	it('reads exactly the posts view, and follows an import and a removal', async () => {
		const check = async () => {
			const copy = await withPostsSnapshot(db);
			expect(copy).not.toBe(db);
			expect(await copy.query(EVERY_POST)).toEqual(await db.query(EVERY_POST));
			return (await copy.query<{ n: number }>('SELECT count(*) AS n FROM posts'))[0]!.n;
		};
		const demo = await check();
		const imported = await importAny(db, join(SOURCE_FIXTURES, 'meta_ig_posts_collab.csv'), {
			fileName: 'meta_ig_posts_collab.csv'
		});
		expect(imported.status).toBe('imported');
		const more = await check();
		expect(more).toBeGreaterThan(demo);
		await removeImportsAndRelink(db, [imported.importId!]);
		expect(await check()).toBe(demo);
	});

	it('gives the dashboards the same figures as the live view, after an import and after a removal', async () => {
		expect(await figures(db, false)).toEqual(await figures(db, true));
		const imported = await importAny(db, join(SOURCE_FIXTURES, 'tweets.csv'), { fileName: 'tweets.csv' });
		expect(imported.status).toBe('imported');
		expect(await figures(db, false)).toEqual(await figures(db, true));
		await removeImportsAndRelink(db, [imported.importId!]);
		expect(await figures(db, false)).toEqual(await figures(db, true));
	});

	it('is kept through a change that leaves the posts alone, and never read once the posts have changed', async () => {
		const viewSql = async (copy: Database) =>
			(
				(await copy.query<{ sql: string }>(
					"SELECT sql FROM duckdb_views() WHERE view_name = 'posts' AND temporary"
				)) as [{ sql: string }]
			)[0].sql;
		const sql = await viewSql(await withPostsSnapshot(db));
		// A settings save (or a LibCal import, or a relink) bumps the data version but not the posts.
		db.markChanged();
		expect(await viewSql(await withPostsSnapshot(db))).toBe(sql);
		const imported = await importAny(db, join(SOURCE_FIXTURES, 'tweets.csv'), { fileName: 'tweets.csv' });
		expect(imported.status).toBe('imported');
		// A page that reads a few posts does not wait for the new copy: it reads the view meanwhile.
		expect(await withPostsSnapshot(db, { wait: false })).toBe(db);
		const afterImport = await withPostsSnapshot(db);
		expect(await withPostsSnapshot(db, { wait: false })).not.toBe(db);
		expect(await viewSql(afterImport)).not.toBe(sql);
		expect(await afterImport.query(EVERY_POST)).toEqual(await db.query(EVERY_POST));
		await removeImportsAndRelink(db, [imported.importId!]);
		const afterRemoval = await withPostsSnapshot(db);
		expect(await afterRemoval.query(EVERY_POST)).toEqual(await db.query(EVERY_POST));
	});

	it('keeps a branch manager to their branches while reading the copy', async () => {
		const scoped = scopedDatabase(db, ['Eastside']);
		const copy = await withPostsSnapshot(scoped);
		expect(copy.scope).toEqual(['Eastside']);
		const branches = await copy.query<{ branch: string }>('SELECT DISTINCT branch FROM programs ORDER BY 1');
		expect(branches.map((row) => row.branch)).toEqual(['Eastside']);
		expect(await copy.query(EVERY_POST)).toEqual(await db.query(EVERY_POST));
	});
});
