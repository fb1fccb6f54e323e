import { error } from '@sveltejs/kit';
import { overview } from '$lib/server/analytics/overview';
import { databaseFor, getDatabase } from '$lib/server/app';
import { recordAudit } from '$lib/server/auth/audit';
import { reportDatabase } from '$lib/server/reports/board-report';
import { generateReport, InvalidReportParamsError, reportFileName, withDates } from '$lib/server/reports/generate';
import { InvalidReportParams, reportParamsFromQuery } from '$lib/server/reports/params';
import { ChromiumMissingError, RenderQueueFullError, RenderTimeoutError } from '$lib/server/reports/pdf';
import { renderOrigin } from '$lib/server/reports/render-origin';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url, locals, getClientAddress }) => {
	try {
		const parsed = reportParamsFromQuery(url.searchParams);
		const db = await databaseFor(locals);
		const data = await overview(reportDatabase(db, parsed.branches), parsed);
		const renderAs = locals.user ? (`user:${locals.user.userId}` as const) : 'demo';
		const owner = locals.user ? renderAs : `demo:${getClientAddress()}`;
		// The print page's query as given, its dates resolved to the range the overview shows, so the
		// PDF says the period it shows even when the link left it open.
		const params = withDates(url.searchParams.toString(), { ...data.range, compare: data.comparison });
		const { report, bytes } = await generateReport({
			db,
			params,
			format: 'pdf',
			baseUrl: renderOrigin(url.origin),
			renderAs,
			owner,
			actor: locals.actor,
			author: locals.user?.name,
			source: 'button'
		});
		await recordAudit(
			await getDatabase(),
			locals.actor,
			'report generated',
			`board report ${data.range.from} to ${data.range.to} (report ${report.reportId})`
		);
		return new Response(new Uint8Array(bytes), {
			headers: {
				'content-type': 'application/pdf',
				'content-disposition': `attachment; filename="${reportFileName(report)}"`
			}
		});
	} catch (cause) {
		if (cause instanceof InvalidReportParams) error(400, `The report cannot be made: ${cause.message}`);
		if (cause instanceof InvalidReportParamsError) error(400, cause.message);
		if (
			cause instanceof ChromiumMissingError ||
			cause instanceof RenderQueueFullError ||
			cause instanceof RenderTimeoutError
		)
			error(503, cause.message);
		throw cause;
	}
};
