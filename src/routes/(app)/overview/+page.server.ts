import { readDashboardQuery } from '$lib/domain/dashboard-filters';
import { overview } from '$lib/server/analytics/overview';
import { databaseFor } from '$lib/server/app';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, locals }) => {
	const { query, problem } = readDashboardQuery(url.searchParams);
	return { overview: await overview(await databaseFor(locals), query), rangeProblem: problem };
};
