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
