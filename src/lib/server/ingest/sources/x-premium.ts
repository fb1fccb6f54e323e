import { xPostColumns } from './x-post-columns';
import { countField, defineSource } from '../source';
import { snowflakeTimeSql } from './snowflake';

const count = (...headers: string[]) => countField(headers);
// X writes `Fri, Jun 5, 2026` today and wrote `Mon Feb 17 2025` in early 2025
// (docs/export-formats.md, "X (Twitter)").
const DAY_FORMATS = ['%a, %b %d, %Y', '%a %b %d %Y', '%Y-%m-%d', '%m/%d/%Y'];

/** X Premium analytics, Content tab: account_analytics_content_<from>_<to>.csv (docs/export-formats.md, "X (Twitter)"). */
export const xPremiumContent = defineSource({
	id: 'x-premium-content',
	label: 'X Premium posts (account_analytics_content)',
	description: 'The per-post CSV from X Premium analytics (Content tab); post times come from the post IDs.',
	target: 'post_observations',
	anchors: ['post id', 'post text'],
	fields: {
		postId: { headers: ['post id', 'id do post', '게시물 id'], type: { kind: 'id' }, required: true },
		date: { headers: ['date', 'data', '날짜'], type: { kind: 'date', formats: DAY_FORMATS }, required: true },
		text: { headers: ['post text', 'texto do post', '게시물 텍스트'], type: { kind: 'text', entities: true } },
		link: { headers: ['post link', 'link', 'link do post'], type: { kind: 'text' } },
		impressions: count('impressions', 'impressões', '노출수'),
		likes: count('likes', 'curtidas', '마음에 들어요'),
		engagements: count('engagements', 'engajamentos', '참여수'),
		bookmarks: count('bookmarks', 'itens salvos'),
		shares: count('shares', 'share', 'compartilhamentos'),
		replies: count('replies', 'respostas'),
		reposts: count('reposts', 'reposts'),
		urlClicks: count('url clicks', 'cliques no url')
	},
	load: (n) => ({
		...xPostColumns(n.text, n.link),
		post_id: n.postId,
		// The ID carries the exact time; the date column alone is a calendar day in the account's zone.
		published_at: `coalesce(${snowflakeTimeSql(n.postId)}, timezone(p.tz, CAST(${n.date} AS TIMESTAMP)))`,
		impressions: n.impressions,
		engagements: n.engagements,
		likes: n.likes,
		comments: n.replies,
		shares: `CASE WHEN ${n.reposts} IS NULL AND ${n.shares} IS NULL THEN NULL ELSE coalesce(${n.reposts}, 0) + coalesce(${n.shares}, 0) END`,
		saves: n.bookmarks,
		clicks: n.urlClicks
	})
});

/** X Premium analytics, Overview tab: account_overview_analytics.csv, one row per day. */
export const xPremiumOverview = defineSource({
	id: 'x-premium-overview',
	label: 'X Premium daily account figures (account_overview_analytics)',
	description:
		'The daily account CSV from X Premium analytics (Overview tab): impressions, engagements, new follows, profile visits.',
	target: 'account_daily_records',
	anchors: ['date', 'new follows', 'unfollows', 'create post'],
	absent: ['post text'],
	fields: {
		date: { headers: ['date', 'data'], type: { kind: 'date', formats: DAY_FORMATS }, required: true },
		impressions: count('impressions', 'impressões'),
		engagements: count('engagements', 'engajamentos'),
		newFollows: count('new follows', 'novos seguidores'),
		unfollows: count('unfollows'),
		profileVisits: count('profile visits', 'visitas ao perfil'),
		videoViews: count('video views', 'visualizações de vídeo')
	},
	load: (n) => ({
		platform: `'x'`,
		account: `''`,
		date: n.date,
		new_follows: n.newFollows,
		impressions: n.impressions,
		engagements: n.engagements,
		profile_visits: n.profileVisits,
		video_views: n.videoViews
	})
});

/** The legacy analytics.twitter.com daily file (daily_tweet_activity_metrics_*.csv). */
export const xLegacyDaily = defineSource({
	id: 'x-legacy-daily',
	label: 'X (Twitter) daily activity',
	description: 'The per-day CSV from analytics.twitter.com (daily_tweet_activity_metrics_<handle>_<dates>_en.csv).',
	target: 'account_daily_records',
	anchors: ['date', 'tweets published'],
	fields: {
		date: {
			headers: ['date'],
			type: { kind: 'date', formats: ['%Y-%m-%d', '%Y-%m-%d %H:%M %z', '%m/%d/%Y'] },
			required: true
		},
		impressions: count('impressions'),
		engagements: count('engagements'),
		follows: count('follows'),
		profileClicks: count('user profile clicks'),
		mediaViews: count('media views')
	},
	load: (n) => ({
		platform: `'x'`,
		account: `''`,
		date: n.date,
		new_follows: n.follows,
		impressions: n.impressions,
		engagements: n.engagements,
		profile_visits: n.profileClicks,
		video_views: n.mediaViews
	})
});

/** X Premium `video_overview_analytics.csv`: a title row, then daily video views (docs/export-formats.md, "X (Twitter)"). */
export const xVideoOverview = defineSource({
	id: 'x-video-overview',
	label: 'X Premium video overview (video_overview_analytics)',
	description: 'The daily video CSV from X Premium analytics: views per day (watch time and completion are not kept).',
	target: 'account_daily_records',
	anchors: ['date', 'views', 'watch time (ms)'],
	fields: {
		date: {
			headers: ['date'],
			type: { kind: 'date', formats: ['%a, %b %d, %Y', '%Y-%m-%d', '%m/%d/%Y'] },
			required: true
		},
		views: count('views')
	},
	load: (n) => ({ platform: `'x'`, account: `''`, date: n.date, video_views: n.views })
});
