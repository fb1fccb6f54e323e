/**
 * Well-formed CSVs in row-by-row formats load through one streaming statement (the direct path);
 * everything else, and every broken file, goes through staging. Both must store the same rows.
 */
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
