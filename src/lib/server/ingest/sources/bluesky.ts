import { hashtagsSql } from '../field-sql';
import { defineSource, jsonText } from '../source';

const item = jsonText();

/**
 * A Bluesky repository export (Settings → Export my data, `repo.car`): each post's time, text and
 * reply. Like Mastodon archives, it carries no likes, reposts or views of the account's posts, so
 * these posts have no metrics (the description on the uploads page says so).
 */
export const blueskyRepo = defineSource({
	id: 'bluesky-repo',
	label: 'Bluesky repository export (repo.car)',
	description:
		"The repo.car from Bluesky's Settings → Export my data: each post's time, text, language and link. Bluesky exports carry no metrics.",
	target: 'post_observations',
	format: 'bluesky-car',
	archiveColumns: [
		{ name: 'uri', sql: item('uri') },
		{ name: 'did', sql: item('did') },
		{ name: 'rkey', sql: item('rkey') },
		{ name: 'created_at', sql: item('createdAt') },
		{ name: 'text', sql: item('text') },
		{ name: 'is_reply', sql: item('isReply') }
	],
	anchors: ['uri', 'created_at'],
	fields: {
		uri: { headers: ['uri'], type: { kind: 'text' }, required: true },
		did: { headers: ['did'], type: { kind: 'text' }, required: true },
		rkey: { headers: ['rkey'], type: { kind: 'text' }, required: true },
		createdAt: { headers: ['created_at'], type: { kind: 'instant' }, required: true },
		text: { headers: ['text'], type: { kind: 'text' } },
		isReply: { headers: ['is_reply'], type: { kind: 'enum', values: ['true', 'false'] } }
	},
	load: (n) => ({
		platform: `'bluesky'`,
		account: n.did,
		post_id: n.rkey,
		published_at: n.createdAt,
		text: n.text,
		permalink: `'https://bsky.app/profile/' || ${n.did} || '/post/' || ${n.rkey}`,
		post_type: `CASE WHEN ${n.isReply} = 'true' THEN 'reply' ELSE 'post' END`,
		hashtags: hashtagsSql(n.text)
	})
});
