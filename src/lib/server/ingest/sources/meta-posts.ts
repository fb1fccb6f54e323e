import { hashtagsSql } from '../field-sql';
import { type FieldSpec, countField, defineSource } from '../source';

// Meta writes `Publish time` as page-local wall-clock time, with or without seconds
// (docs/export-formats.md, "Facebook").
const publishTime: FieldSpec = {
	headers: ['publish time', 'publication time'],
	type: { kind: 'timestamp', formats: ['%m/%d/%Y %H:%M', '%m/%d/%Y %H:%M:%S'], zone: 'library' },
	required: true
};
const count = (...headers: string[]) => countField(headers);

/** Impressions before Meta's 2025 rename, Views after; the basis column records which was read. */
const impressionsOrViews = (n: { impressions: string; views: string }) => ({
	impressions: `coalesce(${n.impressions}, ${n.views})`,
	impressions_basis: `CASE WHEN ${n.impressions} IS NOT NULL THEN 'impressions' WHEN ${n.views} IS NOT NULL THEN 'views' END`
});

/** Meta Business Suite → Insights → Content → Export, Facebook posts (docs/export-formats.md, "Facebook"). */
export const metaFacebookPosts = defineSource({
	id: 'meta-facebook-posts',
	label: 'Facebook posts (Meta Business Suite)',
	description: 'The post-level CSV from Meta Business Suite → Insights → Content → Export (Impressions or Views era).',
	target: 'post_observations',
	anchors: ['post id', 'page id', 'page name', 'publish time'],
	fields: {
		postId: { headers: ['post id'], type: { kind: 'id' }, required: true },
		pageName: { headers: ['page name'], type: { kind: 'text' } },
		title: { headers: ['title'], type: { kind: 'text' } },
		description: { headers: ['description'], type: { kind: 'text' } },
		publishTime,
		permalink: { headers: ['permalink'], type: { kind: 'text' } },
		postType: { headers: ['post type'], type: { kind: 'text' } },
		impressions: count('impressions'),
		views: count('views'),
		reach: count('reach', 'range'),
		engagements: count('reactions, comments and shares'),
		reactions: count('reactions'),
		comments: count('comments'),
		shares: count('shares'),
		clicks: count('total clicks')
	},
	load: (n) => ({
		platform: `'facebook'`,
		account: n.pageName,
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
	})
});

/** Meta Business Suite Instagram post-level CSV (docs/export-formats.md, "Instagram"). */
export const metaInstagramPosts = defineSource({
	id: 'meta-instagram-posts',
	label: 'Instagram posts (Meta Business Suite)',
	description: 'The post-level Instagram CSV from Meta Business Suite (Impressions or Views era).',
	target: 'post_observations',
	anchors: ['post id', 'account id', 'account username', 'publish time'],
	fields: {
		postId: { headers: ['post id'], type: { kind: 'id' }, required: true },
		username: { headers: ['account username'], type: { kind: 'text' } },
		description: { headers: ['description'], type: { kind: 'text' } },
		publishTime,
		permalink: { headers: ['permalink'], type: { kind: 'text' } },
		postType: { headers: ['post type'], type: { kind: 'text' } },
		impressions: count('impressions'),
		views: count('views'),
		reach: count('reach'),
		likes: count('likes'),
		comments: count('comments'),
		shares: count('shares'),
		saves: count('saves')
	},
	load: (n) => ({
		platform: `'instagram'`,
		account: n.username,
		post_id: n.postId,
		published_at: n.publishTime,
		text: n.description,
		permalink: n.permalink,
		post_type: `lower(${n.postType})`,
		hashtags: hashtagsSql(n.description),
		...impressionsOrViews(n),
		reach: n.reach,
		engagements: `coalesce(${n.likes}, 0) + coalesce(${n.comments}, 0) + coalesce(${n.shares}, 0) + coalesce(${n.saves}, 0)`,
		likes: n.likes,
		comments: n.comments,
		shares: n.shares,
		saves: n.saves
	})
});
