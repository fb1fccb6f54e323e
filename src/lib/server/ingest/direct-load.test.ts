/**
 * Well-formed CSVs in row-by-row formats load through one streaming statement (the direct path);
 * everything else, and every broken file, goes through staging. Both must store the same rows.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprint, HAVE_REAL_FIXTURES, REAL_FIXTURES, SOURCE_FIXTURES, tempDatabase } from '../db/test-support';
import { loadsDirectly } from './direct-load';
import { importFile } from './pipeline';
import { SOURCES } from './sources';

const NOW = new Date('2026-11-26T12:00:00Z');

const FILES = [
	join(REAL_FIXTURES, 'x-analytics-legacy/x_legacy_tweet_activity_metrics_ropensci_2021-11.csv'),
	join(REAL_FIXTURES, 'x-premium/x_account_analytics_content_early2025_wormholebr.csv'),
	join(REAL_FIXTURES, 'x-premium/x_account_overview_analytics_wormholebr.csv'),
	join(REAL_FIXTURES, 'facebook/meta_fb_posts_lifetime_2026.csv'),
	join(REAL_FIXTURES, 'facebook/fb_legacy_insights_post_level_2017.csv'),
	join(REAL_FIXTURES, 'youtube/youtube_studio_table_data.csv'),
	join(REAL_FIXTURES, 'instagram/meta_ig_views_per_metric_utf16.csv'),
	join(SOURCE_FIXTURES, 'meta_ig_posts.csv'),
	join(SOURCE_FIXTURES, 'meta_ig_posts_collab.csv'),
	join(SOURCE_FIXTURES, 'meta_ig_stories.csv'),
	join(SOURCE_FIXTURES, 'meta_fb_posts_daily.csv'),
	join(SOURCE_FIXTURES, 'lc_events_2026-03-01_2026-03-31.csv'),
	join(SOURCE_FIXTURES, 'usage_monthly.csv'),
	join(SOURCE_FIXTURES, 'project_outcome_responses.csv'),
	join(SOURCE_FIXTURES, 'youtube_chart_data.csv'),
	join(SOURCE_FIXTURES, 'x_video_overview_analytics.csv')
];

describe('direct and staged loads', () => {
	it('the bulk formats qualify for the direct path', () => {
		const direct = (id: string) => loadsDirectly(SOURCES.find((source) => source.id === id)!);
		expect(direct('x-legacy-tweets')).toBe(true);
		expect(direct('meta-facebook-posts')).toBe(true);
		// Rows routed to another table by what they hold (per-day rows, stories) load directly too.
		expect(direct('meta-instagram-posts')).toBe(true);
		expect(direct('meta-instagram-stories')).toBe(true);
		// TikTok's year-less days look at the row before; they stay on the staged path.
		expect(direct('tiktok-overview')).toBe(false);
	});

	it.for(FILES)('store the same rows for %s', async (file, context) => {
		if (file.startsWith(REAL_FIXTURES) && !HAVE_REAL_FIXTURES) return context.skip();
		const direct = await tempDatabase();
		const staged = await tempDatabase();
		const a = await importFile(direct, file, { now: NOW });
		const b = await importFile(staged, file, { now: NOW, staged: true });
		expect(a.status).toBe('imported');
		expect(b.status).toBe('imported');
		expect(a.rowsLoaded).toBe(b.rowsLoaded);
		expect(a.rowsLoaded).toBeGreaterThan(0);
		expect([a.summary, a.notes]).toEqual([b.summary, b.notes]);
		expect(await fingerprint(direct)).toEqual(await fingerprint(staged));
		await direct.close();
		await staged.close();
	});
});

const X_HEADER =
	'"Tweet id","Tweet permalink","Tweet text","time","impressions","engagements","engagement rate","retweets","replies","likes","user profile clicks","url clicks"';

/** A legacy X export of `rows` posts; `line(i, row)` may rewrite the row of data line i + 2. */
function xExport(rows: number, line: (i: number, row: string) => string = (_, row) => row): string {
	const out = [X_HEADER];
	for (let i = 0; i < rows; i++) {
		const id = 1_600_000_000_000_000_000n + BigInt(i);
		const minute = String(i % 60).padStart(2, '0');
		out.push(
			line(
				i,
				`"${id}","https://twitter.com/mvpl/status/${id}","Storytime #${i % 3}","2026-03-01 10:${minute} +0000","${i}.0","3.0","0.1","1.0","0.0","2.0","0.0","0.0"`
			)
		);
	}
	return `${out.join('\n')}\n`;
}

function scratch(name: string, content: string): string {
	const path = join(mkdtempSync(join(tmpdir(), 'lantern-direct-')), name);
	writeFileSync(path, content);
	return path;
}

describe('the direct path reads the file without sniffing it', () => {
	it('decodes X text once and makes the reply flag and hashtags from the decoded text, as staging does', async () => {
		const texts = [
			'&#64;mayor thanks!',
			'Q&amp;A tonight &lt;3 &#35;AuthorTalk',
			'Kept &#1; as text',
			'&amp;amp; #Reads'
		];
		const file = scratch(
			'tweet_activity_metrics_mvpl_20260301_20260331_en.csv',
			xExport(4, (i, row) => row.replace('Storytime #' + (i % 3), texts[i]!))
		);
		const direct = await tempDatabase();
		const staged = await tempDatabase();
		expect(await importFile(direct, file, { now: NOW })).toMatchObject({ status: 'imported', rowsLoaded: 4 });
		expect(await importFile(staged, file, { now: NOW, staged: true })).toMatchObject({
			status: 'imported',
			rowsLoaded: 4
		});
		const posts = await direct.query<{ text: string; post_type: string; hashtags: string[] }>(
			'SELECT text, post_type, hashtags FROM post_observations ORDER BY post_id'
		);
		expect(posts).toEqual([
			{ text: '@mayor thanks!', post_type: 'reply', hashtags: [] },
			{ text: 'Q&A tonight <3 #AuthorTalk', post_type: 'post', hashtags: ['authortalk'] },
			{ text: 'Kept \u0001 as text', post_type: 'post', hashtags: [] },
			{ text: '&amp; #Reads', post_type: 'post', hashtags: ['reads'] }
		]);
		expect(await fingerprint(direct)).toEqual(await fingerprint(staged));
	});

	it('refuses a row far past the first rows that has a cell more than the header, naming its line and column, and stores nothing', async () => {
		const db = await tempDatabase();
		await importFile(db, join(SOURCE_FIXTURES, 'usage_monthly.csv'));
		const before = await fingerprint(db);
		const file = scratch(
			'tweet_activity_metrics_mvpl_20260301_20260331_en.csv',
			xExport(30_000, (i, row) => (i === 28_000 ? `${row},"extra"` : row))
		);
		const result = await importFile(db, file, { now: NOW });
		expect(result).toMatchObject({ status: 'rejected', rowsLoaded: 0 });
		expect(result.errors[0]).toMatchObject({ row: 28_002, column: 'column 13, after url clicks' });
		expect(await fingerprint(db)).toEqual(before);
	});

	it('still imports an export whose every data row ends in one cell more than its header, through staging', async () => {
		const file = scratch(
			'tweet_activity_metrics_mvpl_20260301_20260331_en.csv',
			xExport(50, (_, row) => `${row},`)
		);
		const db = await tempDatabase();
		expect(await importFile(db, file, { now: NOW })).toMatchObject({ status: 'imported', rowsLoaded: 50 });
		const [row] = await db.query<{ n: number; views: number }>(
			'SELECT CAST(count(*) AS INTEGER) AS n, CAST(sum(impressions) AS INTEGER) AS views FROM post_observations'
		);
		expect(row).toEqual({ n: 50, views: 1225 });
	});
});
