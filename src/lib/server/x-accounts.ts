import type { Database } from './db/database';
import { readXid, type PostMatch, type PostSighting, type XidReading } from '../xid';

export interface AccountSighting {
	accountId: string;
	username: string | null;
	firstSeen: string;
	lastSeen: string;
}

export type XidAnswer = XidReading & {
	accounts: AccountSighting[];
	/** the newest uploaded posts that are, link to or mention the ID or handle */
	posts: PostSighting[];
	/** how many uploaded posts do in all */
	postCount: number;
};

/** How many posts an answer lists; the rest are counted. */
const POSTS_LISTED = 10;

/**
 * Decodes each input and adds what uploaded data says about it: the account IDs and handles seen
 * (archive account files and mentions), and the uploaded posts that are the post, carry its ID or the
 * handle in their link or text, or mention the handle.
 */
export async function lookUpXids(db: Database, inputs: string[]): Promise<XidAnswer[]> {
	const answers: XidAnswer[] = [];
	for (const input of inputs.filter((text) => text.trim() !== '')) {
		const reading = readXid(input);
		let accounts: AccountSighting[] = [];
		let found: { posts: PostSighting[]; postCount: number } = { posts: [], postCount: 0 };
		if (reading.kind === 'username') {
			accounts = await sightings(db, 'lower(username) = lower($1)', reading.username);
			found = await postsWithHandle(db, reading.username);
		} else if (reading.kind === 'post' || reading.kind === 'pre-snowflake') {
			// A bare number may be an account ID rather than a post ID; say so when data has seen it.
			accounts = reading.username
				? await sightings(db, 'lower(username) = lower($1)', reading.username)
				: await sightings(db, 'account_id = $1', reading.id);
			found = await postsWithId(db, reading.id);
		}
		answers.push({ ...reading, accounts, ...found });
	}
	return answers;
}

async function sightings(db: Database, where: string, value: string): Promise<AccountSighting[]> {
	const rows = await db.query<{ account_id: string; username: string | null; first_seen: string; last_seen: string }>(
		`SELECT account_id, username, strftime(first_seen AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS first_seen,
			strftime(last_seen AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS last_seen
		 FROM x_accounts WHERE ${where} ORDER BY last_seen DESC LIMIT 20`,
		[value]
	);
	return rows.map((row) => ({
		accountId: row.account_id,
		username: row.username,
		firstSeen: row.first_seen,
		lastSeen: row.last_seen
	}));
}

// Regular expressions built around the bound value ($1), which readXid allows only as digits or a
// handle's letters, digits and underscores. A link is x.com or twitter.com (any subdomain), not fox.com.
const X_HOST = `(?i)(?:^|[^A-Za-z0-9_-])(?:twitter|x)\\.com/`;
const STATUS_LINK = `'${X_HOST}(?:[A-Za-z0-9_]{1,15}|i/web)/status(?:es)?/' || $1 || '(?:[^0-9]|$)'`;
const HANDLE_LINK = `'${X_HOST}' || $1 || '(?:[^A-Za-z0-9_]|$)'`;
const MENTION = `'(?i)(?:^|[^A-Za-z0-9_])@' || $1 || '(?:[^A-Za-z0-9_]|$)'`;

/** Uploaded posts with this ID: the X post itself, and any post whose link or text links to it. */
function postsWithId(db: Database, id: string): Promise<{ posts: PostSighting[]; postCount: number }> {
	if (!/^\d{1,20}$/.test(id)) return Promise.resolve({ posts: [], postCount: 0 });
	const itself = `(platform = 'x' AND post_id = $1)`;
	return postSightings(
		db,
		`CASE WHEN ${itself} THEN 'post' WHEN regexp_matches(coalesce(permalink, ''), ${STATUS_LINK}) THEN 'permalink' ELSE 'link in text' END`,
		`${itself}
			OR (contains(permalink, $1) AND regexp_matches(permalink, ${STATUS_LINK}))
			OR (contains(text, $1) AND regexp_matches(text, ${STATUS_LINK}))`,
		id
	);
}

/** Uploaded posts by this handle (their X link names it), linking to it, or, on X, mentioning it with @. */
function postsWithHandle(db: Database, handle: string): Promise<{ posts: PostSighting[]; postCount: number }> {
	if (!/^[A-Za-z0-9_]{1,15}$/.test(handle)) return Promise.resolve({ posts: [], postCount: 0 });
	const author = `(platform = 'x' AND lower(account) = lower($1))`;
	const mention = `(platform = 'x' AND regexp_matches(text, ${MENTION}))`;
	return postSightings(
		db,
		`CASE WHEN ${author} THEN 'author' WHEN regexp_matches(coalesce(permalink, ''), ${HANDLE_LINK}) THEN 'permalink'
			WHEN coalesce(${mention}, false) THEN 'mention' ELSE 'link in text' END`,
		`${author}
			OR (contains(lower(permalink), lower($1)) AND regexp_matches(permalink, ${HANDLE_LINK}))
			OR (contains(lower(text), lower($1)) AND (${mention} OR regexp_matches(text, ${HANDLE_LINK})))`,
		handle
	);
}

async function postSightings(
	db: Database,
	match: string,
	where: string,
	value: string
): Promise<{ posts: PostSighting[]; postCount: number }> {
	const rows = await db.query<{
		platform: string;
		post_id: string;
		account: string | null;
		published_at: string | null;
		seen_as: PostMatch;
		total: number;
	}>(
		`SELECT platform, post_id, account, strftime(published_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS published_at,
			${match} AS seen_as, count(*) OVER () AS total
		 FROM posts WHERE ${where}
		 ORDER BY seen_as = 'post' DESC, posts.published_at DESC NULLS LAST, platform, post_id LIMIT ${POSTS_LISTED}`,
		[value]
	);
	return {
		posts: rows.map((row) => ({
			platform: row.platform,
			postId: row.post_id,
			account: row.account,
			publishedAt: row.published_at,
			match: row.seen_as
		})),
		postCount: rows[0]?.total ?? 0
	};
}
