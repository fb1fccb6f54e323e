import { error } from '@sveltejs/kit';
import { DateRangeQuery } from '$lib/domain/overview';
import { describeZodError } from '$lib/domain/zod-message';
import { overview } from '$lib/server/analytics/overview';
import { getDatabase } from '$lib/server/app';
import { ChromiumMissingError, RenderQueueFullError, renderBoardReportPdf } from '$lib/server/reports/pdf';
import { renderOrigin } from '$lib/server/reports/render-origin';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url }) => {
	const query = DateRangeQuery.safeParse(Object.fromEntries(url.searchParams));
	if (!query.success) error(400, `The date range is not valid: ${describeZodError(query.error)}.`);
	const data = await overview(await getDatabase(), query.data);
	try {
		const pdf = await renderBoardReportPdf({ baseUrl: renderOrigin(url.origin), ...data.range, libraryName: data.libraryName });
		return new Response(new Uint8Array(pdf), {
			headers: {
				'content-type': 'application/pdf',
				'content-disposition': `attachment; filename="lantern-board-report-${data.range.from}-to-${data.range.to}.pdf"`
			}
		});
	} catch (cause) {
		if (cause instanceof ChromiumMissingError || cause instanceof RenderQueueFullError) error(503, cause.message);
		throw cause;
	}
};
