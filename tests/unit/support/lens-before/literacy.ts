/**
 * The literacy page's queries as they were before lens-facts.ts (commit 451dd4a), kept only so
 * tests/unit/lens-facts.test.ts can compare every figure the page shows with them. Not used by Lantern.
 */
import type { DashboardQuery } from '../../../../src/lib/domain/dashboard-filters';
import type {
	FunnelFigure,
	LiteracyDashboard,
	LiteracyWeek,
	OutcomeAgreement
} from '../../../../src/lib/domain/literacy';
import { FUNNEL_STAGES } from '../../../../src/lib/domain/literacy';
import { dayFromIso } from '../../../../src/lib/calendar';
import type { Database } from '../../../../src/lib/server/db/database';
import {
	allBranches,
	cachedByDataVersion,
	campaignLinks,
	dashboardContext,
	usedParams
} from '../../../../src/lib/server/analytics/dashboard-context';
import { byDataVersion } from '../../../../src/lib/server/db/version-cache';

/**
 * A literacy row counts in the range its period starts in: a summer-reading week that starts on
 * Aug 31 belongs to August's range. Branch and age group filters bind NULL for "all".
 */
const IN = (from: string, to: string) => `period_start BETWEEN CAST($${from} AS DATE) AND CAST($${to} AS DATE)`;
const FILTERED = `(CAST($branch AS VARCHAR) IS NULL OR branch = $branch) AND (CAST($audience AS VARCHAR) IS NULL OR age_group = $audience)`;
const STAGES = `metric IN (${FUNNEL_STAGES.map((stage) => `'${stage}'`).join(', ')})`;

/** Registered, active and completed by branch and age group, their totals by branch, by age group and overall. */
async function funnel(db: Database, params: Record<string, string | null>): Promise<FunnelFigure[]> {
	return db.query<FunnelFigure & Record<string, unknown>>(
		`SELECT branch, age_group AS "ageGroup", metric AS stage,
			sum(value) FILTER (WHERE ${IN('from', 'to')}) AS current,
			sum(value) FILTER (WHERE ${IN('pfrom', 'pto')}) AS previous
		 FROM literacy WHERE ${STAGES} AND ${FILTERED} AND (${IN('from', 'to')} OR ${IN('pfrom', 'pto')})
		 GROUP BY GROUPING SETS ((branch, age_group, metric), (branch, metric), (age_group, metric), (metric))
		 ORDER BY branch NULLS FIRST, "ageGroup" NULLS FIRST, stage`,
		params
	);
}

/** Registrations and completions week by week, in the range and in the comparison range, per branch. */
async function weeks(db: Database, params: Record<string, string | null>, shiftDays: number): Promise<LiteracyWeek[]> {
	return db.query<LiteracyWeek & Record<string, unknown>>(
		`SELECT strftime(period_start, '%Y-%m-%d') AS week, branch, metric AS stage, sum(value) AS value,
			NOT (${IN('from', 'to')}) AS comparison,
			strftime(CASE WHEN ${IN('from', 'to')} THEN period_start ELSE period_start + to_days(CAST($shift AS INTEGER)) END, '%Y-%m-%d') AS "shiftedWeek"
		 FROM literacy
		 WHERE metric IN ('registrations', 'completions') AND period IN ('week', 'day') AND ${FILTERED}
			AND (${IN('from', 'to')} OR ${IN('pfrom', 'pto')})
		 GROUP BY ALL ORDER BY comparison, week, branch, stage`,
		{ ...params, shift: String(shiftDays) }
	);
}

/** Project Outcome: of the answers on the 1–5 scale to each statement, how many agree or strongly agree. */
async function outcomes(db: Database, params: Record<string, string | null>): Promise<OutcomeAgreement[]> {
	const sql = `SELECT survey_topic AS topic, outcome, count(score) AS responses, count(*) FILTER (WHERE score >= 4) AS agreeing,
			count(*) FILTER (WHERE score >= 4) / nullif(count(score), 0) AS "agreeShare"
		 FROM survey_responses
		 UNPIVOT (score FOR outcome IN (knowledge, confidence, application, awareness))
		 WHERE date BETWEEN CAST($from AS DATE) AND CAST($to AS DATE) AND (CAST($branch AS VARCHAR) IS NULL OR branch = $branch)
		 GROUP BY survey_topic, outcome
		 ORDER BY topic, CASE outcome WHEN 'knowledge' THEN 1 WHEN 'confidence' THEN 2 WHEN 'application' THEN 3 ELSE 4 END`;
	return db.query<OutcomeAgreement & Record<string, unknown>>(sql, usedParams(sql, params));
}

/** Everything the Literacy page shows for one query. */
export function literacyDashboard(db: Database, query: DashboardQuery): Promise<LiteracyDashboard> {
	// Once per data version, scope and query (and day: an empty library's default range reads it); the
	// options and range are read with the figures, so a repeat asks DuckDB nothing. Callers must not mutate it.
	return byDataVersion(db, 'before-literacyDashboard', [query, new Date().toISOString().slice(0, 10)], () =>
		computeLiteracyDashboard(db, query)
	);
}

export async function computeLiteracyDashboard(db: Database, query: DashboardQuery): Promise<LiteracyDashboard> {
	const context = await dashboardContext(db, query, {
		lastDaySql: `SELECT max(d) AS last FROM (SELECT max(period_start) AS d FROM literacy UNION ALL SELECT max(date) FROM survey_responses)`,
		offers: ['branch', 'audience', 'campaign'],
		optionsSql: {
			audience: `SELECT DISTINCT age_group AS value FROM literacy WHERE age_group IS NOT NULL ORDER BY value`
		}
	});
	return cachedByDataVersion(db, 'before-literacy', context, async () => {
		const { range, previousRange: previous, filters } = context;
		const params = {
			from: range.from,
			to: range.to,
			pfrom: previous.from,
			pto: previous.to,
			branch: filters.branch ?? null,
			audience: filters.audience ?? null
		};
		const shift = dayFromIso(range.from) - dayFromIso(previous.from);
		const [funnelRows, weekRows, outcomeRows, links, branches, lists, [have]] = await Promise.all([
			funnel(db, params),
			weeks(db, params, shift),
			outcomes(db, params),
			campaignLinks(db, range, 'literacy:'),
			allBranches(db),
			db.query<{ age_groups: string[] | null; programs: string[] | null }>(
				`SELECT list_sort(list(DISTINCT age_group) FILTER (WHERE age_group IS NOT NULL)) AS age_groups,
					list_sort(list(DISTINCT program) FILTER (WHERE program IS NOT NULL AND ${IN('from', 'to')})) AS programs FROM literacy`,
				{ from: range.from, to: range.to }
			),
			db.query<{ literacy: number; surveys: number; responses: number }>(
				`SELECT (SELECT count(*) FROM literacy) AS literacy, (SELECT count(*) FROM survey_responses) AS surveys,
					(SELECT count(*) FROM survey_responses WHERE date BETWEEN CAST($from AS DATE) AND CAST($to AS DATE)
						AND (CAST($branch AS VARCHAR) IS NULL OR branch = $branch)) AS responses`,
				{ from: range.from, to: range.to, branch: params.branch }
			)
		]);
		return {
			context,
			branches,
			ageGroups: lists[0]?.age_groups ?? [],
			programs: lists[0]?.programs ?? [],
			funnel: funnelRows,
			weeks: weekRows,
			outcomes: outcomeRows,
			surveyResponses: have?.responses ?? 0,
			campaigns: links,
			hasLiteracy: (have?.literacy ?? 0) > 0,
			hasSurveys: (have?.surveys ?? 0) > 0
		} satisfies LiteracyDashboard;
	});
}
