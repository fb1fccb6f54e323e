import { error } from '@sveltejs/kit';
import { databaseFor } from '$lib/server/app';
import { boardReport } from '$lib/server/reports/board-report';
import { InvalidReportParams, reportParamsFromQuery } from '$lib/server/reports/params';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, locals }) => {
	try {
		const params = reportParamsFromQuery(url.searchParams);
		return { report: await boardReport(await databaseFor(locals), params) };
	} catch (cause) {
		if (cause instanceof InvalidReportParams) error(400, `The report cannot be made: ${cause.message}`);
		throw cause;
	}
};
