import { hashtagsSql, monthDayOnOrBeforeSql, yearlessDateSql } from '../field-sql';
import { countField, defineSource } from '../source';
import { tiktokVideoTimeSql } from './tiktok-video-id';

// docs/export-formats.md, "TikTok": adjustments are written as negative counts, unknowns as `undefined`.
const count = (...headers: string[]) => countField(headers, { signed: true });
const day = { headers: ['date', 'fecha'], type: { kind: 'monthDay' }, required: true } as const;

/**
 * TikTok Studio Overview.csv: one row per day, dates without a year ("February 28"), oldest first.
 * Years are resolved from the export date (the upload, or the date in the file name).
 */
export const tiktokOverview = defineSource({
	id: 'tiktok-overview',
	label: 'TikTok overview (Overview.csv)',
	description:
		'Overview.csv from TikTok Studio → Analytics → Download data: daily video views, profile views, likes, comments, shares.',
	target: 'account_daily_records',
	anchors: ['date', 'video views', 'profile views'],
	fields: {
		date: day,
		videoViews: count('video views', 'visualizaciones de videos'),
		profileViews: count('profile views', 'visualizaciones del perfil'),
		likes: count('likes', 'me gusta'),
		comments: count('comments', 'comentarios'),
		shares: count('shares', 'compartidos')
	},
	load: (n) => ({
		platform: `'tiktok'`,
		account: `''`,
		date: yearlessDateSql(n.date),
		video_views: n.videoViews,
		profile_visits: n.profileViews,
		engagements: `CASE WHEN ${n.likes} IS NULL AND ${n.comments} IS NULL AND ${n.shares} IS NULL THEN NULL ELSE coalesce(${n.likes}, 0) + coalesce(${n.comments}, 0) + coalesce(${n.shares}, 0) END`
	})
});

/** TikTok Studio FollowerHistory.csv: followers per day. */
export const tiktokFollowers = defineSource({
	id: 'tiktok-followers',
	label: 'TikTok follower history (FollowerHistory.csv)',
	description: 'FollowerHistory.csv from TikTok Studio: followers and the change from the day before.',
	target: 'account_daily_records',
	anchors: ['date', 'followers', 'difference in followers from previous day'],
	fields: {
		date: day,
		followers: count('followers'),
		change: count('difference in followers from previous day')
	},
	load: (n) => ({
		platform: `'tiktok'`,
		account: `''`,
		date: yearlessDateSql(n.date),
		followers: n.followers,
		new_follows: n.change
	})
});

/** TikTok Studio Viewers.csv: unique viewers per day, and how many were new to the account. */
export const tiktokViewers = defineSource({
	id: 'tiktok-viewers',
	label: 'TikTok viewers (Viewers.csv)',
	description: 'Viewers.csv from TikTok Studio → Analytics → Download data: total, new and returning viewers per day.',
	target: 'account_daily_records',
	anchors: ['date', 'total viewers'],
	fields: {
		date: day,
		total: count('total viewers'),
		new: count('new viewers'),
		returning: count('returning viewers')
	},
	load: (n) => ({
		platform: `'tiktok'`,
		account: `''`,
		date: yearlessDateSql(n.date),
		viewers: `coalesce(${n.total}, ${n.new} + ${n.returning})`,
		new_viewers: n.new
	})
});

/** The per-video export's totals are read as plain counts, not signed like the daily files' figures. */
const videoCount = (...headers: string[]) => countField(headers);

/**
 * TikTok Studio per-video content export, in the variants parsers accept (docs/export-formats.md, "TikTok"):
 * `Video title`, `Video link` or not, `Post time` or `Video publish time`, `Total …` counts.
 */
export const tiktokContent = defineSource({
	id: 'tiktok-content',
	label: 'TikTok videos (content export)',
	description:
		"TikTok Studio's per-video export: title, link, post time and total views, likes, comments, shares and saves.",
	target: 'post_observations',
	anchors: ['video title', 'total views'],
	fields: {
		title: { headers: ['video title'], type: { kind: 'text' } },
		link: { headers: ['video link'], type: { kind: 'text' } },
		posted: {
			headers: ['post time', 'video publish time'],
			type: {
				kind: 'timestamp',
				formats: ['%Y-%m-%d %H:%M:%S', '%Y-%m-%d %H:%M', '%Y-%m-%d', '%m/%d/%Y %H:%M'],
				zone: 'library'
			},
			required: true
		},
		views: videoCount('total views'),
		likes: videoCount('total likes'),
		comments: videoCount('total comments'),
		shares: videoCount('total shares'),
		saves: videoCount('total saves', 'total bookmarks'),
		reach: videoCount('reach')
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
		engagements: videoEngagementsSql(n.likes, n.comments, n.shares, n.saves),
		likes: n.likes,
		comments: n.comments,
		shares: n.shares,
		saves: n.saves,
		video_views: n.views
	})
});

/** A video's likes, comments, shares and saves together; unknown only when none is known. */
function videoEngagementsSql(likes: string, comments: string, shares: string, saves: string): string {
	return `CASE WHEN ${likes} IS NULL AND ${comments} IS NULL AND ${shares} IS NULL THEN NULL ELSE coalesce(${likes}, 0) + coalesce(${comments}, 0) + coalesce(${shares}, 0) + coalesce(${saves}, 0) END`;
}

/**
 * TikTok Studio's per-video export as it is downloaded today: `Time` is the day of the export and
 * `Post time` the day of posting, both without a year ("February 28"). A video's exact time is in
 * its ID; the year-less post day, read as the last such day on or before the export, is only the
 * fallback for a row without a readable ID. The export day is when the figures were observed, so
 * the later of two overlapping exports wins in any upload order.
 */
export const tiktokStudioContent = defineSource({
	id: 'tiktok-studio-content',
	label: 'TikTok videos (TikTok Studio content export)',
	description:
		"TikTok Studio's per-video export with year-less dates (Time, Video title, Video link, Post time, Total likes, …): each video timed from its ID.",
	target: 'post_observations',
	anchors: ['time', 'video title', 'post time', 'total views'],
	fields: {
		exportDay: { headers: ['time'], type: { kind: 'monthDay' } },
		title: { headers: ['video title'], type: { kind: 'text' } },
		link: { headers: ['video link'], type: { kind: 'text' } },
		posted: { headers: ['post time'], type: { kind: 'monthDay' } },
		views: videoCount('total views'),
		likes: videoCount('total likes'),
		comments: videoCount('total comments'),
		shares: videoCount('total shares'),
		saves: videoCount('total saves', 'total bookmarks')
	},
	load: (n) => {
		const uploadDay = 'CAST(timezone(p.tz, p.observed_at) AS DATE)';
		const exportDay = `coalesce(${monthDayOnOrBeforeSql(n.exportDay, uploadDay)}, ${uploadDay})`;
		// The end of the export day in the library's zone, never later than the upload itself.
		const observed = `least(p.observed_at, timezone(p.tz, CAST(${exportDay} AS TIMESTAMP) + INTERVAL 1 DAY) - INTERVAL 1 SECOND)`;
		const videoId = `nullif(regexp_extract(${n.link}, '/video/([0-9]+)', 1), '')`;
		const postedDay = monthDayOnOrBeforeSql(n.posted, exportDay);
		return {
			platform: `'tiktok'`,
			account: `nullif(regexp_extract(${n.link}, 'tiktok\\.com/@([^/]+)/', 1), '')`,
			// Without a link, the title and post day identify a video across exports.
			post_id: `coalesce(${videoId}, md5(concat_ws('|', ${n.title}, strftime(${postedDay}, '%Y-%m-%d'))))`,
			observed_at: observed,
			published_at: `coalesce(${tiktokVideoTimeSql(videoId, observed)}, timezone(p.tz, CAST(${postedDay} AS TIMESTAMP)))`,
			text: n.title,
			permalink: n.link,
			post_type: `'video'`,
			hashtags: hashtagsSql(n.title),
			engagements: videoEngagementsSql(n.likes, n.comments, n.shares, n.saves),
			likes: n.likes,
			comments: n.comments,
			shares: n.shares,
			saves: n.saves,
			video_views: n.views
		};
	}
});
