import { hashtagsSql } from '../field-sql';
import { type FieldSpec, type RowRoute, defineSource } from '../source';
import { count, dailyRoute, impressionsOrViews, metaDay, publishTime } from './meta-posts';

/** Both Instagram exports, posts and stories: one set of columns, the story ones blank in a posts file. */
const instagramFields = {
	postId: { headers: ['post id'], type: { kind: 'id' }, required: true },
	accountId: { headers: ['account id'], type: { kind: 'text' } },
	username: { headers: ['account username'], type: { kind: 'text' } },
	description: { headers: ['description'], type: { kind: 'text' } },
	publishTime,
	permalink: { headers: ['permalink'], type: { kind: 'text' } },
	postType: { headers: ['post type'], type: { kind: 'text' } },
	day: metaDay,
	impressions: count('impressions'),
	views: count('views'),
	reach: count('reach'),
	likes: count('likes'),
	comments: count('comments'),
	shares: count('shares'),
	saves: count('saves'),
	replies: count('replies'),
	profileVisits: count('profile visits'),
	linkClicks: count('link clicks'),
	stickerTaps: count('sticker taps'),
	navigation: count('navigation'),
	follows: count('follows')
} satisfies Record<string, FieldSpec>;

type Row = Record<keyof typeof instagramFields, string>;

/** Meta marks a story by its `Post type`, `IG story` (beside `IG image`, `IG carousel`, `IG reel`). */
const storyType = (n: Row) => `lower(trim(${n.postType})) = 'ig story'`;
const otherType = (n: Row) => `${n.postType} IS NOT NULL AND NOT (${storyType(n)})`;

const common = (n: Row) => ({
	platform: `'instagram'`,
	account: n.username,
	account_id: n.accountId,
	post_id: n.postId,
	published_at: n.publishTime,
	...impressionsOrViews(n),
	reach: n.reach,
	likes: n.likes,
	shares: n.shares
});

function postColumns(n: Row): Record<string, string> {
	return {
		...common(n),
		text: n.description,
		permalink: n.permalink,
		post_type: `lower(${n.postType})`,
		hashtags: hashtagsSql(n.description),
		// Instagram has no combined column and no clicks.
		engagements: `coalesce(${n.likes}, 0) + coalesce(${n.comments}, 0) + coalesce(${n.shares}, 0) + coalesce(${n.saves}, 0)`,
		comments: n.comments,
		saves: n.saves
	};
}

function storyColumns(n: Row): Record<string, string> {
	return {
		...common(n),
		text: n.description,
		permalink: n.permalink,
		// A story's interactions: likes, replies (its comments, sent privately) and shares.
		engagements: `coalesce(${n.likes}, 0) + coalesce(${n.replies}, 0) + coalesce(${n.shares}, 0)`,
		replies: n.replies,
		profile_visits: n.profileVisits,
		link_clicks: n.linkClicks,
		sticker_taps: n.stickerTaps,
		navigation: n.navigation,
		follows: n.follows
	};
}

/** A story's day goes to the daily series too, marked as a story, its replies as its comments. */
const dailyOf = (isStory: (n: Row) => string): RowRoute<keyof typeof instagramFields> =>
	dailyRoute(
		(n) => n.day,
		(n) => ({
			...postColumns(n),
			engagements: `CASE WHEN ${isStory(n)} THEN ${storyColumns(n).engagements} ELSE ${postColumns(n).engagements} END`,
			comments: `CASE WHEN ${isStory(n)} THEN ${n.replies} ELSE ${n.comments} END`,
			content_type: `CASE WHEN ${isStory(n)} THEN 'story' ELSE 'post' END`
		})
	);

/**
 * Meta Business Suite Instagram post-level CSV (docs/export-formats.md, "Instagram"). A story row
 * in it (`IG story`) is stored as a story, never as a post.
 */
export const metaInstagramPosts = defineSource({
	id: 'meta-instagram-posts',
	label: 'Instagram posts (Meta Business Suite)',
	description: 'The post-level Instagram CSV from Meta Business Suite (Impressions or Views era; lifetime or per day).',
	target: 'post_observations',
	anchors: ['post id', 'account id', 'account username', 'publish time'],
	fields: instagramFields,
	load: postColumns,
	routes: [dailyOf(storyType), { target: 'story_records', when: storyType, load: storyColumns }]
});

/**
 * Meta Business Suite Instagram stories export: the post columns plus Replies, Sticker taps,
 * Navigation and the like (docs/export-formats.md, "Instagram"). Stories are their own content type,
 * never counted as posts; a row of another post type in it is stored as a post.
 */
export const metaInstagramStories = defineSource({
	id: 'meta-instagram-stories',
	label: 'Instagram stories (Meta Business Suite)',
	description: 'The Instagram stories CSV from Meta Business Suite (Post type "IG story"; lifetime or per day).',
	target: 'story_records',
	anchors: ['post id', 'account id', 'account username', 'publish time', 'replies'],
	fields: instagramFields,
	load: storyColumns,
	routes: [dailyOf((n) => `NOT (${otherType(n)})`), { target: 'post_observations', when: otherType, load: postColumns }]
});
