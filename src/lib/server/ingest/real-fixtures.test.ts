/**
 * Every real export in ../shared/fixtures/real behaves as its INDEX.md entry says. Reference
 * counts and totals were computed independently with Python's csv and json modules, e.g.
 *   rows = list(csv.DictReader(open(path, newline=''))); sum(int(r['Impressions']) for r in rows)
 */
import { join } from 'node:path';
import { beforeEach, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { describeWithRealFixtures, fingerprint, REAL_FIXTURES, tempDatabase } from '../db/test-support';
import { saveSettings } from '../settings';
import { importFile } from './pipeline';

const real = (path: string) => join(REAL_FIXTURES, path);
const one = async (db: Database, sql: string) => (await db.query(sql))[0];

describeWithRealFixtures('real exports', () => {
	let db: Database;
	beforeEach(async () => {
		db = await tempDatabase();
		await saveSettings(db, { timeZone: 'America/Chicago' });
	});

	it('X Premium content: all 141 posts, timed from their Snowflake IDs', async () => {
		const result = await importFile(db, real('x-premium/x_account_analytics_content_early2025_wormholebr.csv'));
		expect(result).toMatchObject({ status: 'imported', source: 'x-premium-content', rowsLoaded: 141 });
		expect(
			await one(
				db,
				'SELECT count(*) AS n, sum(impressions) AS i, sum(engagements) AS e, sum(likes) AS l, min(account) AS a FROM posts'
			)
		).toEqual({ n: 141, i: 9325, e: 911, l: 354, a: 'Wormhole_BR' });
		// (1891564128784855141 >> 22) + 1288834974657 = 1739818986521 ms = 2025-02-17T19:03:06.521Z... checked with Python.
		const [post] = await db.query(
			`SELECT strftime(published_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S') AS t FROM posts WHERE post_id = '1891564128784855141'`
		);
		expect(post!.t).toBe(new Date(Number((1891564128784855141n >> 22n) + 1288834974657n)).toISOString().slice(0, 19));
	});

	it('X Premium overview: 50 days into account_daily', async () => {
		expect(await importFile(db, real('x-premium/x_account_overview_analytics_wormholebr.csv'))).toMatchObject({
			status: 'imported',
			source: 'x-premium-overview',
			rowsLoaded: 50
		});
		expect(
			await one(
				db,
				`SELECT count(*) AS n, sum(impressions) AS i, sum(new_follows) AS f, strftime(min(date), '%Y-%m-%d') AS a, strftime(max(date), '%Y-%m-%d') AS b FROM account_daily WHERE platform = 'x'`
			)
		).toEqual({ n: 50, i: 9699, f: 139, a: '2024-12-31', b: '2025-02-18' });
	});

	it('the rounded-ID X export is refused, saying a spreadsheet rounded the IDs and naming rows', async () => {
		const before = await fingerprint(db);
		const result = await importFile(db, real('x-analytics-excel-resaved/tweet_activity_metrics.csv'));
		expect(result.status).toBe('rejected');
		expect(result.summary).toMatch(/IDs in this file were rounded by a spreadsheet \(rows 2, 3, 4/);
		expect(result.summary).toMatch(/original export/);
		expect(result.errors[0]).toMatchObject({
			row: 2,
			column: 'Tweet id',
			message: expect.stringContaining('a number in scientific notation')
		});
		expect(await fingerprint(db)).toEqual(before);
	});

	it('X archive (2022): all 1,758 posts by created_at, mentions into the ID directory', async () => {
		const result = await importFile(db, real('x-archive-2022/tweets.js'));
		expect(result).toMatchObject({ status: 'imported', source: 'x-archive-tweets', rowsLoaded: 1758 });
		expect(
			await one(
				db,
				`SELECT count(*) AS n, sum(likes) AS l, sum(shares) AS r, count(impressions) AS imp, strftime(min(published_at) AT TIME ZONE 'UTC', '%Y-%m') AS first FROM posts`
			)
		).toEqual({ n: 1758, l: 495, r: 244, imp: 0, first: '2007-05' });
		expect(await one(db, 'SELECT count(*) AS pairs FROM x_accounts')).toEqual({ pairs: 292 });
		// INDEX.md: 616 IDs predate Snowflakes; for the other 1,142 the decoded time is within 2 s of created_at.
		const check = await one(
			db,
			`SELECT count(*) FILTER (WHERE CAST(post_id AS UBIGINT) < 30000000000) AS old,
			count(*) FILTER (WHERE CAST(post_id AS UBIGINT) >= 30000000000) AS snowflakes,
			max(abs(epoch_ms(published_at) - ((CAST(post_id AS UBIGINT) >> 22) + 1288834974657))) FILTER (WHERE CAST(post_id AS UBIGINT) >= 30000000000) AS worst_ms FROM posts`
		);
		expect(check).toMatchObject({ old: 616, snowflakes: 1142 });
		expect(Number(check!.worst_ms)).toBeLessThan(2000);
	});

	it('X archive (small, 2025 format) and following.js', async () => {
		expect(await importFile(db, real('x-archive-small/x_archive_tweets.js'))).toMatchObject({
			status: 'imported',
			rowsLoaded: 335
		});
		expect(
			await one(db, `SELECT sum(likes) AS l, count(*) FILTER (WHERE post_type = 'reply') AS replies FROM posts`)
		).toEqual({ l: 276, replies: 322 });
		expect(await importFile(db, real('x-archive-2022/following.js'))).toMatchObject({
			status: 'imported',
			source: 'x-archive-following',
			rowsLoaded: 418
		});
		expect(await one(db, 'SELECT count(*) FILTER (WHERE username IS NULL) AS unknown FROM x_accounts')).toEqual({
			unknown: 418
		});
	});

	it('legacy Facebook Insights: the one post, past the definition row, 12-hour time', async () => {
		expect(await importFile(db, real('facebook/fb_legacy_insights_post_level_2017.csv'))).toMatchObject({
			status: 'imported',
			source: 'meta-legacy-insights',
			rowsLoaded: 1
		});
		expect(
			await one(
				db,
				`SELECT post_id, reach, impressions, engagements, strftime(published_at AT TIME ZONE 'America/Chicago', '%Y-%m-%d %H:%M') AS local FROM posts`
			)
		).toEqual({
			post_id: '1605839243031680_1867404650208470',
			reach: 35,
			impressions: 60,
			engagements: 2,
			local: '2017-01-19 09:03'
		});
	});

	it('Meta Insights per-metric (UTF-16, sep=, title row): 62 days of Instagram views', async () => {
		expect(await importFile(db, real('instagram/meta_ig_views_per_metric_utf16.csv'))).toMatchObject({
			status: 'imported',
			source: 'meta-insights-results',
			rowsLoaded: 62
		});
		expect(
			await one(
				db,
				`SELECT platform, count(*) AS n, sum(impressions) AS views, strftime(min(date), '%Y-%m-%d') AS first FROM account_daily GROUP BY platform`
			)
		).toEqual({ platform: 'instagram', n: 62, views: 496243, first: '2025-10-31' });
	});

	it('TikTok overview: 365 year-less days given years from the export date, across the new year', async () => {
		const result = await importFile(db, real('tiktok/tiktok_overview_365d.csv'), {
			now: new Date('2026-03-02T15:00:00Z')
		});
		expect(result).toMatchObject({ status: 'imported', source: 'tiktok-overview', rowsLoaded: 365 });
		expect(
			await one(
				db,
				`SELECT count(DISTINCT date) AS days, sum(video_views) AS views, strftime(min(date), '%Y-%m-%d') AS a, strftime(max(date), '%Y-%m-%d') AS b FROM account_daily`
			)
		).toEqual({ days: 365, views: 2946198, a: '2025-02-28', b: '2026-02-27' });
	});

	it('YouTube Table data: the 102 videos, without the Total row', async () => {
		expect(await importFile(db, real('youtube/youtube_studio_table_data.csv'))).toMatchObject({
			status: 'imported',
			source: 'youtube-table-data',
			rowsLoaded: 102
		});
		expect(
			await one(
				db,
				`SELECT count(*) AS n, sum(video_views) AS views, sum(likes) AS likes, count(*) FILTER (WHERE post_id = 'Total') AS total_rows FROM posts`
			)
		).toEqual({ n: 102, views: 97001, likes: 3562, total_rows: 0 });
	});

	it('the IMLS state summary is refused, saying the per-library file is needed', async () => {
		const result = await importFile(db, real('library-imls-pls/imls_pls_fy2019_state_summary.csv'));
		expect(result.status).toBe('rejected');
		expect(result.errors[0]!.message).toMatch(/state summary.*administrative entity/s);
	});

	it("LinkedIn creator workbook: the ENGAGEMENT sheet's 365 days, despite its A1 dimension", async () => {
		expect(await importFile(db, real('linkedin/linkedin_creator_analytics.xlsx'))).toMatchObject({
			status: 'imported',
			source: 'linkedin-creator-engagement',
			rowsLoaded: 365
		});
		expect(
			await one(
				db,
				`SELECT count(*) AS n, sum(impressions) AS i, sum(engagements) AS e, strftime(min(date), '%Y-%m-%d') AS first FROM account_daily WHERE platform = 'linkedin'`
			)
		).toEqual({ n: 365, i: 532402, e: 13306, first: '2023-05-02' });
	});

	it('the Arts Council workbook (500 columns) is refused quickly, naming its sheets', async () => {
		const started = performance.now();
		const result = await importFile(db, real('library-activity-uk/ace_libraries_activity_2023_24.xlsx'));
		expect(result.status).toBe('rejected');
		expect(result.errors[0]!.message).toContain('"Activity Data 2024"');
		expect(performance.now() - started).toBeLessThan(10_000);
	});
});
