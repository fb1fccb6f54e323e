import { replyMeasures, type ReplyMeasures } from '../campaigns';
import { hashtagKey } from '../campaigns/text';
import type { Database } from '../db/database';
import { byDataVersion } from '../db/version-cache';
import { getSettings } from '../settings';
import { withPostsSnapshot } from '../db/posts-snapshot';

export interface HashtagSummary {
	hashtag: string;
	posts: number;
	impressions: number | null;
	engagements: number | null;
	branded: boolean;
	/** months in which it was used */
	months: number;
}

/** hashtagKey (campaigns/text.ts) in SQL: trimmed, leading '#' dropped, lower-case. */
const HASHTAG_KEY = `lower(regexp_replace(regexp_replace(tag, '^\\s+|\\s+$', '', 'g'), '^#+', ''))`;

/**
 * The year's most used hashtags with their reach and engagement; a campaign's hashtags count as branded.
 * Counted in SQL, as hashtagReport counts them by month (a hashtag once per post, lower-case, without
 * '#'; figures summed over the posts that report them): a consortium's year is 50,000 posts, too many
 * to carry into JavaScript on every request. Cached by data version.
 */
export function hashtagSummary(db: Database, limit = 15): Promise<HashtagSummary[]> {
	return byDataVersion(db, 'hashtagSummary', limit, async () => {
		db = await withPostsSnapshot(db);
		const { timeZone } = await getSettings(db);
		const rows = await db.query<{
			hashtag: string;
			posts: number;
			impressions: number | null;
			engagements: number | null;
			months: number;
		}>(
			`WITH tagged AS (
				SELECT DISTINCT platform, post_id, ${HASHTAG_KEY} AS hashtag,
					date_trunc('month', timezone($tz, published_at)) AS month, impressions, engagements
				FROM (SELECT platform, post_id, published_at, impressions, engagements, unnest(hashtags) AS tag FROM posts
					WHERE len(hashtags) > 0 AND published_at > (SELECT max(published_at) FROM posts) - INTERVAL 365 DAY)
			)
			SELECT hashtag, count(*) AS posts, sum(impressions) AS impressions, sum(engagements) AS engagements,
				count(DISTINCT month) AS months
			FROM tagged WHERE hashtag <> '' GROUP BY hashtag`,
			{ tz: timeZone }
		);
		const branded = new Set(
			(await db.query<{ tag: string }>('SELECT DISTINCT unnest(hashtags) AS tag FROM campaigns')).map((r) =>
				hashtagKey(r.tag)
			)
		);
		return rows
			.map((row) => ({ ...row, branded: branded.has(row.hashtag) }))
			.sort((a, b) => b.posts - a.posts || a.hashtag.localeCompare(b.hashtag))
			.slice(0, limit);
	});
}

/** Replies sent and time to first reply on X, from the posts uploaded; exports rarely carry mentions received. */
export function communityEngagement(db: Database): Promise<ReplyMeasures & { account: string | null }> {
	return byDataVersion(db, 'communityEngagement', null, () => computeCommunityEngagement(db));
}

async function computeCommunityEngagement(db: Database): Promise<ReplyMeasures & { account: string | null }> {
	db = await withPostsSnapshot(db);
	const [own] = await db.query<{ account: string }>(
		`SELECT account FROM posts WHERE platform = 'x' AND account IS NOT NULL GROUP BY account ORDER BY count(*) DESC LIMIT 1`
	);
	const account = own?.account ?? null;
	// The library's own posts count only as replies, which start with '@'; the rest of its posts (all
	// but a few of 120,000 at a consortium's size) would be read and dropped.
	const posts = await db.query<{ post_id: string; published_at: string; account: string | null; text: string | null }>(
		`SELECT post_id, strftime(published_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS published_at, account, text FROM posts
		 WHERE platform = 'x' AND published_at IS NOT NULL
			AND ($own IS NULL OR (account IS NOT NULL AND account <> $own) OR starts_with(text, '@'))`,
		{ own: account }
	);
	const measures = replyMeasures(
		// Analytics exports mark a reply only by its leading @handle; the post it answered is not in them.
		posts.map((p) => {
			const repliedTo = /^@(\w+)/.exec(p.text ?? '')?.[1] ?? null;
			return {
				postId: p.post_id,
				publishedAt: p.published_at,
				isOwnAccount: account !== null && (p.account === null || p.account === account),
				inReplyToAccount: repliedTo,
				inReplyToPostId: repliedTo ? `unknown post of @${repliedTo}` : null,
				text: p.text ?? undefined
			};
		}),
		account ?? ''
	);
	return { ...measures, account };
}
