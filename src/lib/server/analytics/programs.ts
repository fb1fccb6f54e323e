import type { DashboardQuery } from '../../domain/dashboard-filters';
import type { ProgramGroup, ProgramMonth, ProgramsDashboard } from '../../domain/programs-dashboard';
import type { Database } from '../db/database';
import { allBranches, cachedByDataVersion, campaignLinks, dashboardContext, usedParams } from './dashboard-context';
import { byDataVersion } from '../db/version-cache';
import { withOtherBranches } from '../../domain/other-branches';
import { getSettings } from '../settings';
import { programFacts } from './lens-facts';

/**
 * The programs read (lens-facts.ts): each with its day in the library's time zone, its category name
 * and whether any post promoted it, worked out once per data version. `$facts` in the SQL below.
 */
const FACTS = '$facts';
const IN = (from: string, to: string) => `day BETWEEN CAST($${from} AS DATE) AND CAST($${to} AS DATE)`;
type Params = Record<string, string | number | null>;
/**
 * Programs that were held, each with whether it was promoted: by any post linked to it, or, with a
 * campaign filter, by one of that campaign's posts (the rule campaign pages use). A filter not
 * chosen is left out of the SQL.
 */
function held(params: Params): string {
	const promoted =
		params.campaign === null
			? 'p.promoted'
			: `(p.program_id, p.source) IN (SELECT pp.program_id, pp.program_source FROM program_promotions pp
				WHERE (pp.platform, pp.post_id) IN (SELECT platform, post_id FROM campaign_posts WHERE campaign_id = CAST($campaign AS INTEGER)))`;
	return `(SELECT p.* REPLACE (${promoted} AS promoted) FROM ${FACTS} p WHERE NOT p.cancelled
		${params.branch === null ? '' : 'AND p.branch = $branch'}
		${params.audience === null ? '' : 'AND (list_contains(p.audiences, $audience) OR p.audience = $audience)'})`;
}
const FIGURES = `count(*) FILTER (WHERE ${IN('from', 'to')}) AS programs,
	sum(attendance) FILTER (WHERE ${IN('from', 'to')}) AS attendance,
	count(*) FILTER (WHERE ${IN('pfrom', 'pto')}) AS "previousPrograms",
	sum(attendance) FILTER (WHERE ${IN('pfrom', 'pto')}) AS "previousAttendance",
	sum(attendance) FILTER (WHERE ${IN('from', 'to')} AND registrations > 0 AND attendance IS NOT NULL) AS "registeredAttendance",
	sum(registrations) FILTER (WHERE ${IN('from', 'to')} AND registrations > 0 AND attendance IS NOT NULL) AS registrations`;

/** Runs `sql` with the programs' relation spliced in for `$facts` (a table name or a subquery, never user input). */
function query<T>(db: Database, sql: string, params: Params, facts: string): Promise<T[]> {
	const spliced = sql.replaceAll(FACTS, facts);
	return db.query<T & Record<string, unknown>>(spliced, usedParams(spliced, params));
}

async function groups(db: Database, params: Params, facts: string): Promise<ProgramGroup[]> {
	const grouped = `SELECT CASE WHEN grouping(category_name) = 0 THEN 'category' WHEN grouping(branch) = 0 THEN 'branch'
			WHEN grouping(promoted) = 0 THEN 'promoted' ELSE 'all' END AS dimension,
			CASE WHEN grouping(category_name) = 0 THEN category_name WHEN grouping(branch) = 0 THEN branch
				WHEN grouping(promoted) = 0 THEN CASE WHEN promoted THEN 'promoted' ELSE 'not promoted' END END AS value,
			${FIGURES}
		FROM ${held(params)} WHERE ${IN('from', 'to')} OR ${IN('pfrom', 'pto')}
		GROUP BY GROUPING SETS ((category_name), (branch), (promoted), ())`;
	// A program for several audiences counts once under each of them.
	const byAudience = `SELECT 'audience' AS dimension, audience_name AS value, ${FIGURES}
		FROM (SELECT *, unnest(CASE WHEN len(coalesce(audiences, [])) = 0 THEN ['No audience given'] ELSE audiences END) AS audience_name FROM ${held(params)})
		WHERE ${IN('from', 'to')} OR ${IN('pfrom', 'pto')}
		GROUP BY audience_name`;
	const sql = `SELECT * FROM (${grouped} UNION ALL ${byAudience}) ORDER BY dimension, attendance DESC NULLS LAST, value`;
	return query<ProgramGroup>(db, sql, params, facts);
}

async function months(db: Database, params: Params, facts: string): Promise<ProgramMonth[]> {
	const sql = `SELECT strftime(date_trunc('month', day), '%Y-%m-%d') AS month, coalesce(branch, 'No branch given') AS branch,
			sum(attendance) AS value
		FROM ${held(params)} WHERE ${IN('from', 'to')} AND attendance IS NOT NULL GROUP BY ALL ORDER BY month, branch`;
	return query<ProgramMonth>(db, sql, params, facts);
}

/** Everything the Programs page shows for one query. */
export function programsDashboard(db: Database, query: DashboardQuery): Promise<ProgramsDashboard> {
	// Once per data version, scope and query (and day: an empty library's default range reads it); the
	// options and range are read with the figures, so a repeat asks DuckDB nothing. Callers must not mutate it.
	return byDataVersion(db, 'programsDashboard', [query, new Date().toISOString().slice(0, 10)], () =>
		computeProgramsDashboard(db, query)
	);
}

async function computeProgramsDashboard(db: Database, query: DashboardQuery): Promise<ProgramsDashboard> {
	const facts = await programFacts(db, (await getSettings(db)).timeZone);
	const context = await dashboardContext(db, query, {
		lastDaySql: `SELECT max(day) AS last FROM ${facts} WHERE attendance IS NOT NULL`,
		offers: ['branch', 'audience', 'campaign'],
		optionsSql: {
			audience: `SELECT DISTINCT unnest(audiences) AS value FROM ${facts} ORDER BY value`
		}
	});
	return cachedByDataVersion(db, 'programs', context, async () => {
		const { range, previousRange: previous, filters } = context;
		const params: Params = {
			tz: context.timeZone,
			from: range.from,
			to: range.to,
			pfrom: previous.from,
			pto: previous.to,
			branch: filters.branch ?? null,
			audience: filters.audience ?? null,
			campaign: filters.campaign ?? null
		};
		const [groupRows, monthRows, links, branches, [have]] = await Promise.all([
			groups(db, params, facts),
			months(db, params, facts),
			campaignLinks(db, range, 'programs:'),
			allBranches(db),
			db.query<{ programs: number; promotions: number }>(
				`SELECT (SELECT count(*) FROM ${facts}) AS programs, (SELECT count(*) FROM program_promotions) AS promotions`
			)
		]);
		return {
			context,
			branches,
			groups: groupRows,
			// The busiest branches by name, the rest as one line: a consortium's chart stays readable and small.
			months: withOtherBranches(monthRows, () => 'attendance'),
			campaigns: links,
			hasPrograms: (have?.programs ?? 0) > 0,
			hasPromotions: (have?.promotions ?? 0) > 0
		} satisfies ProgramsDashboard;
	});
}
