import { error } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/app';
import { canSee, CONTENT_TYPES, getReport, readReportFile } from '$lib/server/reports/archive';
import { reportFileName } from '$lib/server/reports/generate';
import type { RequestHandler } from './$types';

/** A kept report's file, as it was made (re-download), to the people who may see it. */
export const GET: RequestHandler = async ({ params, locals }) => {
	const id = Number(params.id);
	const db = await getDatabase();
	const report = Number.isInteger(id) && id > 0 ? await getReport(db, id) : null;
	if (!report || !canSee(report.scope, locals.user?.branches)) error(404, `Report ${params.id} was not found.`);
	const bytes = await readReportFile(db, report);
	if (!bytes)
		error(
			410,
			report.status === 'failed'
				? `Report ${id} failed (${report.error ?? 'no reason kept'}); make it again from the Reports page.`
				: `Report ${id} has no file (it is still being made, or its file was removed from the server).`
		);
	return new Response(new Uint8Array(bytes), {
		headers: {
			'content-type': CONTENT_TYPES[report.format],
			'content-disposition': `attachment; filename="${reportFileName(report)}"`,
			'cache-control': 'private, no-store'
		}
	});
};
