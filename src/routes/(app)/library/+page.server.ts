import { doorCounts, peerBenchmark, surveyOutcomes } from '$lib/server/analytics/library';
import { databaseFor } from '$lib/server/app';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const db = await databaseFor(locals);
	const [doors, surveys, peers] = await Promise.all([doorCounts(db), surveyOutcomes(db), peerBenchmark(db)]);
	return { doors, surveys, peers };
};
