import { hashtagsSql } from '../field-sql';
import { countField, defineSource } from '../source';

const count = (...headers: string[]) => countField(headers);

/**
 * TikTok Studio per-video content export, in the variants parsers accept (export-formats §3a):
 * `Video title`, `Video link` or not, `Post time` or `Video publish time`, `Total …` counts.
 */
export const tiktokContent = defineSource({
	id: 'tiktok-content',
	label: 'TikTok videos (content export)',
	description: "TikTok Studio's per-video export: title, link, post time and total views, likes, comments, shares and saves.",
	target: 'post_observations',
	anchors: ['video title', 'total views'],
	fields: {
		title: { headers: ['video title'], type: { kind: 'text' } },
		link: { headers: ['video link'], type: { kind: 'text' } },
		posted: { headers: ['post time', 'video publish time'], type: { kind: 'timestamp', formats: ['%Y-%m-%d %H:%M:%S', '%Y-%m-%d %H:%M', '%Y-%m-%d', '%m/%d/%Y %H:%M'], zone: 'library' }, required: true },
		views: count('total views'),
		likes: count('total likes'),
		comments: count('total comments'),
		shares: count('total shares'),
		saves: count('total saves', 'total bookmarks'),
		reach: count('reach')
	},
	load: (n) => ({
		platform: `'tiktok'`,
		account: `nullif(regexp_extract(${n.link}, 'tiktok\\.com/@([^/]+)/', 1), '')`,
		// The video's ID ends its link; without a link, its title and time identify it.
		post_id: `coalesce(nullif(regexp_extract(${n.link}, '/video/([0-9]+)', 1), ''), md5(concat_ws('|', ${n.title}, CAST(${n.posted} AS VARCHAR))))`,
		published_at: n.posted,
		text: n.title,
		permalink: n.link,
		post_type: `'video'`,
		hashtags: hashtagsSql(n.title),
		reach: n.reach,
		engagements: `CASE WHEN ${n.likes} IS NULL AND ${n.comments} IS NULL AND ${n.shares} IS NULL THEN NULL ELSE coalesce(${n.likes}, 0) + coalesce(${n.comments}, 0) + coalesce(${n.shares}, 0) + coalesce(${n.saves}, 0) END`,
		likes: n.likes,
		comments: n.comments,
		shares: n.shares,
		saves: n.saves,
		video_views: n.views
	})
});

/** YouTube Studio `Chart data.csv` (views per video per day) and `Totals.csv` (views per day): daily channel views. */
export const youtubeDailyViews = defineSource({
	id: 'youtube-daily-views',
	label: 'YouTube daily views (Chart data.csv or Totals.csv)',
	description: "YouTube Studio's Chart data.csv or Totals.csv: views per day, summed across videos into the channel's daily figure.",
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

/** X Premium `video_overview_analytics.csv`: a title row, then daily video views (export-formats §1b). */
export const xVideoOverview = defineSource({
	id: 'x-video-overview',
	label: 'X Premium video overview (video_overview_analytics)',
	description: 'The daily video CSV from X Premium analytics: views per day (watch time and completion are not kept).',
	target: 'account_daily_records',
	anchors: ['date', 'views', 'watch time (ms)'],
	fields: {
		date: { headers: ['date'], type: { kind: 'date', formats: ['%a, %b %d, %Y', '%Y-%m-%d', '%m/%d/%Y'] }, required: true },
		views: count('views')
	},
	load: (n) => ({ platform: `'x'`, account: `''`, date: n.date, video_views: n.views })
});

/** The pre-2018 X archive's `tweets.csv`: posts and their times, no metrics. */
export const xArchiveTweetsCsv = defineSource({
	id: 'x-archive-tweets-csv',
	label: 'X archive posts, before 2018 (tweets.csv)',
	description: 'tweets.csv from an X archive made before 2018: post times and text, no metrics.',
	target: 'post_observations',
	anchors: ['tweet_id', 'timestamp', 'text'],
	fields: {
		id: { headers: ['tweet_id'], type: { kind: 'id' }, required: true },
		replyTo: { headers: ['in_reply_to_status_id'], type: { kind: 'text' } },
		timestamp: { headers: ['timestamp'], type: { kind: 'timestamp', formats: ['%Y-%m-%d %H:%M:%S %z'], zone: 'in-value' }, required: true },
		text: { headers: ['text'], type: { kind: 'text' } },
		retweetOf: { headers: ['retweeted_status_id'], type: { kind: 'text' } }
	},
	load: (n) => ({
		platform: `'x'`,
		post_id: n.id,
		published_at: n.timestamp,
		text: n.text,
		post_type: `CASE WHEN ${n.retweetOf} IS NOT NULL THEN 'repost' WHEN ${n.replyTo} IS NOT NULL THEN 'reply' ELSE 'post' END`,
		hashtags: hashtagsSql(n.text)
	})
});
