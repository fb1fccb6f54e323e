import { campaignSummaries } from '$lib/server/analytics/campaigns';
import { databaseFor } from '$lib/server/app';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	campaigns: await campaignSummaries(await databaseFor(locals))
});
