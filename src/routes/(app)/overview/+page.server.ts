import { error } from '@sveltejs/kit';
import { DateRangeQuery } from '$lib/domain/overview';
import { describeZodError } from '$lib/domain/zod-message';
import { overview } from '$lib/server/analytics/overview';
import { databaseFor } from '$lib/server/app';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, locals }) => {
	const query = DateRangeQuery.safeParse(Object.fromEntries(url.searchParams));
	if (!query.success) error(400, `The date range is not valid: ${describeZodError(query.error)}.`);
	return { overview: await overview(await databaseFor(locals), query.data) };
};
