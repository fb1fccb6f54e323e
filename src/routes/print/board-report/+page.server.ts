import { error } from '@sveltejs/kit';
import { DateRangeQuery } from '$lib/domain/overview';
import { describeZodError } from '$lib/domain/zod-message';
import { overview } from '$lib/server/analytics/overview';
import { databaseFor } from '$lib/server/app';
import { campaignSummaries } from '$lib/server/analytics/campaigns';
import { campaignImpact } from '$lib/server/analytics/impact';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, locals }) => {
	const query = DateRangeQuery.safeParse(Object.fromEntries(url.searchParams));
	if (!query.success) error(400, `The date range is not valid: ${describeZodError(query.error)}.`);
	const db = await databaseFor(locals);
	const data = await overview(db, query.data);
	// Campaigns that ran in the period, each outcome's estimate in the words a director reads aloud.
	const campaigns = (await campaignSummaries(db)).filter(
		(c) => c.startsOn <= data.range.to && c.endsOn >= data.range.from
	);
	const impact = [];
	for (const campaign of campaigns)
		impact.push({
			name: campaign.name,
			panels: (await campaignImpact(db, campaign)).map((p) => ({
				label: p.label,
				paragraph: p.paragraph,
				sensitivity: p.sensitivity ?? null
			}))
		});
	return { overview: data, impact, generatedOn: new Date().toISOString().slice(0, 10) };
};
