import { readDashboardQuery } from '$lib/domain/dashboard-filters';
import { programsDashboard } from '$lib/server/analytics/programs';
import { databaseFor } from '$lib/server/app';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, locals }) => {
	const { query, problem } = readDashboardQuery(url.searchParams);
	return { programs: await programsDashboard(await databaseFor(locals), query), rangeProblem: problem };
};
