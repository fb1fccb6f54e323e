import { doorCounts, peerBenchmark, surveyOutcomes } from '$lib/server/analytics/library';
import { dashboardFigures } from '$lib/server/app';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const { figures, updating } = await dashboardFigures(locals, 'library', null, async (db) => {
		const [doors, surveys, peers] = await Promise.all([doorCounts(db), surveyOutcomes(db), peerBenchmark(db)]);
		return { doors, surveys, peers };
	});
	return { ...figures, updating };
};
