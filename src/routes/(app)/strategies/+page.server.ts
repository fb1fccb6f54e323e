import { z } from 'zod';
import { readDashboardQuery } from '$lib/domain/dashboard-filters';
import { communityEngagement, hashtagSummary } from '$lib/server/analytics/engagement';
import { strategiesDashboard } from '$lib/server/analytics/strategies-dashboard';
import { dashboardFigures } from '$lib/server/app';
import { strategyCorrectionAction } from '$lib/server/campaigns/strategy-correction-action';
import type { Actions, PageServerLoad } from './$types';

/** ?page=N of the unclassified posts; anything else is the first page. */
const PostsPage = z.coerce.number().int().positive().catch(1);

export const load: PageServerLoad = async ({ locals, url }) => {
	const { query, problem } = readDashboardQuery(url.searchParams);
	const page = PostsPage.parse(url.searchParams.get('page') ?? 1);
	const { figures, updating } = await dashboardFigures(locals, 'strategies', [query, page], async (db) => ({
		...(await strategiesDashboard(db, query, page)),
		hashtags: await hashtagSummary(db),
		community: await communityEngagement(db)
	}));
	return { ...figures, rangeProblem: problem, updating };
};

export const actions: Actions = {
	classify: async (event) => strategyCorrectionAction(event)
};
