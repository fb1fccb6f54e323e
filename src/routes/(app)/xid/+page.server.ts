import { z } from 'zod';
import { databaseFor } from '$lib/server/app';
import { lookUpXids } from '$lib/server/x-accounts';
import type { PageServerLoad } from './$types';

const XidQuery = z.object({ q: z.string().max(20_000).default('') });

export const load: PageServerLoad = async ({ url, locals }) => {
	const { q } = XidQuery.parse({ q: url.searchParams.get('q') ?? undefined });
	const inputs = q
		.split(/[\s,]+/)
		.filter(Boolean)
		.slice(0, 200);
	return { q, answers: inputs.length ? await lookUpXids(await databaseFor(locals), inputs) : [] };
};
