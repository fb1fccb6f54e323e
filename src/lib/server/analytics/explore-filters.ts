import { readDashboardQuery, type DashboardContext } from '../../domain/dashboard-filters';
import type { Database } from '../db/database';
import { postsDashboardContext } from './dashboard-context';

/**
 * The dashboards' filters as Explore reads them: a branch picks the chosen series at that branch, a
 * platform or strategy the posts whose engagements the lagged association reads. Its campaign is its
 * own field (it sets the start and end), so the campaign filter is read there, not here.
 */
export async function exploreContext(
	db: Database,
	params: URLSearchParams
): Promise<{ context: DashboardContext; problem: string | null }> {
	const { query, problem } = readDashboardQuery(params);
	const { campaign: _, ...filters } = query.filters;
	const context = await postsDashboardContext(db, { ...query, filters }, ['branch', 'platform', 'strategy']);
	return { context, problem };
}

/**
 * The series a branch filter points to: the library-wide series chosen ("usage:circulation") at that
 * branch ("usage:circulation:Eastside") when Lantern holds it; otherwise the series as chosen, and why.
 */
export function seriesAtBranch(
	metric: string,
	branch: string | undefined,
	known: { metric: string }[]
): { metric: string; note: string | null } {
	if (!branch) return { metric, note: null };
	const parts = metric.split(':');
	if (parts.length > 2)
		return parts[2] === branch
			? { metric, note: null }
			: {
					metric,
					note: `This series is ${parts[2]}'s, chosen by name: the branch filter (${branch}) does not change it.`
				};
	const atBranch = `${metric}:${branch}`;
	if (known.some((s) => s.metric === atBranch))
		return { metric: atBranch, note: `Estimated for ${branch} only (the branch filter).` };
	return {
		metric,
		note: `Not narrowed by branch: Lantern holds this series for the whole library only, not for ${branch}.`
	};
}

/** A library with more branches than this lists a branch's own series only for the branch chosen in the filters. */
export const BRANCH_SERIES_LISTED_UP_TO = 12;

export interface SeriesChoices<S extends { metric: string }> {
	/** the Outcome list */
	outcomes: S[];
	/** the control series' list */
	controls: S[];
	/** how many branches have series of their own, when the lists leave some of theirs out; else null */
	narrowedFrom: number | null;
}

/**
 * The Outcome and control lists. A consortium's hundred branches with a dozen series each made two
 * lists of 1,500 entries (half a megabyte a page, and no one can scroll them): past
 * BRANCH_SERIES_LISTED_UP_TO branches, Outcome lists the library-wide series and the chosen branch's,
 * and the controls the library-wide series and the chosen outcome's measure at every branch (the
 * natural controls). What is chosen is always listed.
 */
export function seriesChoices<S extends { metric: string }>(
	series: S[],
	chosen: { branch?: string; metric?: string; controls?: readonly string[] }
): SeriesChoices<S> {
	const branchOf = (metric: string) => metric.split(':').slice(2).join(':') || null;
	const branches = new Set(series.map((s) => branchOf(s.metric)).filter((branch) => branch !== null));
	if (branches.size <= BRANCH_SERIES_LISTED_UP_TO) return { outcomes: series, controls: series, narrowedFrom: null };
	const measure = (metric: string) => metric.split(':').slice(0, 2).join(':');
	const outcomes = series.filter(
		(s) => branchOf(s.metric) === null || branchOf(s.metric) === chosen.branch || s.metric === chosen.metric
	);
	const controls = series.filter(
		(s) =>
			branchOf(s.metric) === null ||
			(chosen.metric !== undefined && measure(s.metric) === measure(chosen.metric)) ||
			chosen.controls?.includes(s.metric)
	);
	return { outcomes, controls, narrowedFrom: branches.size };
}
