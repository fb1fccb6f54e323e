import { decodeEntitiesSql, hashtagsSql } from '../field-sql';
import { defineSource, jsonText } from '../source';

const item = jsonText();

/**
 * A Mastodon archive's outbox.json (ActivityPub): posts and boosts with their times. Archives carry
 * no likes, boosts received or views, so these posts have no metrics (the uploads page says so).
 */
export const mastodonOutbox = defineSource({
	id: 'mastodon-outbox',
	label: 'Mastodon archive posts (outbox.json)',
	description:
		"outbox.json from a Mastodon account archive: each post's time, text, link and hashtags. Archives carry no metrics.",
	target: 'post_observations',
	format: 'activitypub',
	archiveColumns: [
		{ name: 'type', sql: item('type') },
		{ name: 'published', sql: item('published') },
		{ name: 'object_id', sql: `coalesce(${item('object.id')}, ${item('object')})` },
		{ name: 'url', sql: item('object.url') },
		{ name: 'content', sql: item('object.content') },
		{ name: 'in_reply_to', sql: item('object.inReplyTo') }
	],
	anchors: ['published', 'object_id'],
	fields: {
		type: { headers: ['type'], type: { kind: 'text' } },
		published: { headers: ['published'], type: { kind: 'instant' }, required: true },
		objectId: { headers: ['object_id'], type: { kind: 'text' }, required: true },
		url: { headers: ['url'], type: { kind: 'text' } },
		content: { headers: ['content'], type: { kind: 'text' } },
		inReplyTo: { headers: ['in_reply_to'], type: { kind: 'text' } }
	},
	load: (n) => {
		// Paragraph and line breaks become newlines; DuckDB's trim() takes only spaces unless told.
		const withoutTags = `nullif(trim(regexp_replace(regexp_replace(${n.content}, '<br\\s*/?>|</p>', chr(10), 'g'), '<[^>]+>', '', 'g'), ' ' || chr(10)), '')`;
		const text = decodeEntitiesSql(withoutTags);
		return {
			platform: `'mastodon'`,
			account: `nullif(regexp_extract(coalesce(${n.url}, ${n.objectId}), '(?:/@|/users/)([A-Za-z0-9_]+)', 1), '')`,
			post_id: `coalesce(nullif(regexp_extract(${n.objectId}, '([0-9]+)/?(?:activity)?$', 1), ''), ${n.objectId})`,
			published_at: n.published,
			text,
			permalink: `coalesce(${n.url}, ${n.objectId})`,
			post_type: `CASE WHEN ${n.type} = 'Announce' THEN 'boost' WHEN ${n.inReplyTo} IS NOT NULL THEN 'reply' ELSE 'post' END`,
			hashtags: hashtagsSql(text)
		};
	}
});
