import { countField, defineSource } from '../source';

/**
 * LinkedIn member (creator) analytics workbook, Post impressions → Export: the ENGAGEMENT sheet's
 * daily impressions and engagements. Dates are text cells written M/D/YYYY.
 */
export const linkedinCreatorEngagement = defineSource({
	id: 'linkedin-creator-engagement',
	label: 'LinkedIn creator analytics (daily engagement)',
	description:
		"The .xlsx from a LinkedIn profile's Post impressions → Export: daily impressions and engagements from its ENGAGEMENT sheet. (A company Page's export has Metrics and All posts sheets instead.)",
	target: 'account_daily_records',
	sheet: 'engagement',
	anchors: ['date', 'impressions', 'engagements'],
	fields: {
		date: { headers: ['date'], type: { kind: 'date', formats: ['%m/%d/%Y', '%Y-%m-%d'] }, required: true },
		impressions: { headers: ['impressions'], type: { kind: 'count' } },
		// LinkedIn writes later corrections as negative days (-87.0 on 6/13/2023 in the real export).
		engagements: { headers: ['engagements'], type: { kind: 'count', signed: true } }
	},
	load: (n) => ({
		platform: `'linkedin'`,
		account: `''`,
		date: n.date,
		impressions: n.impressions,
		engagements: n.engagements
	})
});

const signed = (...headers: string[]) => countField(headers, { signed: true });
const usDate = { kind: 'date', formats: ['%m/%d/%Y', '%Y-%m-%d', '%m/%d/%Y %H:%M'] } as const;

/**
 * LinkedIn Page content export (LinkedIn writes old binary .xls; .xlsx and CSV re-saves read the same), its `Metrics` sheet:
 * a description row, then daily organic, sponsored and total figures (docs/export-formats.md, "LinkedIn").
 * Older files say Shares where newer ones say Reposts; days can be negative corrections.
 */
export const linkedinPageMetrics = defineSource({
	id: 'linkedin-page-metrics',
	label: 'LinkedIn Page content: daily metrics',
	description:
		"The Metrics sheet of a LinkedIn Page's content export (.xls as LinkedIn writes it, or re-saved as .xlsx): daily impressions, clicks, reactions, comments and reposts.",
	target: 'account_daily_records',
	sheet: 'metrics',
	anchors: ['date', 'impressions (total)'],
	fields: {
		date: { headers: ['date'], type: usDate, required: true },
		impressions: signed('impressions (total)'),
		clicks: signed('clicks (total)'),
		reactions: signed('reactions (total)'),
		comments: signed('comments (total)'),
		reposts: signed('reposts (total)', 'shares (total)')
	},
	load: (n) => ({
		platform: `'linkedin'`,
		account: `''`,
		date: n.date,
		impressions: n.impressions,
		engagements: `coalesce(${n.clicks}, 0) + coalesce(${n.reactions}, 0) + coalesce(${n.comments}, 0) + coalesce(${n.reposts}, 0)`
	})
});

/** LinkedIn Page content export, its `All posts` sheet (or that sheet saved as CSV). */
export const linkedinPagePosts = defineSource({
	id: 'linkedin-page-posts',
	label: 'LinkedIn Page content: posts',
	description:
		"The All posts sheet of a LinkedIn Page's content export: each post's link, date and impressions, clicks, likes, comments and reposts.",
	target: 'post_observations',
	anchors: ['post title', 'post link', 'created date'],
	fields: {
		title: { headers: ['post title'], type: { kind: 'text' } },
		link: { headers: ['post link'], type: { kind: 'text' }, required: true },
		postType: { headers: ['post type', 'content type'], type: { kind: 'text' } },
		// M/D/YYYY text as LinkedIn writes it; ISO when the cell is a date cell (workbook date cells are read that way)
		created: {
			headers: ['created date'],
			type: {
				kind: 'timestamp',
				formats: ['%m/%d/%Y', '%m/%d/%Y %H:%M', '%m/%d/%Y %H:%M:%S', '%Y-%m-%d', '%Y-%m-%d %H:%M:%S'],
				zone: 'library'
			},
			required: true
		},
		impressions: signed('impressions'),
		views: signed('views (excluding off-site video views)', 'views'),
		clicks: signed('clicks'),
		likes: signed('likes'),
		comments: signed('comments'),
		reposts: signed('reposts', 'shares'),
		follows: signed('follows')
	},
	load: (n) => ({
		platform: `'linkedin'`,
		post_id: `coalesce(nullif(regexp_extract(${n.link}, 'urn:li:(?:activity|share|ugcPost):([0-9]+)', 1), ''), ${n.link})`,
		published_at: n.created,
		text: n.title,
		permalink: n.link,
		post_type: `lower(${n.postType})`,
		impressions: n.impressions,
		impressions_basis: `'impressions'`,
		engagements: `coalesce(${n.clicks}, 0) + coalesce(${n.likes}, 0) + coalesce(${n.comments}, 0) + coalesce(${n.reposts}, 0)`,
		likes: n.likes,
		comments: n.comments,
		shares: n.reposts,
		clicks: n.clicks,
		video_views: n.views
	})
});

/** LinkedIn Page followers export: `Total followers` there is the day's new followers, not a running total. */
export const linkedinPageFollowers = defineSource({
	id: 'linkedin-page-followers',
	label: 'LinkedIn Page followers (new followers per day)',
	description: "A LinkedIn Page's followers export (its New followers sheet, or as CSV): new followers per day.",
	target: 'account_daily_records',
	anchors: ['date', 'organic followers', 'total followers'],
	fields: {
		date: { headers: ['date'], type: usDate, required: true },
		total: signed('total followers')
	},
	load: (n) => ({ platform: `'linkedin'`, account: `''`, date: n.date, new_follows: n.total })
});

/**
 * LinkedIn Page visitors export (.xls, or re-saved as .xlsx or CSV): `Date` and page views and unique
 * visitors per page (overview, life, jobs) and device. Lantern keeps the day's total page views,
 * as profile visits; the per-page split stays in the file.
 */
export const linkedinPageVisitors = defineSource({
	id: 'linkedin-page-visitors',
	label: 'LinkedIn Page visitors (daily page views)',
	description: "A LinkedIn Page's visitors export: total page views per day, kept as profile visits.",
	target: 'account_daily_records',
	anchors: ['date', 'total page views (total)'],
	fields: {
		date: { headers: ['date'], type: usDate, required: true },
		pageViews: signed('total page views (total)')
	},
	load: (n) => ({ platform: `'linkedin'`, account: `''`, date: n.date, profile_visits: n.pageViews })
});
