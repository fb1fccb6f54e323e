import { hashtagsSql } from '../field-sql';
import { countField, defineSource } from '../source';

const count = (...headers: string[]) => countField(headers);

/**
 * YouTube Studio Advanced mode → Export → Table data.csv, Content dimension (docs/export-formats.md, "YouTube").
 * Columns are whatever the user picked; the `Total` row is not a video and is skipped.
 */
export const youtubeTableData = defineSource({
	id: 'youtube-table-data',
	label: 'YouTube videos (Table data.csv)',
	description:
		'Table data.csv from YouTube Studio → Analytics → Advanced mode → Export, with Content as the dimension.',
	target: 'post_observations',
	anchors: ['content', 'video title', 'video publish time'],
	// Chart data.csv has the same columns after a Date: that one is daily views.
	absent: ['date'],
	fields: {
		// Studio prefixes IDs that begin with `-` with a space so Excel does not read a formula.
		videoId: { headers: ['content'], type: { kind: 'id', pattern: '[A-Za-z0-9_-]{11}' }, required: true },
		title: { headers: ['video title'], type: { kind: 'text' } },
		published: {
			headers: ['video publish time'],
			type: { kind: 'date', formats: ['%b %d, %Y', '%Y-%m-%d', '%d %b %Y'] }
		},
		views: count('views'),
		impressions: count('impressions', 'thumbnail impressions'),
		likes: count('likes'),
		comments: count('comments added', 'comments'),
		shares: count('shares')
	},
	skipRow: (cells) => `lower(trim(${cells.videoId})) = 'total'`,
	load: (n) => ({
		platform: `'youtube'`,
		post_id: n.videoId,
		// Studio gives the publish day only; midnight in the library's zone stands for it.
		published_at: `timezone(p.tz, CAST(${n.published} AS TIMESTAMP))`,
		text: n.title,
		permalink: `'https://www.youtube.com/watch?v=' || ${n.videoId}`,
		post_type: `'video'`,
		hashtags: hashtagsSql(n.title),
		impressions: n.impressions,
		impressions_basis: `CASE WHEN ${n.impressions} IS NOT NULL THEN 'thumbnail impressions' END`,
		engagements: `CASE WHEN ${n.likes} IS NULL AND ${n.comments} IS NULL AND ${n.shares} IS NULL THEN NULL ELSE coalesce(${n.likes}, 0) + coalesce(${n.comments}, 0) + coalesce(${n.shares}, 0) END`,
		likes: n.likes,
		comments: n.comments,
		shares: n.shares,
		video_views: n.views
	})
});

/** YouTube Studio `Chart data.csv` (views per video per day) and `Totals.csv` (views per day): daily channel views. */
export const youtubeDailyViews = defineSource({
	id: 'youtube-daily-views',
	label: 'YouTube daily views (Chart data.csv or Totals.csv)',
	description:
		"YouTube Studio's Chart data.csv or Totals.csv: views per day, summed across videos into the channel's daily figure.",
	target: 'account_daily_records',
	anchors: ['date', 'views'],
	absent: ['video views', 'watch time (ms)', 'tweets published', 'new follows'],
	fields: {
		date: { headers: ['date'], type: { kind: 'date', formats: ['%Y-%m-%d', '%b %d, %Y'] }, required: true },
		views: count('views')
	},
	skipRow: (cells) => `lower(trim(${cells.date})) = 'total'`,
	sumColumns: ['video_views'],
	load: (n) => ({ platform: `'youtube'`, account: `''`, date: n.date, video_views: n.views })
});
