import { readDashboardQuery } from '$lib/domain/dashboard-filters';
import { socialDashboard } from '$lib/server/analytics/social';
import { databaseFor } from '$lib/server/app';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, locals }) => {
	const { query, problem } = readDashboardQuery(url.searchParams);
	return { social: await socialDashboard(await databaseFor(locals), query), rangeProblem: problem };
};
