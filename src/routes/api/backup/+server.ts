import { json } from '@sveltejs/kit';
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { getDatabase } from '$lib/server/app';
import { backupDatabase, BackupError } from '$lib/server/db/backup';
import { CONTROL_HEADER, isControlToken } from '$lib/server/db/backup-control';
import type { RequestHandler } from './$types';

const BackupRequest = z.object({ folder: z.string().min(1).refine(isAbsolute, 'must be an absolute path') });

/** `lantern backup` while the server runs: only with the token the server left beside its database. */
export const POST: RequestHandler = async ({ request }) => {
	if (!isControlToken(request.headers.get(CONTROL_HEADER))) return json({ message: 'Not allowed.' }, { status: 403 });
	const body = BackupRequest.safeParse(await request.json().catch(() => null));
	if (!body.success) return json({ message: 'Name the folder to write, as an absolute path.' }, { status: 400 });
	try {
		return json({ manifest: await backupDatabase(await getDatabase(), body.data.folder) });
	} catch (error) {
		if (error instanceof BackupError) return json({ message: error.message }, { status: 409 });
		throw error;
	}
};
