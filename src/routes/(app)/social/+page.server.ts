import { readDashboardQuery } from '$lib/domain/dashboard-filters';
import { socialDashboard } from '$lib/server/analytics/social';
import { dashboardFigures } from '$lib/server/app';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, locals }) => {
	const { query, problem } = readDashboardQuery(url.searchParams);
	const { figures, updating } = await dashboardFigures(locals, 'social', query, (db) => socialDashboard(db, query));
	return { social: figures, rangeProblem: problem, updating };
};
