import type { DashboardQuery } from '../../domain/dashboard-filters';
import type { UsageDashboard, UsageMonth, UsageTotal } from '../../domain/usage-dashboard';
import type { Database } from '../db/database';
import { getSettings } from '../settings';
import { allBranches, cachedByDataVersion, campaignLinks, dashboardContext, usedParams } from './dashboard-context';
import { usageFacts } from './lens-facts';
import { byDataVersion } from '../db/version-cache';
import { withOtherBranches } from '../../domain/other-branches';

const MEASURED = `'circulation', 'digital_checkouts', 'visits', 'new_cards', 'website_sessions', 'computer_sessions', 'wifi_sessions'`;
/**
 * The usage rows read (lens-facts.ts): each with the last day it covers and whether it is counted
 * (each metric at one granularity: monthly when it has any, else weekly, else daily, so monthly
 * reports beside daily door counts are never added together; as on the Overview), worked out once
 * per data version. `$facts` in the SQL below.
 */
const FACTS = '$facts';
const CHOSEN = `(SELECT * FROM ${FACTS} WHERE counted AND metric IN (${MEASURED}))`;
/** A range counts only the periods wholly inside it, as on the Overview. */
const INSIDE = (from: string, to: string) =>
	`(period_start >= CAST($${from} AS DATE) AND period_end <= CAST($${to} AS DATE))`;
const BRANCH = `(CAST($branch AS VARCHAR) IS NULL OR branch = $branch)`;
/** Circulation is physical plus digital: the two metrics also make a third, total_circulation. */
const WITH_TOTAL = `(SELECT branch, period_start, period_end, metric, value FROM ${CHOSEN}
	UNION ALL SELECT branch, period_start, period_end, 'total_circulation', value FROM ${CHOSEN} WHERE metric IN ('circulation', 'digital_checkouts'))`;

/** Runs `sql` with the usage rows' relation spliced in for `$facts` (a table name or a subquery, never user input). */
function query<T>(db: Database, sql: string, params: Record<string, string | null>, facts: string): Promise<T[]> {
	const spliced = sql.replaceAll(FACTS, facts);
	return db.query<T & Record<string, unknown>>(spliced, usedParams(spliced, params));
}

async function totals(db: Database, params: Record<string, string | null>, facts: string): Promise<UsageTotal[]> {
	const sql = `SELECT branch, metric AS measure,
			sum(value) FILTER (WHERE ${INSIDE('from', 'to')}) AS current,
			sum(value) FILTER (WHERE ${INSIDE('pfrom', 'pto')}) AS previous
		FROM ${WITH_TOTAL} WHERE ${BRANCH} AND (${INSIDE('from', 'to')} OR ${INSIDE('pfrom', 'pto')})
		GROUP BY GROUPING SETS ((branch, metric), (metric)) ORDER BY branch NULLS FIRST, measure`;
	return query<UsageTotal>(db, sql, params, facts);
}

async function months(db: Database, params: Record<string, string | null>, facts: string): Promise<UsageMonth[]> {
	const sql = `SELECT strftime(date_trunc('month', period_start), '%Y-%m-%d') AS month, branch, metric AS measure, sum(value) AS value
		FROM ${WITH_TOTAL} WHERE ${BRANCH} AND ${INSIDE('from', 'to')}
		GROUP BY ALL ORDER BY month, branch, measure`;
	return query<UsageMonth>(db, sql, params, facts);
}

/** The service population of the library named in Settings, from its newest PLS year. */
async function population(db: Database): Promise<UsageDashboard['population']> {
	const settings = await getSettings(db);
	if (!settings.plsFscskey) return null;
	const [row] = await db.query<{ population: number | null; fiscal_year: number }>(
		`SELECT population, fiscal_year FROM pls WHERE fscskey = $key AND population > 0 ORDER BY fiscal_year DESC LIMIT 1`,
		{ key: settings.plsFscskey }
	);
	return row?.population ? { people: row.population, fiscalYear: row.fiscal_year } : null;
}

/** Everything the Usage page shows for one query. */
export function usageDashboard(db: Database, query: DashboardQuery): Promise<UsageDashboard> {
	// Once per data version, scope and query (and day: an empty library's default range reads it); the
	// options and range are read with the figures, so a repeat asks DuckDB nothing. Callers must not mutate it.
	return byDataVersion(db, 'usageDashboard', [query, new Date().toISOString().slice(0, 10)], () =>
		computeUsageDashboard(db, query)
	);
}

async function computeUsageDashboard(db: Database, query: DashboardQuery): Promise<UsageDashboard> {
	const facts = await usageFacts(db);
	const context = await dashboardContext(db, query, {
		lastDaySql: `SELECT max(period_start) AS last FROM ${facts}`,
		offers: ['branch', 'campaign']
	});
	return cachedByDataVersion(db, 'usage', context, async () => {
		const { range, previousRange: previous, filters } = context;
		const params = {
			from: range.from,
			to: range.to,
			pfrom: previous.from,
			pto: previous.to,
			branch: filters.branch ?? null
		};
		const [totalRows, monthRows, links, branches, people, [have]] = await Promise.all([
			totals(db, params, facts),
			months(db, params, facts),
			campaignLinks(db, range, 'usage:'),
			allBranches(db),
			population(db),
			db.query<{ n: number }>(`SELECT count(*) AS n FROM ${facts}`)
		]);
		return {
			context,
			branches,
			totals: totalRows,
			// The busiest branches by name, the rest as one line: a consortium's charts stay readable and small.
			months: withOtherBranches(monthRows, (row) => row.measure),
			campaigns: links,
			population: people,
			hasUsage: (have?.n ?? 0) > 0
		} satisfies UsageDashboard;
	});
}
