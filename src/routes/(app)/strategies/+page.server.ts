import { communityEngagement, hashtagSummary } from '$lib/server/analytics/engagement';
import { strategyComparison } from '$lib/server/analytics/strategies';
import { databaseFor } from '$lib/server/app';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const db = await databaseFor(locals);
	return {
		...(await strategyComparison(db)),
		hashtags: await hashtagSummary(db),
		community: await communityEngagement(db)
	};
};
