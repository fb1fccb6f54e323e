import { error } from '@sveltejs/kit';
import { DateRangeQuery } from '$lib/domain/overview';
import { describeZodError } from '$lib/domain/zod-message';
import { overview } from '$lib/server/analytics/overview';
import { databaseFor, getDatabase } from '$lib/server/app';
import { ChromiumMissingError, RenderQueueFullError, renderBoardReportPdf } from '$lib/server/reports/pdf';
import { renderOrigin } from '$lib/server/reports/render-origin';
import { recordAudit } from '$lib/server/auth/audit';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url, locals, getClientAddress }) => {
	const query = DateRangeQuery.safeParse(Object.fromEntries(url.searchParams));
	if (!query.success) error(400, `The date range is not valid: ${describeZodError(query.error)}.`);
	const data = await overview(await databaseFor(locals), query.data);
	try {
		const renderAs = locals.user ? (`user:${locals.user.userId}` as const) : 'demo';
		const owner = locals.user ? renderAs : `demo:${getClientAddress()}`;
		const pdf = await renderBoardReportPdf({
			baseUrl: renderOrigin(url.origin),
			...data.range,
			compare: data.comparison,
			libraryName: data.libraryName,
			renderAs,
			owner
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
		if (cause instanceof ChromiumMissingError || cause instanceof RenderQueueFullError) error(503, cause.message);
		throw cause;
	}
};
