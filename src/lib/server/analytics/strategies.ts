import type { DuckDBConnection } from '@duckdb/node-api';
import { classifierQuality, type ClassifierQuality } from '../campaigns';
import { STRATEGIES, type Strategy } from '../../domain/campaigns';
import type { DateRange } from '../../domain/overview';
import { queryRows, type Database } from '../db/database';
import { usedParams } from './dashboard-context';
import { localDayBetween } from './date-range';
import { byDataVersion } from '../db/version-cache';
import { getSettings } from '../settings';
import { withPostsSnapshot } from '../db/posts-snapshot';

/** Strategies are compared only where enough posts support a median. */
const MIN_POSTS = 5;

export interface StrategyRow {
	strategy: Strategy;
	posts: number;
	ratedPosts: number;
	medianRate: number | null;
	q1Rate: number | null;
	q3Rate: number | null;
	bestFormat: { postType: string; medianRate: number; posts: number } | null;
	bestTime: { weekday: string; hours: string; medianRate: number; posts: number } | null;
	quarters: { quarter: string; medianRate: number | null; posts: number }[];
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** The six strategies side by side: volume, engagement rate with its spread, what works best. */
/** How many posts carry a strategy at all: the classifier leaves a post alone when nothing matched. */
export interface StrategyCoverage {
	posts: number;
	unclassified: number;
}

type Comparison = { rows: StrategyRow[]; quality: ClassifierQuality; coverage: StrategyCoverage };

/** Which posts the comparison reads: a period (absent: every post on file) and the dashboards' post filters. */
export interface StrategyQuery {
	range?: DateRange;
	platform?: string;
	campaign?: number;
	strategy?: Strategy;
}

/** Computed once per data version (an upload or a correction bumps it) and query. */
export function strategyComparison(db: Database, query: StrategyQuery = {}): Promise<Comparison> {
	return byDataVersion(db, 'strategyComparison', query, () => compareStrategies(db, query));
}

/**
 * The posts a strategy query keeps, as a WHERE clause on the posts view (alias p); each filter binds
 * NULL for "all". Shared with the list of unclassified posts, so its total is the comparison's count.
 */
export const STRATEGY_QUERY_WHERE = `(CAST($from AS DATE) IS NULL OR ${localDayBetween('p.published_at', '$from', '$to')})
	AND (CAST($platform AS VARCHAR) IS NULL OR p.platform = $platform)
	AND (CAST($campaign AS INTEGER) IS NULL OR (p.platform, p.post_id) IN
		(SELECT platform, post_id FROM campaign_posts WHERE campaign_id = CAST($campaign AS INTEGER)))
	AND (CAST($strategy AS VARCHAR) IS NULL OR (p.platform, p.post_id) IN
		(SELECT platform, post_id FROM post_strategies WHERE strategy = $strategy))`;

/** The bound values of STRATEGY_QUERY_WHERE. */
export function strategyQueryParams(query: StrategyQuery, timeZone: string) {
	return {
		tz: timeZone,
		from: query.range?.from ?? null,
		to: query.range?.to ?? null,
		platform: query.platform ?? null,
		campaign: query.campaign ?? null,
		strategy: query.strategy ?? null
	};
}

/**
 * Every post with its strategy (null when unclassified), local time and engagement rate, copied once
 * into a temporary table of the one connection the comparison uses: the posts view de-duplicates every
 * observation with a window, about 150 ms a read at 250,000 posts, and the comparison reads it five times.
 */
const STRATEGY_POSTS = `CREATE OR REPLACE TEMP TABLE strategy_posts AS
	SELECT s.strategy, p.post_type, timezone($tz, p.published_at) AS local_time,
		CASE WHEN p.impressions > 0 AND p.engagements IS NOT NULL THEN p.engagements / p.impressions END AS rate
	FROM posts p LEFT JOIN post_strategies s USING (platform, post_id)
	WHERE ${STRATEGY_QUERY_WHERE}`;

async function compareStrategies(db: Database, query: StrategyQuery): Promise<Comparison> {
	db = await withPostsSnapshot(db);
	const { timeZone } = await getSettings(db);
	return db.withConnection(async (connection) => {
		await connection.run(STRATEGY_POSTS, usedParams(STRATEGY_POSTS, strategyQueryParams(query, timeZone)));
		return compareOn(connection, query.strategy);
	});
}

async function compareOn(connection: DuckDBConnection, only?: Strategy): Promise<Comparison> {
	const query = <T extends Record<string, unknown>>(sql: string) => queryRows<T>(connection, sql);
	const rated = `SELECT strategy, post_type, local_time, rate FROM strategy_posts WHERE strategy IS NOT NULL`;
	const overall = await query<{
		strategy: Strategy;
		posts: number;
		rated: number;
		median: number | null;
		q1: number | null;
		q3: number | null;
	}>(
		`SELECT strategy, count(*) AS posts, count(rate) AS rated, quantile_cont(rate, 0.5) AS median, quantile_cont(rate, 0.25) AS q1, quantile_cont(rate, 0.75) AS q3
		 FROM (${rated}) GROUP BY strategy`
	);
	const formats = await query<{ strategy: Strategy; post_type: string; median: number; posts: number }>(
		`SELECT * FROM (SELECT strategy, post_type, quantile_cont(rate, 0.5) AS median, count(rate) AS posts FROM (${rated})
		 WHERE post_type IS NOT NULL GROUP BY strategy, post_type HAVING count(rate) >= ${MIN_POSTS})
		 QUALIFY row_number() OVER (PARTITION BY strategy ORDER BY median DESC, post_type) = 1`
	);
	const times = await query<{ strategy: Strategy; weekday: number; block: number; median: number; posts: number }>(
		`SELECT * FROM (SELECT strategy, dayofweek(local_time) AS weekday, hour(local_time) // 4 AS block, quantile_cont(rate, 0.5) AS median, count(rate) AS posts
		 FROM (${rated}) GROUP BY ALL HAVING count(rate) >= ${MIN_POSTS})
		 QUALIFY row_number() OVER (PARTITION BY strategy ORDER BY median DESC, weekday, block) = 1`
	);
	const quarters = await query<{ strategy: Strategy; quarter: string; median: number | null; posts: number }>(
		`SELECT strategy, year(local_time) || '-Q' || quarter(local_time) AS quarter, quantile_cont(rate, 0.5) AS median, count(*) AS posts
		 FROM (${rated}) GROUP BY ALL ORDER BY quarter`
	);
	// A strategy filter shows that strategy's row alone: the others would read as empty, not as left out.
	const rows = STRATEGIES.filter((strategy) => !only || strategy === only).map((strategy): StrategyRow => {
		const o = overall.find((r) => r.strategy === strategy);
		const enough = (o?.rated ?? 0) >= MIN_POSTS;
		const f = formats.find((r) => r.strategy === strategy);
		const t = times.find((r) => r.strategy === strategy);
		return {
			strategy,
			posts: o?.posts ?? 0,
			ratedPosts: o?.rated ?? 0,
			medianRate: enough ? (o?.median ?? null) : null,
			q1Rate: enough ? (o?.q1 ?? null) : null,
			q3Rate: enough ? (o?.q3 ?? null) : null,
			bestFormat: f ? { postType: f.post_type, medianRate: f.median, posts: f.posts } : null,
			bestTime: t
				? {
						weekday: WEEKDAYS[t.weekday]!,
						hours: `${String(t.block * 4).padStart(2, '0')}:00–${String(t.block * 4 + 4).padStart(2, '0')}:00`,
						medianRate: t.median,
						posts: t.posts
					}
				: null,
			quarters: quarters
				.filter((q) => q.strategy === strategy)
				.map((q) => ({ quarter: q.quarter, medianRate: q.posts >= MIN_POSTS ? q.median : null, posts: q.posts }))
		};
	});
	const corrections = await query<{ predicted: Strategy | null; corrected: Strategy }>(
		`SELECT l.predicted, c.strategy AS corrected FROM strategy_corrections c JOIN post_strategy_labels l USING (platform, post_id)
		 QUALIFY row_number() OVER (PARTITION BY c.platform, c.post_id ORDER BY c.corrected_at DESC) = 1`
	);
	const [coverage] = await query<{ posts: number; unclassified: number }>(
		`SELECT count(*) AS posts, count(*) FILTER (WHERE strategy IS NULL) AS unclassified FROM strategy_posts`
	);
	return {
		rows,
		quality: classifierQuality(corrections),
		coverage: { posts: Number(coverage?.posts ?? 0), unclassified: Number(coverage?.unclassified ?? 0) }
	};
}
