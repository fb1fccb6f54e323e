import { error } from '@sveltejs/kit';
import { campaignSummaries } from '$lib/server/analytics/campaigns';
import { databaseFor } from '$lib/server/app';
import { knownBranches } from '$lib/server/auth/users';
import { boardReport } from '$lib/server/reports/board-report';
import { InvalidReportParams, reportParamsFromQuery, reportQuery } from '$lib/server/reports/params';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, locals }) => {
	const db = await databaseFor(locals);
	try {
		const params = reportParamsFromQuery(url.searchParams);
		// The summary as Lantern writes it for these choices, to start the director's edit from.
		const { overview, summary } = await boardReport(db, { ...params, sections: ['summary'] });
		const chosen = { ...params, ...overview.range, compare: overview.comparison };
		return {
			params: chosen,
			query: reportQuery(chosen),
			generatedSummary: summary.generated.join('\n\n'),
			campaigns: (await campaignSummaries(db)).map((c) => ({ name: c.name, startsOn: c.startsOn, endsOn: c.endsOn })),
			branches: db.scope ? [...db.scope] : await knownBranches(db),
			platforms: overview.context.options.platform ?? [],
			audiences: overview.context.options.audience ?? [],
			libraryName: overview.libraryName
		};
	} catch (cause) {
		if (cause instanceof InvalidReportParams) error(400, `The report cannot be made: ${cause.message}`);
		throw cause;
	}
};
