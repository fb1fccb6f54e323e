import { communityEngagement, hashtagSummary } from '$lib/server/analytics/engagement';
import { strategyComparison } from '$lib/server/analytics/strategies';
import { getDatabase } from '$lib/server/app';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const db = await getDatabase();
	return { ...(await strategyComparison(db)), hashtags: await hashtagSummary(db), community: await communityEngagement(db) };
};
