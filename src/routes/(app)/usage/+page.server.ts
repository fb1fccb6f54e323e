import { readDashboardQuery } from '$lib/domain/dashboard-filters';
import { usageDashboard } from '$lib/server/analytics/usage';
import { databaseFor } from '$lib/server/app';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, locals }) => {
	const { query, problem } = readDashboardQuery(url.searchParams);
	return { usage: await usageDashboard(await databaseFor(locals), query), rangeProblem: problem };
};
