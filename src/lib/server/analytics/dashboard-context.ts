import type { DuckDBValue } from '@duckdb/node-api';
import { localDate } from '../../calendar';
import type { DashboardContext, DashboardQuery, FilterName, FilterOption } from '../../domain/dashboard-filters';
import type { CampaignLink } from '../../domain/dashboards';
import type { DateRange } from '../../domain/overview';
import type { Database } from '../db/database';
import { getSettings } from '../settings';
import { comparisonRange, defaultRange, resolveRange } from './date-range';
import { byDataVersion } from '../db/version-cache';
import { PLATFORM_LABELS } from '../../domain/vocabulary';
import { withPostsSnapshot } from '../db/posts-snapshot';

/** The parameters a statement names, only: DuckDB refuses to bind a parameter the SQL does not use. */
export function usedParams(sql: string, params: Record<string, DuckDBValue>): Record<string, DuckDBValue> {
	return Object.fromEntries(Object.entries(params).filter(([name]) => new RegExp(`\\$${name}\\b`).test(sql)));
}

/** Results by data version and query: an import bumps the version, so a stale figure is never served. */
const cache = new Map<string, unknown>();
const CACHE_LIMIT = 300;

/** `compute` once per database, data version and key; the dashboards' aggregates are read many times between imports. */
export async function cachedByDataVersion<T>(
	db: Database,
	name: string,
	key: unknown,
	compute: () => Promise<T>
): Promise<T> {
	const cacheKey = JSON.stringify([name, db.path, db.scope ?? null, db.dataVersion, key]);
	if (cache.has(cacheKey)) return cache.get(cacheKey) as T;
	const value = await compute();
	if (cache.size >= CACHE_LIMIT) cache.clear();
	cache.set(cacheKey, value);
	return value;
}

export interface ContextOptions {
	/** SQL returning one row with the column `last` (a DATE or NULL): the page's newest data, which the default range ends on */
	lastDaySql: string;
	/** which filters the page offers */
	offers: FilterName[];
	/** SQL for a filter's list, one column `value` (and optionally `label`) */
	optionsSql?: Partial<Record<FilterName, string>>;
	today?: Date;
}

const BRANCHES_SQL = `SELECT DISTINCT branch AS value FROM (
	SELECT branch FROM usage UNION ALL SELECT branch FROM programs UNION ALL SELECT branch FROM literacy)
	WHERE branch IS NOT NULL ORDER BY value`;
const CAMPAIGNS_SQL = `SELECT CAST(campaign_id AS VARCHAR) AS value, name AS label FROM campaigns WHERE NOT archived ORDER BY starts_on DESC, name`;
const STRATEGIES_SQL = `SELECT DISTINCT strategy AS value FROM post_strategies ORDER BY value`;
const DEFAULT_OPTIONS: Partial<Record<FilterName, string>> = {
	campaign: CAMPAIGNS_SQL,
	strategy: STRATEGIES_SQL
};

/**
 * What the branch list reads, as one string that changes whenever it does: usage, program and
 * literacy records are only added and removed with their import (IDs from a sequence), so their
 * counts and the sums of their import IDs change with every import and removal. Milliseconds.
 */
const BRANCH_SOURCES_STAMP_SQL = `SELECT ${['usage_records', 'program_records', 'literacy_records']
	.map(
		(table) =>
			`(SELECT count(*) || ':' || coalesce(sum(import_id), 0) || ':' || coalesce(max(import_id), 0) FROM main.${table})`
	)
	.join(" || '/' || ")} AS stamp`;
const branchLists = new Map<string, Promise<string[]>>();

/**
 * Every branch any upload names, in one order, so each keeps its colour on every page. Read once per
 * change of the usage, program and literacy records (and person's branches): three views' scans, a
 * third of a cold Programs page at ×100, not repeated after a settings save or a relink. Shared: not
 * to be mutated.
 */
export async function allBranches(db: Database): Promise<string[]> {
	const stamp = await byDataVersion(
		db.base ?? db,
		'branchSourcesStamp',
		null,
		async () => (await db.query<{ stamp: string }>(BRANCH_SOURCES_STAMP_SQL))[0]!.stamp
	);
	const key = JSON.stringify([db.path, db.scope ?? null, stamp]);
	let list = branchLists.get(key);
	if (!list) {
		list = db.query<{ value: string }>(BRANCHES_SQL).then((rows) => rows.map((row) => row.value));
		if (branchLists.size >= 50) branchLists.clear();
		branchLists.set(key, list);
		list.catch(() => branchLists.delete(key));
	}
	return list;
}

/**
 * The range, comparison and filter lists of one dashboard. A campaign filter sets the range to the
 * campaign's own dates (its comparison follows), so "did the push work" reads the push's weeks.
 */
/** The context of a page about posts: its range ends on the newest post, its platforms are the posts'. */
export async function postsDashboardContext(
	db: Database,
	query: DashboardQuery,
	offers: FilterName[]
): Promise<DashboardContext> {
	return dashboardContext(await withPostsSnapshot(db), query, {
		// The newest instant's day: the zone's conversion on one value, not on every post.
		lastDaySql: `SELECT CAST(timezone($tz, max(published_at)) AS DATE) AS last FROM posts`,
		offers,
		optionsSql: { platform: `SELECT DISTINCT platform AS value FROM posts ORDER BY value` }
	});
}

export async function dashboardContext(
	db: Database,
	query: DashboardQuery,
	options: ContextOptions
): Promise<DashboardContext> {
	const settings = await getSettings(db);
	const [last] = await db.query<{ last: string | null }>(
		`SELECT strftime(last, '%Y-%m-%d') AS last FROM (${options.lastDaySql})`,
		usedParams(options.lastDaySql, { tz: settings.timeZone })
	);
	// With no data yet, the range ends in the library's month today, not the server's or UTC's.
	const today = localDate((options.today ?? new Date()).toISOString(), settings.timeZone)!;
	const fallback = defaultRange(last?.last ?? today);
	const lists: Partial<Record<FilterName, FilterOption[]>> = {};
	for (const name of options.offers) {
		const sql = options.optionsSql?.[name] ?? DEFAULT_OPTIONS[name];
		if (!sql && name === 'branch') {
			lists.branch = (await allBranches(db)).map((value) => ({ value, label: value }));
			continue;
		}
		if (!sql) continue;
		const rows = await db.query<{ value: string; label?: string }>(sql);
		// A platform is named as the dashboards name it ("Instagram", not "instagram").
		const named = (value: string) => (name === 'platform' ? (PLATFORM_LABELS[value] ?? value) : value);
		lists[name] = rows.map((row) => ({ value: String(row.value), label: row.label ?? named(String(row.value)) }));
	}
	const filters = Object.fromEntries(
		Object.entries(query.filters).filter(([name]) => options.offers.includes(name as FilterName))
	) as DashboardQuery['filters'];
	const notOffered = Object.fromEntries(
		Object.entries(query.filters)
			.filter(([name, value]) => value !== undefined && !options.offers.includes(name as FilterName))
			.map(([name, value]) => [name, String(value)])
	) as DashboardContext['notOffered'];
	let campaign: DashboardContext['campaign'] = null;
	if (filters.campaign !== undefined) {
		const [row] = await db.query<{ campaign_id: number; name: string; starts_on: string; ends_on: string }>(
			`SELECT campaign_id, name, strftime(starts_on, '%Y-%m-%d') AS starts_on, strftime(ends_on, '%Y-%m-%d') AS ends_on
			 FROM campaigns WHERE campaign_id = $id`,
			{ id: filters.campaign }
		);
		if (row) campaign = { id: row.campaign_id, name: row.name, startsOn: row.starts_on, endsOn: row.ends_on };
		else delete filters.campaign;
	}
	const range = campaign ? { from: campaign.startsOn, to: campaign.endsOn } : resolveRange(query, fallback);
	return {
		range,
		previousRange: comparisonRange(range, query.compare),
		comparison: query.compare,
		filters,
		options: lists,
		notOffered,
		campaign,
		timeZone: settings.timeZone
	};
}

/**
 * Campaigns whose dates meet the range, for shading and linking; those with an outcome metric that
 * starts with `first` (e.g. 'literacy:') come first, so the page can name the campaign it is about.
 */
export async function campaignLinks(db: Database, range: DateRange, first = ''): Promise<CampaignLink[]> {
	const rows = await db.query<{
		campaign_id: number;
		name: string;
		strategy: string;
		starts_on: string;
		ends_on: string;
		outcome_metrics: string[] | null;
	}>(
		`SELECT campaign_id, name, strategy, strftime(starts_on, '%Y-%m-%d') AS starts_on, strftime(ends_on, '%Y-%m-%d') AS ends_on,
			outcome_metrics
		 FROM campaigns WHERE NOT archived AND starts_on <= CAST($to AS DATE) AND ends_on >= CAST($from AS DATE)
		 ORDER BY CASE WHEN $first <> '' AND len(list_filter(coalesce(outcome_metrics, []), m -> starts_with(m, $first))) > 0 THEN 0 ELSE 1 END,
			starts_on, name`,
		{ from: range.from, to: range.to, first }
	);
	return rows.map((row) => ({
		campaignId: row.campaign_id,
		name: row.name,
		strategy: row.strategy,
		startsOn: row.starts_on,
		endsOn: row.ends_on,
		outcomeMetrics: row.outcome_metrics ?? []
	}));
}
