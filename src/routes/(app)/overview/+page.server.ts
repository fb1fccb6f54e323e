import { error } from '@sveltejs/kit';
import { DateRangeQuery } from '$lib/domain/overview';
import { overview } from '$lib/server/analytics/overview';
import { databaseFor } from '$lib/server/app';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, locals }) => {
	const query = DateRangeQuery.safeParse(Object.fromEntries(url.searchParams));
	if (!query.success) {
		const issue = query.error.issues[0]!;
		error(400, `The date range is not valid: "${issue.path.join('.')}" ${issue.message}.`);
	}
	return { overview: await overview(await databaseFor(locals), query.data) };
};
