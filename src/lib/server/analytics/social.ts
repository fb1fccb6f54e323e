import type { DashboardQuery } from '../../domain/dashboard-filters';
import type {
	FollowerPoint,
	FormatFigures,
	PlatformFigures,
	PostingSlot,
	RankedPost,
	SocialDashboard
} from '../../domain/social-dashboard';
import type { Database } from '../db/database';
import { cachedByDataVersion, campaignLinks, dashboardContext, usedParams } from './dashboard-context';
import { getSettings } from '../settings';
import { socialPosts } from './lens-facts';
import { localDayBetween } from './date-range';
import { byDataVersion } from '../db/version-cache';

type Params = Record<string, string | number | null>;
/**
 * The posts read (lens-facts.ts): every post with its day, weekday and hour in the library's time
 * zone, worked out once per change of the posts rather than in every query. `$posts` in the SQL below.
 */
const POSTS = '$posts';
const IN = (from: string, to: string) => `day BETWEEN CAST($${from} AS DATE) AND CAST($${to} AS DATE)`;
/**
 * The library's own posts (not partners' collaboration posts, not stories), narrowed by the
 * platform, campaign and strategy filters. A filter not chosen is left out of the SQL, so DuckDB never
 * reads the campaign or strategy links for "all".
 */
function own(params: Params): string {
	return `(SELECT * FROM ${POSTS} WHERE collaborator IS NULL
	${params.platform === null ? '' : 'AND platform = $platform'}
	${params.campaign === null ? '' : 'AND (platform, post_id) IN (SELECT platform, post_id FROM campaign_posts WHERE campaign_id = CAST($campaign AS INTEGER))'}
	${params.strategy === null ? '' : 'AND (platform, post_id) IN (SELECT platform, post_id FROM post_strategies WHERE strategy = $strategy)'})`;
}
const RATED = 'impressions > 0 AND engagements IS NOT NULL';
/** Posts with fewer impressions than this are not ranked among the best and worst. */
const RANKING_FLOOR = 100;

/** Runs `sql` with the posts' relation spliced in for `$posts` (a table name or a subquery, never user input). */
function query<T>(db: Database, sql: string, params: Params, posts: string): Promise<T[]> {
	const spliced = sql.replaceAll(POSTS, posts);
	return db.query<T & Record<string, unknown>>(spliced, usedParams(spliced, params));
}

function platforms(db: Database, params: Params, posts: string): Promise<PlatformFigures[]> {
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
		 FROM ${own(params)} WHERE ${IN('from', 'to')} OR ${IN('pfrom', 'pto')}
		 GROUP BY GROUPING SETS ((platform), ()) ORDER BY platform NULLS FIRST`,
		params,
		posts
	);
}

/** The best or worst posts by engagement rate; DuckDB keeps only the top rows, so 250,000 posts are never sent here. */
function ranked(db: Database, params: Params, posts: string, order: 'DESC' | 'ASC'): Promise<RankedPost[]> {
	return query<RankedPost>(
		db,
		`SELECT platform, post_id AS "postId", strftime(timezone($tz, published_at), '%Y-%m-%d %H:%M') AS "publishedAt",
			left(text, 280) AS text, permalink, post_type AS "postType", impressions, reach, engagements,
			engagements / impressions AS "engagementRate"
		 FROM ${own(params)} WHERE ${IN('from', 'to')} AND ${RATED} AND impressions >= ${RANKING_FLOOR}
		 ORDER BY "engagementRate" ${order}, impressions DESC, post_id LIMIT 5`,
		params,
		posts
	);
}

function slots(db: Database, params: Params, posts: string): Promise<PostingSlot[]> {
	return query<PostingSlot>(
		db,
		`SELECT weekday, hour, count(*) AS posts,
			sum(engagements) FILTER (WHERE ${RATED}) / nullif(sum(impressions) FILTER (WHERE ${RATED}), 0) AS "engagementRate"
		 FROM ${own(params)} WHERE ${IN('from', 'to')} GROUP BY ALL ORDER BY weekday, hour`,
		params,
		posts
	);
}

function formats(db: Database, params: Params, posts: string): Promise<FormatFigures[]> {
	return query<FormatFigures>(
		db,
		`SELECT platform, coalesce(post_type, 'not given') AS format, count(*) AS posts, sum(impressions) AS impressions,
			sum(engagements) AS engagements,
			sum(engagements) FILTER (WHERE ${RATED}) / nullif(sum(impressions) FILTER (WHERE ${RATED}), 0) AS "engagementRate"
		 FROM ${own(params)} WHERE ${IN('from', 'to')} GROUP BY ALL ORDER BY platform, posts DESC`,
		params,
		posts
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
		params,
		''
	);
}

/** Everything the Social page shows for one query. */
export function socialDashboard(db: Database, query: DashboardQuery): Promise<SocialDashboard> {
	// Once per data version, scope and query (and day: an empty library's default range reads it); the
	// options and range are read with the figures, so a repeat asks DuckDB nothing. Callers must not mutate it.
	return byDataVersion(db, 'socialDashboard', [query, new Date().toISOString().slice(0, 10)], () =>
		computeSocialDashboard(db, query)
	);
}

async function computeSocialDashboard(db: Database, query_: DashboardQuery): Promise<SocialDashboard> {
	const posts = await socialPosts(db, (await getSettings(db)).timeZone);
	const context = await dashboardContext(db, query_, {
		lastDaySql: `SELECT max(day) AS last FROM ${posts}`,
		offers: ['platform', 'campaign', 'strategy'],
		optionsSql: { platform: `SELECT DISTINCT platform AS value FROM ${posts} ORDER BY value` }
	});
	return cachedByDataVersion(db, 'social', context, async () => {
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
			platforms(db, params, posts),
			ranked(db, params, posts, 'DESC'),
			ranked(db, params, posts, 'ASC'),
			slots(db, params, posts),
			formats(db, params, posts),
			followers(db, params),
			campaignLinks(db, range),
			query<{ posts: number; accounts: number; stories: number; collaborations: number }>(
				db,
				`SELECT (SELECT count(*) FROM ${POSTS}) AS posts, (SELECT count(*) FROM account_daily WHERE followers IS NOT NULL) AS accounts,
					(SELECT count(*) FROM stories WHERE ${localDayBetween('published_at', '$from', '$to')}) AS stories,
					(SELECT count(*) FROM ${POSTS} WHERE collaborator IS NOT NULL AND ${IN('from', 'to')}) AS collaborations`,
				params,
				posts
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
