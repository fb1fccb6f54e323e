import { json } from '@sveltejs/kit';
import { rm } from 'node:fs/promises';
import { z } from 'zod';
import { describeZodError } from '$lib/domain/zod-message';
import { getDatabase, uploadLimitBytes } from '$lib/server/app';
import { holdUpload } from '$lib/server/ingest/held-uploads';
import { importUpload } from '$lib/server/ingest/import-any';
import { can } from '$lib/domain/roles';
import { importsAsSeen } from '$lib/server/ingest/uploader-retention';
import { saveUpload, UploadTooLarge } from '$lib/server/ingest/upload';
import { recordAudit } from '$lib/server/auth/audit';
import { refusedUpload } from '$lib/domain/imports';
import type { RequestHandler } from './$types';

const UploadQuery = z.object({
	name: z
		.string()
		.trim()
		.min(1, 'name the file')
		.max(255)
		.refine((name) => !/[\\/\0]/.test(name), 'must be a file name, not a path')
		.refine((name) => name !== '.' && name !== '..', 'must be a file name, not a folder')
});

const FIELD_NAMES: Record<string, string> = { name: 'file name' };

const refuse = (status: number, fileName: string, message: string) =>
	json(refusedUpload(fileName, message), { status });

export const GET: RequestHandler = async ({ locals }) =>
	json(
		await importsAsSeen(await getDatabase(), { actor: locals.actor, managesImports: can(locals.role, 'removeData') })
	);

/** One file per request, as the raw body: POST /api/imports?name=export.csv */
export const POST: RequestHandler = async ({ request, url, locals }) => {
	const query = UploadQuery.safeParse(Object.fromEntries(url.searchParams));
	if (!query.success) {
		return refuse(
			400,
			url.searchParams.get('name') ?? '',
			`The upload was refused: ${describeZodError(query.error, (field) => FIELD_NAMES[field] ?? field)}.`
		);
	}
	const fileName = query.data.name;
	const limit = uploadLimitBytes();
	const declared = Number(request.headers.get('content-length') ?? NaN);
	if (declared > limit) return refuse(413, fileName, new UploadTooLarge(limit).message);
	if (!request.body) return refuse(400, fileName, 'The upload was empty: choose a file and try again.');
	let path: string;
	try {
		path = await saveUpload(request.body, limit);
	} catch (error) {
		if (error instanceof UploadTooLarge) return refuse(413, fileName, error.message);
		return refuse(400, fileName, 'The upload was interrupted before the whole file arrived. Try again.');
	}
	let held = false;
	try {
		const db = await getDatabase();
		const results = await importUpload(db, path, { fileName, importedBy: locals.actor });
		for (const result of results)
			await recordAudit(
				db,
				locals.actor,
				`file ${result.status}`,
				`${result.fileName}${result.source ? ` (${result.source})` : ''}`
			);
		// An export ZIP answers with one result per file inside it.
		if (results.length > 1)
			return json({ results }, { status: results.some((r) => r.status !== 'rejected') ? 200 : 422 });
		const result = results[0]!;
		if (result.unrecognised) {
			result.mapUrl = `/map/${await holdUpload(path, fileName)}`;
			held = true;
		}
		return json(result, { status: result.status === 'rejected' ? 422 : 200 });
	} finally {
		if (!held) await rm(path, { force: true });
	}
};
