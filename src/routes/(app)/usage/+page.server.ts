import { readDashboardQuery } from '$lib/domain/dashboard-filters';
import { usageDashboard } from '$lib/server/analytics/usage';
import { dashboardFigures } from '$lib/server/app';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, locals }) => {
	const { query, problem } = readDashboardQuery(url.searchParams);
	const { figures, updating } = await dashboardFigures(locals, 'usage', query, (db) => usageDashboard(db, query));
	return { usage: figures, rangeProblem: problem, updating };
};
