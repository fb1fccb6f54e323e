import { strategyComparison } from '$lib/server/analytics/strategies';
import { getDatabase } from '$lib/server/app';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => strategyComparison(await getDatabase());
