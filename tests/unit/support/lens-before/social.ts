/**
 * The social page's queries as they were before lens-facts.ts (commit 451dd4a), kept only so
 * tests/unit/lens-facts.test.ts can compare every figure the page shows with them. Not used by Lantern.
 */
import type { DashboardQuery } from '../../../../src/lib/domain/dashboard-filters';
import type {
	FollowerPoint,
	FormatFigures,
	PlatformFigures,
	PostingSlot,
	RankedPost,
	SocialDashboard
} from '../../../../src/lib/domain/social-dashboard';
import { PLATFORM_LABELS } from '../../../../src/lib/domain/vocabulary';
import type { Database } from '../../../../src/lib/server/db/database';
import {
	cachedByDataVersion,
	campaignLinks,
	dashboardContext,
	usedParams
} from '../../../../src/lib/server/analytics/dashboard-context';
import { withPostsSnapshot } from '../../../../src/lib/server/db/posts-snapshot';
import { byDataVersion } from '../../../../src/lib/server/db/version-cache';

type Params = Record<string, string | number | null>;
// Every date and hour is the library's: $tz is bound, never spliced.
const DAY = 'CAST(timezone($tz, published_at) AS DATE)';
const IN = (from: string, to: string) => `${DAY} BETWEEN CAST($${from} AS DATE) AND CAST($${to} AS DATE)`;
/**
 * The library's own posts (not partners' collaboration posts, not stories), narrowed by the
 * platform, campaign and strategy filters; each filter binds NULL for "all".
 */
const OWN = `(SELECT * FROM posts WHERE collaborator IS NULL
	AND (CAST($platform AS VARCHAR) IS NULL OR platform = $platform)
	AND (CAST($campaign AS INTEGER) IS NULL OR (platform, post_id) IN
		(SELECT platform, post_id FROM campaign_posts WHERE campaign_id = CAST($campaign AS INTEGER)))
	AND (CAST($strategy AS VARCHAR) IS NULL OR (platform, post_id) IN
		(SELECT platform, post_id FROM post_strategies WHERE strategy = $strategy)))`;
const RATED = 'impressions > 0 AND engagements IS NOT NULL';
/** Posts with fewer impressions than this are not ranked among the best and worst. */
const RANKING_FLOOR = 100;

function query<T>(db: Database, sql: string, params: Params): Promise<T[]> {
	return db.query<T & Record<string, unknown>>(sql, usedParams(sql, params));
}

function platforms(db: Database, params: Params): Promise<PlatformFigures[]> {
	const figures = (from: string, to: string, prefix: string) => {
		const name = (column: string) =>
			prefix ? `"${prefix}${column[0]!.toUpperCase()}${column.slice(1)}"` : `"${column}"`;
		return `count(*) FILTER (WHERE ${IN(from, to)}) AS ${name('posts')},
			sum(impressions) FILTER (WHERE ${IN(from, to)}) AS ${name('impressions')},
			${prefix ? '' : `sum(reach) FILTER (WHERE ${IN(from, to)}) AS reach,`}
			sum(engagements) FILTER (WHERE ${IN(from, to)}) AS ${name('engagements')},
			sum(engagements) FILTER (WHERE ${IN(from, to)} AND ${RATED}) AS ${name('ratedEngagements')},
			sum(impressions) FILTER (WHERE ${IN(from, to)} AND ${RATED}) AS ${name('ratedImpressions')}`;
	};
	return query<PlatformFigures>(
		db,
		`SELECT platform, ${figures('from', 'to', '')}, ${figures('pfrom', 'pto', 'previous')}
		 FROM ${OWN} WHERE ${IN('from', 'to')} OR ${IN('pfrom', 'pto')}
		 GROUP BY GROUPING SETS ((platform), ()) ORDER BY platform NULLS FIRST`,
		params
	);
}

/** The best or worst posts by engagement rate; DuckDB keeps only the top rows, so 250,000 posts are never sent here. */
function ranked(db: Database, params: Params, order: 'DESC' | 'ASC'): Promise<RankedPost[]> {
	return query<RankedPost>(
		db,
		`SELECT platform, post_id AS "postId", strftime(timezone($tz, published_at), '%Y-%m-%d %H:%M') AS "publishedAt",
			left(text, 280) AS text, permalink, post_type AS "postType", impressions, reach, engagements,
			engagements / impressions AS "engagementRate"
		 FROM ${OWN} WHERE ${IN('from', 'to')} AND ${RATED} AND impressions >= ${RANKING_FLOOR}
		 ORDER BY "engagementRate" ${order}, impressions DESC, post_id LIMIT 5`,
		params
	);
}

function slots(db: Database, params: Params): Promise<PostingSlot[]> {
	return query<PostingSlot>(
		db,
		`SELECT isodow(timezone($tz, published_at)) - 1 AS weekday, hour(timezone($tz, published_at)) AS hour, count(*) AS posts,
			sum(engagements) FILTER (WHERE ${RATED}) / nullif(sum(impressions) FILTER (WHERE ${RATED}), 0) AS "engagementRate"
		 FROM ${OWN} WHERE ${IN('from', 'to')} GROUP BY ALL ORDER BY weekday, hour`,
		params
	);
}

function formats(db: Database, params: Params): Promise<FormatFigures[]> {
	return query<FormatFigures>(
		db,
		`SELECT platform, coalesce(post_type, 'not given') AS format, count(*) AS posts, sum(impressions) AS impressions,
			sum(engagements) AS engagements,
			sum(engagements) FILTER (WHERE ${RATED}) / nullif(sum(impressions) FILTER (WHERE ${RATED}), 0) AS "engagementRate"
		 FROM ${OWN} WHERE ${IN('from', 'to')} GROUP BY ALL ORDER BY platform, posts DESC`,
		params
	);
}

/** Each platform's follower count at the end of each week it reports one. */
function followers(db: Database, params: Params): Promise<FollowerPoint[]> {
	return query<FollowerPoint>(
		db,
		`SELECT platform, strftime(date_trunc('week', date), '%Y-%m-%d') AS week, arg_max(followers, date) AS followers
		 FROM account_daily WHERE followers IS NOT NULL AND date BETWEEN CAST($from AS DATE) AND CAST($to AS DATE)
			AND (CAST($platform AS VARCHAR) IS NULL OR platform = $platform)
		 GROUP BY ALL ORDER BY platform, week`,
		params
	);
}

/** Everything the Social page shows for one query. */
export function socialDashboard(db: Database, query: DashboardQuery): Promise<SocialDashboard> {
	// Once per data version, scope and query (and day: an empty library's default range reads it); the
	// options and range are read with the figures, so a repeat asks DuckDB nothing. Callers must not mutate it.
	return byDataVersion(db, 'before-socialDashboard', [query, new Date().toISOString().slice(0, 10)], () =>
		computeSocialDashboard(db, query)
	);
}

export async function computeSocialDashboard(db: Database, query_: DashboardQuery): Promise<SocialDashboard> {
	db = await withPostsSnapshot(db);
	const context = await dashboardContext(db, query_, {
		lastDaySql: `SELECT max(${DAY}) AS last FROM posts`,
		offers: ['platform', 'campaign', 'strategy'],
		optionsSql: { platform: `SELECT DISTINCT platform AS value FROM posts ORDER BY value` }
	});
	context.options.platform = context.options.platform?.map((option) => ({
		value: option.value,
		label: PLATFORM_LABELS[option.value] ?? option.value
	}));
	return cachedByDataVersion(db, 'before-social', context, async () => {
		const { range, previousRange: previous, filters } = context;
		const params: Params = {
			tz: context.timeZone,
			from: range.from,
			to: range.to,
			pfrom: previous.from,
			pto: previous.to,
			platform: filters.platform ?? null,
			campaign: filters.campaign ?? null,
			strategy: filters.strategy ?? null
		};
		const [platformRows, top, bottom, slotRows, formatRows, followerRows, links, [counts]] = await Promise.all([
			platforms(db, params),
			ranked(db, params, 'DESC'),
			ranked(db, params, 'ASC'),
			slots(db, params),
			formats(db, params),
			followers(db, params),
			campaignLinks(db, range),
			query<{ posts: number; accounts: number; stories: number; collaborations: number }>(
				db,
				`SELECT (SELECT count(*) FROM posts) AS posts, (SELECT count(*) FROM account_daily WHERE followers IS NOT NULL) AS accounts,
					(SELECT count(*) FROM stories WHERE ${IN('from', 'to')}) AS stories,
					(SELECT count(*) FROM posts WHERE collaborator IS NOT NULL AND ${IN('from', 'to')}) AS collaborations`,
				params
			)
		]);
		return {
			context,
			platforms: platformRows,
			top,
			bottom,
			slots: slotRows,
			formats: formatRows,
			followers: followerRows,
			apart: { stories: counts?.stories ?? 0, collaborations: counts?.collaborations ?? 0 },
			campaigns: links,
			hasPosts: (counts?.posts ?? 0) > 0,
			hasAccountData: (counts?.accounts ?? 0) > 0,
			rankingFloor: RANKING_FLOOR
		} satisfies SocialDashboard;
	});
}
