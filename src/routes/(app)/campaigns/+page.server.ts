import { readDashboardQuery } from '$lib/domain/dashboard-filters';
import { campaignsList } from '$lib/server/analytics/campaigns-list';
import { dashboardFigures } from '$lib/server/app';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { query, problem } = readDashboardQuery(url.searchParams);
	const { figures, updating } = await dashboardFigures(locals, 'campaigns', query, (db) => campaignsList(db, query));
	return { ...figures, rangeProblem: problem, updating };
};
