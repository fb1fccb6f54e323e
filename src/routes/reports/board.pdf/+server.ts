import { error } from '@sveltejs/kit';
import { DateRangeQuery } from '$lib/domain/overview';
import { describeZodError } from '$lib/domain/zod-message';
import { overview } from '$lib/server/analytics/overview';
import { databaseFor, getDatabase } from '$lib/server/app';
import { ChromiumMissingError, RenderQueueFullError } from '$lib/server/reports/pdf';
import { generateReport, reportFileName, withDates } from '$lib/server/reports/generate';
import { renderOrigin } from '$lib/server/reports/render-origin';
import { recordAudit } from '$lib/server/auth/audit';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url, locals, getClientAddress }) => {
	const query = DateRangeQuery.safeParse(Object.fromEntries(url.searchParams));
	if (!query.success) error(400, `The date range is not valid: ${describeZodError(query.error)}.`);
	const db = await databaseFor(locals);
	const data = await overview(db, query.data);
	try {
		const renderAs = locals.user ? (`user:${locals.user.userId}` as const) : 'demo';
		const owner = locals.user ? renderAs : `demo:${getClientAddress()}`;
		// The print page's query as given, its dates resolved to the range the overview shows.
		const params = withDates(url.searchParams.toString(), { ...data.range, compare: data.comparison });
		const { report, bytes } = await generateReport({
			db,
			params,
			format: 'pdf',
			baseUrl: renderOrigin(url.origin),
			renderAs,
			owner,
			actor: locals.actor,
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
		if (cause instanceof ChromiumMissingError || cause instanceof RenderQueueFullError) error(503, cause.message);
		throw cause;
	}
};
