import { hashtagsSql } from '../field-sql';
import { type FieldSpec, type RowRoute, countField, defineSource } from '../source';

// Meta writes `Publish time` as page-local wall-clock time, with or without seconds
// (docs/export-formats.md, "Facebook").
export const publishTime: FieldSpec = {
	headers: ['publish time', 'publication time'],
	type: { kind: 'timestamp', formats: ['%m/%d/%Y %H:%M', '%m/%d/%Y %H:%M:%S'], zone: 'library' },
	required: true
};

/**
 * `Date` says which figures a row holds: `Lifetime` for a post's lifetime totals, or a day
 * (`01/28/2026`) when the export was taken with one row per post per day.
 */
export const metaDay: FieldSpec = {
	headers: ['date'],
	type: { kind: 'date', formats: ['%m/%d/%Y', '%Y-%m-%d', '%Y-%m-%dT%H:%M:%S'], noDay: ['Lifetime'] }
};

export const count = (...headers: string[]) => countField(headers);

/** Impressions before Meta's 2025 rename, Views after; the basis column records which was read. */
export const impressionsOrViews = (n: { impressions: string; views: string }) => ({
	impressions: `coalesce(${n.impressions}, ${n.views})`,
	impressions_basis: `CASE WHEN ${n.impressions} IS NOT NULL THEN 'impressions' WHEN ${n.views} IS NOT NULL THEN 'views' END`
});

/**
 * Rows of a per-day export go to the post's daily series, never over its lifetime figures: the same
 * post on 1 February is not the post. `columns` are the figures as the lifetime row would store them.
 */
export function dailyRoute<F extends string>(
	day: (n: Record<F, string>) => string,
	columns: (n: Record<F, string>) => Record<string, string> & { content_type: string }
): RowRoute<F> {
	const kept = [
		'platform',
		'account',
		'account_id',
		'post_id',
		'content_type',
		'published_at',
		'impressions',
		'impressions_basis',
		'reach',
		'engagements',
		'likes',
		'comments',
		'shares',
		'saves',
		'clicks',
		'video_views'
	];
	return {
		target: 'post_daily_records',
		when: (n) => `${day(n)} IS NOT NULL`,
		load: (n) => ({
			...Object.fromEntries(Object.entries(columns(n)).filter(([column]) => kept.includes(column))),
			day: day(n)
		})
	};
}

const facebookFields = {
	postId: { headers: ['post id'], type: { kind: 'id' }, required: true },
	pageId: { headers: ['page id'], type: { kind: 'text' } },
	pageName: { headers: ['page name'], type: { kind: 'text' } },
	title: { headers: ['title'], type: { kind: 'text' } },
	description: { headers: ['description'], type: { kind: 'text' } },
	publishTime,
	permalink: { headers: ['permalink'], type: { kind: 'text' } },
	postType: { headers: ['post type'], type: { kind: 'text' } },
	day: metaDay,
	impressions: count('impressions'),
	views: count('views'),
	reach: count('reach', 'range'),
	engagements: count('reactions, comments and shares'),
	reactions: count('reactions'),
	comments: count('comments'),
	shares: count('shares'),
	clicks: count('total clicks')
} satisfies Record<string, FieldSpec>;

/** A Facebook row as a post: its lifetime figures, or (routed) its figures on one day. */
function facebookColumns(n: Record<keyof typeof facebookFields, string>): Record<string, string> {
	return {
		platform: `'facebook'`,
		account: n.pageName,
		account_id: n.pageId,
		post_id: n.postId,
		published_at: n.publishTime,
		text: `coalesce(${n.title}, ${n.description})`,
		permalink: n.permalink,
		post_type: `lower(${n.postType})`,
		hashtags: hashtagsSql(`coalesce(${n.title}, ${n.description})`),
		...impressionsOrViews(n),
		reach: n.reach,
		engagements: `coalesce(${n.engagements}, ${n.reactions} + ${n.comments} + ${n.shares})`,
		likes: n.reactions,
		comments: n.comments,
		shares: n.shares,
		clicks: n.clicks
	};
}

/** Meta Business Suite → Insights → Content → Export, Facebook posts (docs/export-formats.md, "Facebook"). */
export const metaFacebookPosts = defineSource({
	id: 'meta-facebook-posts',
	label: 'Facebook posts (Meta Business Suite)',
	description:
		'The post-level CSV from Meta Business Suite → Insights → Content → Export (Impressions or Views era; lifetime or per day).',
	target: 'post_observations',
	anchors: ['post id', 'page id', 'page name', 'publish time'],
	fields: facebookFields,
	load: facebookColumns,
	routes: [
		dailyRoute<keyof typeof facebookFields>(
			(n) => n.day,
			(n) => ({ ...facebookColumns(n), content_type: `'post'` })
		)
	]
});
