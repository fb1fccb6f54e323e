import { z } from 'zod';
import { communityEngagement, hashtagSummary } from '$lib/server/analytics/engagement';
import { strategyComparison } from '$lib/server/analytics/strategies';
import { unclassifiedPosts } from '$lib/server/analytics/unclassified-posts';
import { databaseFor } from '$lib/server/app';
import { strategyCorrectionAction } from '$lib/server/campaigns/strategy-correction-action';
import type { Actions, PageServerLoad } from './$types';

/** ?page=N of the unclassified posts; anything else is the first page. */
const PostsPage = z.coerce.number().int().positive().catch(1);

export const load: PageServerLoad = async ({ locals, url }) => {
	const db = await databaseFor(locals);
	return {
		...(await strategyComparison(db)),
		unclassified: await unclassifiedPosts(db, PostsPage.parse(url.searchParams.get('page') ?? 1)),
		hashtags: await hashtagSummary(db),
		community: await communityEngagement(db)
	};
};

export const actions: Actions = {
	classify: async (event) => strategyCorrectionAction(event)
};
