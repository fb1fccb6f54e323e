import type { Database } from '../db/database';
import { withPostsSnapshot } from '../db/posts-snapshot';
import { byDataVersion } from '../db/version-cache';
import { getSettings } from '../settings';
import { CAMPAIGN_POSTS_PER_PAGE, listedPost } from './campaigns';
import { usedParams } from './dashboard-context';
import { STRATEGY_QUERY_WHERE, strategyQueryParams, type StrategyQuery } from './strategies';

/** A post no strategy's words matched, no campaign carries and no one has classified yet. */
export interface UnclassifiedPost {
	platform: string;
	postId: string;
	publishedAt: string | null;
	postType: string | null;
	text: string | null;
	permalink: string | null;
	impressions: number | null;
	engagements: number | null;
}

export interface UnclassifiedPostsPage {
	posts: UnclassifiedPost[];
	total: number;
	page: number;
	pages: number;
	perPage: number;
}

/** One page of the unclassified posts, newest first, as many a page as a campaign's list; cached by data version. */
export function unclassifiedPosts(
	db: Database,
	page = 1,
	perPage = CAMPAIGN_POSTS_PER_PAGE,
	query: StrategyQuery = {}
): Promise<UnclassifiedPostsPage> {
	return byDataVersion(db, 'unclassifiedPosts', [page, perPage, query], () =>
		pageOfUnclassified(db, page, perPage, query)
	);
}

// The total rides along with each row, so a page reads the posts view (a de-duplicating window) once.
const PAGE_SQL = `SELECT p.platform, p.post_id, strftime(p.published_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS published_at,
		p.post_type, p.text, p.permalink, p.impressions, p.engagements, count(*) OVER () AS total
	FROM posts p
	WHERE NOT EXISTS (SELECT 1 FROM post_strategies s WHERE s.platform = p.platform AND s.post_id = p.post_id)
		AND ${STRATEGY_QUERY_WHERE}
	ORDER BY p.published_at DESC, p.platform, p.post_id LIMIT $limit OFFSET $offset`;

async function pageOfUnclassified(
	db: Database,
	requested: number,
	perPage: number,
	query: StrategyQuery
): Promise<UnclassifiedPostsPage> {
	// The posts copy, not the de-duplicating view: 40 ms rather than 320 at 240,000 posts.
	db = await withPostsSnapshot(db);
	const filters = strategyQueryParams(query, (await getSettings(db)).timeZone);
	const read = (page: number) =>
		db.query<Record<string, unknown>>(
			PAGE_SQL,
			usedParams(PAGE_SQL, { ...filters, limit: perPage, offset: (page - 1) * perPage })
		);
	let page = Math.max(1, requested);
	let rows = await read(page);
	if (rows.length === 0 && page > 1) {
		// Past the end (the last posts of the last page were just classified): show the last page there is.
		const countSql = `SELECT count(*) AS total FROM posts p
			 WHERE NOT EXISTS (SELECT 1 FROM post_strategies s WHERE s.platform = p.platform AND s.post_id = p.post_id)
			 AND ${STRATEGY_QUERY_WHERE}`;
		const [count] = await db.query<{ total: number }>(countSql, usedParams(countSql, filters));
		page = Math.max(1, Math.ceil(Number(count?.total ?? 0) / perPage));
		rows = await read(page);
	}
	const total = Number(rows[0]?.total ?? 0);
	const posts = rows.map((row) => ({ ...listedPost(row), postType: (row.post_type as string | null) ?? null }));
	return { posts, total, page, pages: Math.max(1, Math.ceil(total / perPage)), perPage };
}
