import { z } from 'zod';
import { readDashboardQuery } from '$lib/domain/dashboard-filters';
import { pageOfBranches } from '$lib/domain/usage-dashboard';
import { usageDashboard } from '$lib/server/analytics/usage';
import { dashboardFigures } from '$lib/server/app';
import type { PageServerLoad } from './$types';

/** ?branches=N: the page of the branch table; anything else is the first page. */
const BranchPage = z.coerce.number().int().positive().catch(1);

export const load: PageServerLoad = async ({ url, locals }) => {
	const { query, problem } = readDashboardQuery(url.searchParams);
	const { figures, updating } = await dashboardFigures(locals, 'usage', query, (db) => usageDashboard(db, query));
	// The branch table shows one page of branches: a consortium's 500 branches made the page 730 KB.
	const { totals, ...branchPage } = pageOfBranches(
		figures.totals,
		BranchPage.parse(url.searchParams.get('branches') ?? 1)
	);
	return {
		usage: { ...figures, totals },
		branchPage,
		rangeProblem: problem,
		updating
	};
};
