/**
 * The X ID tools' pure core: post IDs and post URLs decoded to the moment they were posted.
 * Snowflake layout: 41 bits of milliseconds since 2010-11-04T01:42:54.657Z, shifted left 22.
 */
const TWITTER_EPOCH_MS = 1_288_834_974_657n;
/** IDs below this were issued before Snowflakes (November 2010) and carry no time. */
const FIRST_SNOWFLAKE = 30_000_000_000n;
const MAX_ID = (1n << 63n) - 1n;

export type XidReading =
	| { input: string; kind: 'post'; id: string; postedAt: string; username: string | null }
	| { input: string; kind: 'pre-snowflake'; id: string; username: string | null; note: string }
	| { input: string; kind: 'username'; username: string }
	| { input: string; kind: 'invalid'; note: string };

const URL_PATTERN =
	/^(?:https?:\/\/)?(?:www\.|mobile\.)?(?:twitter|x)\.com\/([A-Za-z0-9_]{1,15})\/status(?:es)?\/(\d+)/i;

/** Reads one thing a person pasted: a post ID, a post URL, or an @username. */
export function readXid(raw: string): XidReading {
	const input = raw.trim();
	const url = URL_PATTERN.exec(input);
	const handle = /^@([A-Za-z0-9_]{1,15})$/.exec(input);
	if (handle) return { input, kind: 'username', username: handle[1]! };
	const digits = url ? url[2]! : /^\d{1,20}$/.test(input) ? input : null;
	if (!digits) return { input, kind: 'invalid', note: 'not a post ID, a post URL (x.com/…/status/…) or an @username' };
	const id = BigInt(digits);
	if (id > MAX_ID) return { input, kind: 'invalid', note: 'is larger than any X ID' };
	const username = url ? url[1]! : null;
	if (id < FIRST_SNOWFLAKE) {
		return {
			input,
			kind: 'pre-snowflake',
			id: digits,
			username,
			note: 'issued before November 2010, when IDs started to carry their time; the post time is only in the post itself (created_at)'
		};
	}
	return {
		input,
		kind: 'post',
		id: digits,
		postedAt: new Date(Number((id >> 22n) + TWITTER_EPOCH_MS)).toISOString(),
		username
	};
}

/** How an ID or handle appears in an uploaded post. */
export type PostMatch = 'post' | 'author' | 'permalink' | 'link in text' | 'mention';

/** An uploaded post in which the X ID tools found an ID or handle. */
export interface PostSighting {
	platform: string;
	postId: string;
	account: string | null;
	/** UTC, `YYYY-MM-DDTHH:MM:SSZ`; null when the export gave no time */
	publishedAt: string | null;
	match: PostMatch;
}

/** Where an ID or handle was seen, in words: "Linked in Mastodon post 1113… by @maplevalleypl". */
export function describePostSighting(sighting: PostSighting, platformLabel: string): string {
	const post = `${platformLabel} post ${sighting.postId}${sighting.account ? ` by @${sighting.account}` : ''}`;
	switch (sighting.match) {
		case 'post':
			return `Uploaded as ${post}`;
		case 'author':
			return `Wrote ${platformLabel} post ${sighting.postId}`;
		case 'permalink':
			return `In the link of ${post}`;
		case 'link in text':
			return `Linked in ${post}`;
		case 'mention':
			return `Mentioned in ${post}`;
	}
}
