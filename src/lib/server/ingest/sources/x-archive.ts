import { decodeEntitiesSql, hashtagsSql } from '../field-sql';
import { countField, defineSource, jsonText } from '../source';

const tweet = jsonText('tweet.');
const count = (header: string) => countField([header]);

/**
 * X data archive posts: data/tweets.js (tweet.js before 2022, tweets-partN.js when split), as
 * `window.YTD.tweets.part0 = [...]` (docs/export-formats.md, "X (Twitter)"). No impressions: only likes and reposts.
 * Mentions feed the account directory (x_accounts).
 */
export const xArchiveTweets = defineSource({
	id: 'x-archive-tweets',
	label: 'X data archive posts (tweets.js)',
	description:
		'data/tweets.js (or tweet.js, tweets-part1.js, …) from an X data archive. Archives carry likes and reposts but no impressions.',
	target: 'post_observations',
	format: 'x-archive',
	archiveParts: ['tweets', 'tweet'],
	archiveColumns: [
		{ name: 'id_str', sql: `coalesce(${tweet('id_str')}, ${tweet('id')})` },
		{ name: 'created_at', sql: tweet('created_at') },
		{ name: 'full_text', sql: `coalesce(${tweet('full_text')}, ${tweet('text')})` },
		{ name: 'favorite_count', sql: tweet('favorite_count') },
		{ name: 'retweet_count', sql: tweet('retweet_count') },
		{ name: 'in_reply_to_status_id_str', sql: tweet('in_reply_to_status_id_str') },
		{ name: 'user_mentions', sql: `json_extract(json, '$.tweet.entities.user_mentions')` }
	],
	anchors: ['id_str', 'created_at', 'full_text'],
	fields: {
		postId: { headers: ['id_str'], type: { kind: 'id' }, required: true },
		createdAt: {
			headers: ['created_at'],
			type: { kind: 'timestamp', formats: ['%a %b %d %H:%M:%S %z %Y'], zone: 'in-value' },
			required: true
		},
		text: { headers: ['full_text'], type: { kind: 'text' } },
		likes: count('favorite_count'),
		reposts: count('retweet_count'),
		inReplyTo: { headers: ['in_reply_to_status_id_str'], type: { kind: 'text' } },
		mentions: { headers: ['user_mentions'], type: { kind: 'text' } }
	},
	load: (n) => ({
		platform: `'x'`,
		post_id: n.postId,
		// The archive's own created_at is the post time; a Snowflake ID is only a cross-check (INDEX.md).
		published_at: n.createdAt,
		// full_text is HTML-escaped (`&amp;`), like every X export's text.
		text: decodeEntitiesSql(n.text),
		post_type: `CASE WHEN ${n.inReplyTo} IS NOT NULL THEN 'reply' WHEN starts_with(coalesce(${n.text}, ''), 'RT @') THEN 'repost' ELSE 'post' END`,
		hashtags: hashtagsSql(decodeEntitiesSql(n.text)),
		likes: n.likes,
		shares: n.reposts
	}),
	also: [
		{
			target: 'x_account_sightings',
			unnest: (n) => `coalesce(CAST(json(${n.mentions}) AS JSON[]), [])`,
			columns: (n) => ({
				account_id: `json_extract_string(u.item, '$.id_str')`,
				username: `json_extract_string(u.item, '$.screen_name')`,
				seen_at: n.createdAt
			})
		}
	]
});

const account = jsonText('account.');

/** data/account.js: the archive owner's account ID and handle. */
export const xArchiveAccount = defineSource({
	id: 'x-archive-account',
	label: 'X data archive account (account.js)',
	description:
		"data/account.js from an X data archive: the account's ID and username, for the X ID tools. Nothing else is kept.",
	target: 'x_account_sightings',
	format: 'x-archive',
	archiveParts: ['account'],
	archiveColumns: [
		{ name: 'accountId', sql: account('accountId') },
		{ name: 'username', sql: account('username') },
		{ name: 'createdAt', sql: account('createdAt') }
	],
	anchors: ['accountid', 'username'],
	fields: {
		accountId: { headers: ['accountid'], type: { kind: 'id' }, required: true },
		username: { headers: ['username'], type: { kind: 'text' }, required: true }
	},
	load: (n) => ({ account_id: n.accountId, username: n.username, seen_at: 'p.observed_at' })
});

/** data/following.js: followed account IDs, handle unknown. */
export const xArchiveFollowing = defineSource({
	id: 'x-archive-following',
	label: 'X data archive followed accounts (following.js)',
	description:
		'data/following.js from an X data archive: account IDs seen, for the X ID tools (the file has no handles).',
	target: 'x_account_sightings',
	format: 'x-archive',
	archiveParts: ['following', 'follower'],
	archiveColumns: [
		{
			name: 'accountId',
			sql: `coalesce(json_extract_string(json, '$.following.accountId'), json_extract_string(json, '$.follower.accountId'))`
		}
	],
	anchors: ['accountid'],
	fields: { accountId: { headers: ['accountid'], type: { kind: 'id' }, required: true } },
	load: (n) => ({ account_id: n.accountId, username: 'NULL', seen_at: 'p.observed_at' })
});

const note = jsonText('noteTweet.');

/**
 * data/note-tweet.js: the full text of long posts, whose tweets.js entry holds only the first 280
 * characters. Notes carry their own ID and time, not the post's ID (some archives add `tweetId`),
 * so the `posts` view matches a note to the X post published at the same second.
 */
export const xArchiveNoteTweets = defineSource({
	id: 'x-archive-note-tweets',
	label: 'X data archive long posts (note-tweet.js)',
	description:
		'data/note-tweet.js from an X data archive: the full text of posts longer than 280 characters, shown in place of their cut-off text.',
	target: 'x_note_texts',
	format: 'x-archive',
	archiveParts: ['note_tweet', 'noteTweet'],
	archiveColumns: [
		{ name: 'note_id', sql: note('noteTweetId') },
		{ name: 'tweet_id', sql: note('tweetId') },
		{ name: 'created_at', sql: note('createdAt') },
		{ name: 'text', sql: `coalesce(${note('core.text')}, ${note('noteTweetResults.text')})` }
	],
	anchors: ['note_id', 'text'],
	fields: {
		noteId: { headers: ['note_id'], type: { kind: 'id' }, required: true },
		tweetId: { headers: ['tweet_id'], type: { kind: 'id' } },
		createdAt: { headers: ['created_at'], type: { kind: 'instant' } },
		text: { headers: ['text'], type: { kind: 'text' }, required: true }
	},
	load: (n) => ({ note_id: n.noteId, post_id: n.tweetId, created_at: n.createdAt, text: decodeEntitiesSql(n.text) })
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
		timestamp: {
			headers: ['timestamp'],
			type: { kind: 'timestamp', formats: ['%Y-%m-%d %H:%M:%S %z'], zone: 'in-value' },
			required: true
		},
		text: { headers: ['text'], type: { kind: 'text' } },
		retweetOf: { headers: ['retweeted_status_id'], type: { kind: 'text' } }
	},
	load: (n) => ({
		platform: `'x'`,
		post_id: n.id,
		published_at: n.timestamp,
		text: decodeEntitiesSql(n.text),
		post_type: `CASE WHEN ${n.retweetOf} IS NOT NULL THEN 'repost' WHEN ${n.replyTo} IS NOT NULL THEN 'reply' ELSE 'post' END`,
		hashtags: hashtagsSql(decodeEntitiesSql(n.text))
	})
});
