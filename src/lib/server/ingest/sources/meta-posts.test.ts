import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database';
import { itWithRealFixtures, REAL_FIXTURES, SOURCE_FIXTURES, tempDatabase } from '../../db/test-support';
import { listImports, removeImports } from '../import-log';
import { importFile } from '../pipeline';

const fixture = (name: string) => join(SOURCE_FIXTURES, name);
const LIFETIME = fixture('meta_fb_posts_lifetime.csv');
const DAILY = fixture('meta_fb_posts_daily.csv');

async function postTotals(db: Database) {
	const [row] = await db.query(
		`SELECT count(*) AS posts, sum(impressions) AS impressions, sum(reach) AS reach, sum(engagements) AS engagements,
			sum(clicks) AS clicks FROM posts WHERE platform = 'facebook'`
	);
	return row;
}

describe('Meta Facebook post exports, lifetime and per day', () => {
	let db: Database;
	beforeEach(async () => {
		db = await tempDatabase();
	});

	it('keeps a per-day export as each post’s daily series and leaves the lifetime figures as they were', async () => {
		const lifetimeImport = await importFile(db, LIFETIME);
		const lifetime = await postTotals(db);
		// 2,400 + 1,800 + 5,200 + 1,300 + 3,000 views; 96 + 54 + 210 + 21 + 120 reactions, comments and shares.
		expect(lifetime).toEqual({ posts: 5, impressions: 13700, reach: 12050, engagements: 501, clicks: 157 });

		const daily = await importFile(db, DAILY);
		// Before the fix these 22 rows replaced each post's lifetime figures with its last day's.
		expect(await postTotals(db)).toEqual(lifetime);
		expect(lifetimeImport).toMatchObject({ status: 'imported', rowsLoaded: 5, summary: '5 posts.' });
		expect(daily).toMatchObject({
			status: 'imported',
			source: 'meta-facebook-posts',
			rowsLoaded: 22,
			summary: '22 daily figures of 4 posts (Mar 2, 2026 – Mar 8, 2026).'
		});
		expect(daily.notes?.[0]).toMatch(/one row per post per day .* never replace a post's lifetime figures/);

		const days = await db.query(
			`SELECT post_id, count(*) AS days, strftime(min(day), '%Y-%m-%d') AS first, strftime(max(day), '%Y-%m-%d') AS last,
				sum(engagements) AS engagements, count(impressions) AS with_views
			 FROM post_daily WHERE platform = 'facebook' AND content_type = 'post' GROUP BY post_id ORDER BY post_id`
		);
		// Daily sums of "Reactions, comments and shares", computed with Python's csv module.
		expect(days).toEqual([
			{ post_id: '1827720132094001', days: 7, first: '2026-03-02', last: '2026-03-08', engagements: 89, with_views: 0 },
			{ post_id: '1827720132094002', days: 6, first: '2026-03-03', last: '2026-03-08', engagements: 46, with_views: 0 },
			{
				post_id: '1827720132094003',
				days: 5,
				first: '2026-03-04',
				last: '2026-03-08',
				engagements: 197,
				with_views: 0
			},
			{ post_id: '1827720132094004', days: 4, first: '2026-03-05', last: '2026-03-08', engagements: 15, with_views: 0 }
		]);
		// A post's first-week curve: its published time travels with each day.
		const [first] = await db.query(
			`SELECT day - CAST(published_at AS DATE) AS age, engagements FROM post_daily WHERE post_id = '1827720132094001' ORDER BY day LIMIT 1`
		);
		expect(first).toEqual({ age: 0, engagements: 48 });
	});

	it('reads the daily file the same through staging, and removing it removes only its days', async () => {
		await importFile(db, LIFETIME);
		const daily = await importFile(db, DAILY, { staged: true });
		expect(daily).toMatchObject({ status: 'imported', rowsLoaded: 22 });
		expect(await db.query('SELECT count(*) AS n FROM post_daily_records')).toEqual([{ n: 22 }]);
		await removeImports(db, [daily.importId!]);
		expect(await db.query('SELECT count(*) AS n FROM post_daily_records')).toEqual([{ n: 0 }]);
		expect(await postTotals(db)).toMatchObject({ posts: 5, impressions: 13700 });
	});

	it('says so when a later lifetime export reports lower figures, and shows the newest export', async () => {
		await importFile(db, LIFETIME);
		const later = await importFile(db, fixture('meta_fb_posts_lifetime_later.csv'));
		expect(later.status).toBe('imported');
		// Newest, not highest: 2,350 + 1,900 + 4,900 + 1,300 + 3,000.
		expect(await postTotals(db)).toMatchObject({ impressions: 13450, reach: 12000 });
		// Post 1 fell from 2,400 to 2,350 views and 2,100 to 2,050 reach; post 3 from 5,200 to 4,900 views.
		expect(later.notes).toEqual([
			"1 post was published by another account as a collaboration (Maple Valley Historical Society): it counts toward the Partner collaborations strategy, not the library's own posts, impressions or engagement rate.",
			"2 posts report lower lifetime impressions than an earlier export (Facebook changed how it counts, or the export is older); the newest export's figures are shown.",
			"1 post reports lower lifetime reach than an earlier export (Facebook changed how it counts, or the export is older); the newest export's figures are shown."
		]);
		const [logged] = await listImports(db, 1);
		expect(logged!.notes).toContain('2 posts report lower lifetime impressions');
	});

	it('marks a post published by a partner page as a collaboration, with the partner named', async () => {
		const result = await importFile(db, LIFETIME);
		expect(result.notes).toEqual([
			"1 post was published by another account as a collaboration (Maple Valley Historical Society): it counts toward the Partner collaborations strategy, not the library's own posts, impressions or engagement rate."
		]);
		expect(await db.query(`SELECT post_id, collaborator FROM posts WHERE collaborator IS NOT NULL`)).toEqual([
			{ post_id: '1827720132094005', collaborator: 'Maple Valley Historical Society' }
		]);
	});

	itWithRealFixtures(
		'the real Westside export keeps 33,165 views after its per-day export of the same posts (it fell to 4,226)',
		async () => {
			await importFile(db, join(REAL_FIXTURES, 'facebook/meta_fb_posts_lifetime_2026.csv'));
			expect(await postTotals(db)).toMatchObject({ posts: 13, impressions: 33165, engagements: 201 });
			const daily = await importFile(db, fixture('meta_fb_posts_daily_westside.csv'));
			expect(await postTotals(db)).toMatchObject({ posts: 13, impressions: 33165, engagements: 201 });
			expect(daily).toMatchObject({ status: 'imported', rowsLoaded: 84 });
			expect(daily.summary).toBe('84 daily figures of 12 posts (Jan 28, 2026 – Feb 3, 2026).');
			expect(await db.query('SELECT count(*) AS n, count(DISTINCT post_id) AS posts FROM post_daily')).toEqual([
				{ n: 84, posts: 12 }
			]);
		}
	);
});
