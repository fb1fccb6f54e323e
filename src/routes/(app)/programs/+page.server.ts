import { readDashboardQuery } from '$lib/domain/dashboard-filters';
import { programsDashboard } from '$lib/server/analytics/programs';
import { dashboardFigures } from '$lib/server/app';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, locals }) => {
	const { query, problem } = readDashboardQuery(url.searchParams);
	const { figures, updating } = await dashboardFigures(locals, 'programs', query, (db) => programsDashboard(db, query));
	return { programs: figures, rangeProblem: problem, updating };
};
