import { z } from 'zod';
import { describeZodError } from '$lib/domain/zod-message';
import { campaignSummaries } from '$lib/server/analytics/campaigns';
import { laggedAssociation } from '$lib/server/analytics/association';
import { explorableSeries, ImpactOptions, impactForMetric } from '$lib/server/analytics/impact';
import { exploreContext, seriesAtBranch, seriesChoices } from '$lib/server/analytics/explore-filters';
import { dashboardFigures } from '$lib/server/app';
import type { Database } from '$lib/server/db/database';
import type { PageServerLoad } from './$types';

const blankToUndefined = (value: unknown) => (value === '' || value === null ? undefined : value);
const ExploreQuery = z.object({
	metric: z.preprocess(blankToUndefined, z.string().max(200).optional()),
	campaign: z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional()),
	start: z.preprocess(blankToUndefined, ImpactOptions.shape.start.optional()),
	end: z.preprocess(blankToUndefined, ImpactOptions.shape.end),
	family: z.preprocess(blankToUndefined, ImpactOptions.shape.family),
	harmonics: z.preprocess(blankToUndefined, ImpactOptions.shape.harmonics),
	slope: z.preprocess((value) => value === 'on', z.boolean()),
	controls: ImpactOptions.shape.controls
});

export const load: PageServerLoad = async ({ url, locals }) => {
	const search = new URLSearchParams(url.searchParams);
	search.sort();
	const { figures, updating } = await dashboardFigures(locals, 'explore', search.toString(), (db) =>
		exploreFigures(db, search)
	);
	return { ...figures, updating };
};

async function exploreFigures(db: Database, searchParams: URLSearchParams) {
	const [series, campaigns, { context, problem: rangeProblem }] = await Promise.all([
		explorableSeries(db),
		campaignSummaries(db),
		exploreContext(db, searchParams)
	]);
	const controls = searchParams.getAll('control').filter((c) => c !== '');
	// The lists, not every series: a consortium's would be half a megabyte of options.
	const choices = seriesChoices(series, {
		branch: context.filters.branch,
		metric: searchParams.get('metric') ?? undefined,
		controls
	});
	const filtered = { context, rangeProblem, branchNote: null as string | null, ...choices };
	const query = ExploreQuery.safeParse({
		...Object.fromEntries(searchParams),
		controls: controls.length > 0 ? controls : undefined
	});
	if (!query.success)
		return {
			...filtered,
			campaigns,
			query: {},
			panel: null,
			association: null,
			problem: `${describeZodError(query.error)}.`
		};
	const q = query.data;
	const campaign = campaigns.find((c) => c.campaignId === q.campaign);
	const start = q.start ?? campaign?.startsOn;
	const end = q.end ?? (q.start ? undefined : campaign?.endsOn);
	const { filters } = context;
	const chosen = q.metric ? seriesAtBranch(q.metric, filters.branch, series) : null;
	filtered.branchNote = chosen?.note ?? null;
	const association = chosen
		? await laggedAssociation(db, chosen.metric, campaign?.campaignId, {
				platform: filters.platform,
				strategy: filters.strategy
			})
		: null;
	if (!chosen || !start)
		return {
			...filtered,
			campaigns,
			query: q,
			panel: null,
			association,
			problem: q.metric ? 'Choose a campaign or a start date.' : null
		};
	const panel = await impactForMetric(
		db,
		chosen.metric,
		{ start, end, family: q.family, harmonics: q.harmonics, slope: q.slope, controls: q.controls },
		campaign?.name
	);
	return {
		...filtered,
		campaigns,
		query: q,
		panel,
		association,
		problem: panel ? null : `Lantern has no series called "${chosen.metric}".`
	};
}
