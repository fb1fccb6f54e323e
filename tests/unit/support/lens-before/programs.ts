/**
 * The programs page's queries as they were before lens-facts.ts (commit 451dd4a), kept only so
 * tests/unit/lens-facts.test.ts can compare every figure the page shows with them. Not used by Lantern.
 */
import type { DashboardQuery } from '../../../../src/lib/domain/dashboard-filters';
import type { ProgramGroup, ProgramMonth, ProgramsDashboard } from '../../../../src/lib/domain/programs-dashboard';
import type { Database } from '../../../../src/lib/server/db/database';
import {
	allBranches,
	cachedByDataVersion,
	campaignLinks,
	dashboardContext,
	usedParams
} from '../../../../src/lib/server/analytics/dashboard-context';
import { byDataVersion } from '../../../../src/lib/server/db/version-cache';
import { withOtherBranches } from '../../../../src/lib/domain/other-branches';

// Programs are dated in the library's time zone, as on the Overview; $tz is bound, never spliced.
const DAY = 'CAST(timezone($tz, starts_at) AS DATE)';
const IN = (from: string, to: string) => `${DAY} BETWEEN CAST($${from} AS DATE) AND CAST($${to} AS DATE)`;
/**
 * Programs that were held, each with whether it was promoted: by any post linked to it, or, with a
 * campaign filter, by one of that campaign's posts (the rule campaign pages use).
 */
const HELD = `(SELECT p.*, coalesce(p.category, 'Uncategorised') AS category_name,
		EXISTS (SELECT 1 FROM program_promotions pp
			WHERE pp.program_id = p.program_id AND pp.program_source = p.source
			AND (CAST($campaign AS INTEGER) IS NULL OR (pp.platform, pp.post_id) IN (
				SELECT platform, post_id FROM campaign_posts WHERE campaign_id = CAST($campaign AS INTEGER)))) AS promoted
	FROM programs p WHERE NOT p.cancelled
		AND (CAST($branch AS VARCHAR) IS NULL OR p.branch = $branch)
		AND (CAST($audience AS VARCHAR) IS NULL OR list_contains(p.audiences, $audience) OR p.audience = $audience))`;
const FIGURES = `count(*) FILTER (WHERE ${IN('from', 'to')}) AS programs,
	sum(attendance) FILTER (WHERE ${IN('from', 'to')}) AS attendance,
	count(*) FILTER (WHERE ${IN('pfrom', 'pto')}) AS "previousPrograms",
	sum(attendance) FILTER (WHERE ${IN('pfrom', 'pto')}) AS "previousAttendance",
	sum(attendance) FILTER (WHERE ${IN('from', 'to')} AND registrations > 0 AND attendance IS NOT NULL) AS "registeredAttendance",
	sum(registrations) FILTER (WHERE ${IN('from', 'to')} AND registrations > 0 AND attendance IS NOT NULL) AS registrations`;

async function groups(db: Database, params: Record<string, string | number | null>): Promise<ProgramGroup[]> {
	const grouped = `SELECT CASE WHEN grouping(category_name) = 0 THEN 'category' WHEN grouping(branch) = 0 THEN 'branch'
			WHEN grouping(promoted) = 0 THEN 'promoted' ELSE 'all' END AS dimension,
			CASE WHEN grouping(category_name) = 0 THEN category_name WHEN grouping(branch) = 0 THEN branch
				WHEN grouping(promoted) = 0 THEN CASE WHEN promoted THEN 'promoted' ELSE 'not promoted' END END AS value,
			${FIGURES}
		FROM ${HELD} WHERE ${IN('from', 'to')} OR ${IN('pfrom', 'pto')}
		GROUP BY GROUPING SETS ((category_name), (branch), (promoted), ())`;
	// A program for several audiences counts once under each of them.
	const byAudience = `SELECT 'audience' AS dimension, audience_name AS value, ${FIGURES}
		FROM (SELECT *, unnest(CASE WHEN len(coalesce(audiences, [])) = 0 THEN ['No audience given'] ELSE audiences END) AS audience_name FROM ${HELD})
		WHERE ${IN('from', 'to')} OR ${IN('pfrom', 'pto')}
		GROUP BY audience_name`;
	const sql = `SELECT * FROM (${grouped} UNION ALL ${byAudience}) ORDER BY dimension, attendance DESC NULLS LAST, value`;
	return db.query<ProgramGroup & Record<string, unknown>>(sql, usedParams(sql, params));
}

async function months(db: Database, params: Record<string, string | number | null>): Promise<ProgramMonth[]> {
	const sql = `SELECT strftime(date_trunc('month', ${DAY}), '%Y-%m-%d') AS month, coalesce(branch, 'No branch given') AS branch,
			sum(attendance) AS value
		FROM ${HELD} WHERE ${IN('from', 'to')} AND attendance IS NOT NULL GROUP BY ALL ORDER BY month, branch`;
	return db.query<ProgramMonth & Record<string, unknown>>(sql, usedParams(sql, params));
}

/** Everything the Programs page shows for one query. */
export function programsDashboard(db: Database, query: DashboardQuery): Promise<ProgramsDashboard> {
	// Once per data version, scope and query (and day: an empty library's default range reads it); the
	// options and range are read with the figures, so a repeat asks DuckDB nothing. Callers must not mutate it.
	return byDataVersion(db, 'before-programsDashboard', [query, new Date().toISOString().slice(0, 10)], () =>
		computeProgramsDashboard(db, query)
	);
}

export async function computeProgramsDashboard(db: Database, query: DashboardQuery): Promise<ProgramsDashboard> {
	const context = await dashboardContext(db, query, {
		lastDaySql: `SELECT max(${DAY}) AS last FROM programs WHERE attendance IS NOT NULL`,
		offers: ['branch', 'audience', 'campaign'],
		optionsSql: {
			audience: `SELECT DISTINCT unnest(audiences) AS value FROM programs ORDER BY value`
		}
	});
	return cachedByDataVersion(db, 'before-programs', context, async () => {
		const { range, previousRange: previous, filters } = context;
		const params = {
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
			groups(db, params),
			months(db, params),
			campaignLinks(db, range, 'programs:'),
			allBranches(db),
			db.query<{ programs: number; promotions: number }>(
				`SELECT (SELECT count(*) FROM programs) AS programs, (SELECT count(*) FROM program_promotions) AS promotions`
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
