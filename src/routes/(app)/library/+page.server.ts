import { readDashboardQuery } from '$lib/domain/dashboard-filters';
import { libraryDashboard } from '$lib/server/analytics/library';
import { dashboardFigures } from '$lib/server/app';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { query, problem } = readDashboardQuery(url.searchParams);
	const { figures, updating } = await dashboardFigures(locals, 'library', query, (db) => libraryDashboard(db, query));
	return { ...figures, rangeProblem: problem, updating };
};
