/**
 * The usage page's queries as they were before lens-facts.ts (commit 451dd4a), kept only so
 * tests/unit/lens-facts.test.ts can compare every figure the page shows with them. Not used by Lantern.
 */
import type { DashboardQuery } from '../../../../src/lib/domain/dashboard-filters';
import type { UsageDashboard, UsageMonth, UsageTotal } from '../../../../src/lib/domain/usage-dashboard';
import type { Database } from '../../../../src/lib/server/db/database';
import { getSettings } from '../../../../src/lib/server/settings';
import {
	allBranches,
	cachedByDataVersion,
	campaignLinks,
	dashboardContext,
	usedParams
} from '../../../../src/lib/server/analytics/dashboard-context';
import { PERIOD_PREFERENCE } from '../../../../src/lib/server/analytics/usage-period';
import { byDataVersion } from '../../../../src/lib/server/db/version-cache';
import { withOtherBranches } from '../../../../src/lib/domain/other-branches';

const MEASURED = `'circulation', 'digital_checkouts', 'visits', 'new_cards', 'website_sessions', 'computer_sessions', 'wifi_sessions'`;
/**
 * Usage rows, each metric at one granularity (monthly when it has any, else weekly, else daily), so
 * monthly reports beside daily door counts are never added together; as on the Overview.
 */
const CHOSEN = `(SELECT * FROM usage u WHERE metric IN (${MEASURED})
	AND period = (SELECT period FROM usage v WHERE v.metric = u.metric GROUP BY period ORDER BY ${PERIOD_PREFERENCE} LIMIT 1))`;
/** The last day a row covers: a range counts only the periods wholly inside it, as on the Overview. */
const PERIOD_END = `CAST(CASE period WHEN 'month' THEN period_start + INTERVAL 1 MONTH - INTERVAL 1 DAY
	WHEN 'week' THEN period_start + INTERVAL 6 DAY WHEN 'year' THEN period_start + INTERVAL 1 YEAR - INTERVAL 1 DAY
	ELSE period_start END AS DATE)`;
const INSIDE = (from: string, to: string) =>
	`(period_start >= CAST($${from} AS DATE) AND ${PERIOD_END} <= CAST($${to} AS DATE))`;
const BRANCH = `(CAST($branch AS VARCHAR) IS NULL OR branch = $branch)`;
/** Circulation is physical plus digital: the two metrics also make a third, total_circulation. */
const WITH_TOTAL = `(SELECT branch, period_start, period, metric, value FROM ${CHOSEN}
	UNION ALL SELECT branch, period_start, period, 'total_circulation', value FROM ${CHOSEN} WHERE metric IN ('circulation', 'digital_checkouts'))`;

async function totals(db: Database, params: Record<string, string | null>): Promise<UsageTotal[]> {
	const sql = `SELECT branch, metric AS measure,
			sum(value) FILTER (WHERE ${INSIDE('from', 'to')}) AS current,
			sum(value) FILTER (WHERE ${INSIDE('pfrom', 'pto')}) AS previous
		FROM ${WITH_TOTAL} WHERE ${BRANCH} AND (${INSIDE('from', 'to')} OR ${INSIDE('pfrom', 'pto')})
		GROUP BY GROUPING SETS ((branch, metric), (metric)) ORDER BY branch NULLS FIRST, measure`;
	return db.query<UsageTotal & Record<string, unknown>>(sql, usedParams(sql, params));
}

async function months(db: Database, params: Record<string, string | null>): Promise<UsageMonth[]> {
	const sql = `SELECT strftime(date_trunc('month', period_start), '%Y-%m-%d') AS month, branch, metric AS measure, sum(value) AS value
		FROM ${WITH_TOTAL} WHERE ${BRANCH} AND ${INSIDE('from', 'to')}
		GROUP BY ALL ORDER BY month, branch, measure`;
	return db.query<UsageMonth & Record<string, unknown>>(sql, usedParams(sql, params));
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
	return byDataVersion(db, 'before-usageDashboard', [query, new Date().toISOString().slice(0, 10)], () =>
		computeUsageDashboard(db, query)
	);
}

export async function computeUsageDashboard(db: Database, query: DashboardQuery): Promise<UsageDashboard> {
	const context = await dashboardContext(db, query, {
		lastDaySql: `SELECT max(period_start) AS last FROM usage`,
		offers: ['branch', 'campaign']
	});
	return cachedByDataVersion(db, 'before-usage', context, async () => {
		const { range, previousRange: previous, filters } = context;
		const params = {
			from: range.from,
			to: range.to,
			pfrom: previous.from,
			pto: previous.to,
			branch: filters.branch ?? null
		};
		const [totalRows, monthRows, links, branches, people, [have]] = await Promise.all([
			totals(db, params),
			months(db, params),
			campaignLinks(db, range, 'usage:'),
			allBranches(db),
			population(db),
			db.query<{ n: number }>(`SELECT count(*) AS n FROM usage`)
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
