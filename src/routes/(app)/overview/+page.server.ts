import { readDashboardQuery } from '$lib/domain/dashboard-filters';
import { overview } from '$lib/server/analytics/overview';
import { dashboardFigures } from '$lib/server/app';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, locals }) => {
	const { query, problem } = readDashboardQuery(url.searchParams);
	const { figures, updating } = await dashboardFigures(locals, 'overview', query, (db) => overview(db, query));
	return { overview: figures, rangeProblem: problem, updating };
};
