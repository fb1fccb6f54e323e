import { error } from '@sveltejs/kit';
import { overview } from '$lib/server/analytics/overview';
import { databaseFor, getDatabase } from '$lib/server/app';
import { recordAudit } from '$lib/server/auth/audit';
import { reportDatabase } from '$lib/server/reports/board-report';
import { InvalidReportParams, reportParamsFromQuery } from '$lib/server/reports/params';
import { ChromiumMissingError, RenderQueueFullError, renderBoardReportPdf } from '$lib/server/reports/pdf';
import { renderOrigin } from '$lib/server/reports/render-origin';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url, locals, getClientAddress }) => {
	try {
		const params = reportParamsFromQuery(url.searchParams);
		const data = await overview(reportDatabase(await databaseFor(locals), params.branches), params);
		const renderAs = locals.user ? (`user:${locals.user.userId}` as const) : 'demo';
		const owner = locals.user ? renderAs : `demo:${getClientAddress()}`;
		const pdf = await renderBoardReportPdf({
			baseUrl: renderOrigin(url.origin),
			// The resolved dates, so the PDF says the period it shows even when the link left it open.
			params: { ...params, ...data.range, compare: data.comparison },
			range: data.range,
			libraryName: data.libraryName,
			renderAs,
			owner,
			author: locals.user?.name
		});
		await recordAudit(
			await getDatabase(),
			locals.actor,
			'report generated',
			`board report ${data.range.from} to ${data.range.to}`
		);
		return new Response(new Uint8Array(pdf), {
			headers: {
				'content-type': 'application/pdf',
				'content-disposition': `attachment; filename="lantern-board-report-${data.range.from}-to-${data.range.to}.pdf"`
			}
		});
	} catch (cause) {
		if (cause instanceof InvalidReportParams) error(400, `The report cannot be made: ${cause.message}`);
		if (cause instanceof ChromiumMissingError || cause instanceof RenderQueueFullError) error(503, cause.message);
		throw cause;
	}
};
