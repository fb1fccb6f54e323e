import { getDatabase } from '$lib/server/app';
import { auditCsv } from '$lib/server/auth/audit';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async () =>
	new Response(await auditCsv(await getDatabase()), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': 'attachment; filename="lantern-audit-log.csv"'
		}
	});
