import { readDashboardQuery } from '$lib/domain/dashboard-filters';
import { literacyDashboard } from '$lib/server/analytics/literacy';
import { dashboardFigures } from '$lib/server/app';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, locals }) => {
	// Summer reading is seasonal: compared with the same weeks a year earlier unless asked otherwise.
	const { query, problem } = readDashboardQuery(url.searchParams, 'year');
	const { figures, updating } = await dashboardFigures(locals, 'literacy', query, (db) => literacyDashboard(db, query));
	return { literacy: figures, rangeProblem: problem, updating };
};
