import { hashtagReport, replyMeasures, type ReplyMeasures } from '../campaigns';
import type { Database } from '../db/database';
import { getSettings } from '../settings';

export interface HashtagSummary {
	hashtag: string;
	posts: number;
	impressions: number | null;
	engagements: number | null;
	branded: boolean;
	/** months in which it was used */
	months: number;
}

/** The year's most used hashtags with their reach and engagement; a campaign's hashtags count as branded. */
export async function hashtagSummary(db: Database, limit = 15): Promise<HashtagSummary[]> {
	const { timeZone } = await getSettings(db);
	const posts = await db.query<{
		published_at: string;
		hashtags: string[];
		impressions: number | null;
		engagements: number | null;
	}>(
		`SELECT strftime(published_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS published_at, hashtags, impressions, engagements FROM posts
		 WHERE len(hashtags) > 0 AND published_at > (SELECT max(published_at) FROM posts) - INTERVAL 365 DAY`
	);
	const branded = (await db.query<{ tag: string }>('SELECT DISTINCT unnest(hashtags) AS tag FROM campaigns')).map(
		(r) => r.tag
	);
	const rows = hashtagReport(
		posts.map((p) => ({
			publishedAt: p.published_at,
			hashtags: p.hashtags,
			impressions: p.impressions,
			engagements: p.engagements
		})),
		branded,
		'month',
		timeZone
	);
	const byTag = new Map<string, HashtagSummary>();
	for (const row of rows) {
		const sum = byTag.get(row.hashtag) ?? {
			hashtag: row.hashtag,
			posts: 0,
			impressions: null,
			engagements: null,
			branded: row.branded,
			months: 0
		};
		sum.posts += row.posts;
		sum.months += 1;
		if (row.impressions !== null) sum.impressions = (sum.impressions ?? 0) + row.impressions;
		if (row.engagements !== null) sum.engagements = (sum.engagements ?? 0) + row.engagements;
		byTag.set(row.hashtag, sum);
	}
	return [...byTag.values()].sort((a, b) => b.posts - a.posts || a.hashtag.localeCompare(b.hashtag)).slice(0, limit);
}

/** Replies sent and time to first reply on X, from the posts uploaded; exports rarely carry mentions received. */
export async function communityEngagement(db: Database): Promise<ReplyMeasures & { account: string | null }> {
	const [own] = await db.query<{ account: string }>(
		`SELECT account FROM posts WHERE platform = 'x' AND account IS NOT NULL GROUP BY account ORDER BY count(*) DESC LIMIT 1`
	);
	const posts = await db.query<{ post_id: string; published_at: string; account: string | null; text: string | null }>(
		`SELECT post_id, strftime(published_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS published_at, account, text FROM posts WHERE platform = 'x' AND published_at IS NOT NULL`
	);
	const account = own?.account ?? null;
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
