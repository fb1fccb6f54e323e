import { campaignSummaries } from '$lib/server/analytics/campaigns';
import { getDatabase } from '$lib/server/app';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => ({ campaigns: await campaignSummaries(await getDatabase()) });
