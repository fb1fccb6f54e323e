import { readDashboardQuery } from '$lib/domain/dashboard-filters';
import { campaignsList } from '$lib/server/analytics/campaigns-list';
import { databaseFor } from '$lib/server/app';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { query, problem } = readDashboardQuery(url.searchParams);
	return { ...(await campaignsList(await databaseFor(locals), query)), rangeProblem: problem };
};
