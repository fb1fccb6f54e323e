import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { getDatabase, uploadLimitBytes } from '$lib/server/app';
import { removeDemoLibrary } from '$lib/server/demo';
import { removeImportsAndRelink } from '$lib/server/ingest/import-any';
import { listImports } from '$lib/server/ingest/import-log';
import { SOURCES } from '$lib/server/ingest/sources';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => ({
	mapped: url.searchParams.get('mapped'),
	imports: await listImports(await getDatabase()),
	sources: SOURCES.map((source) => ({ id: source.id, label: source.label, description: source.description })),
	uploadLimitBytes: uploadLimitBytes()
});

const RemoveForm = z.object({ importId: z.coerce.number().int().positive() });

export const actions: Actions = {
	remove: async ({ request }) => {
		const form = RemoveForm.safeParse(Object.fromEntries(await request.formData()));
		if (!form.success) return fail(400, { message: 'Choose an import to remove.' });
		const removed = await removeImportsAndRelink(await getDatabase(), [form.data.importId]);
		if (removed === 0) return fail(404, { message: `Import ${form.data.importId} was not found; it may have been removed already.` });
		return { message: `Removed import ${form.data.importId} and all the rows it loaded.` };
	},
	removeDemo: async () => {
		await removeDemoLibrary(await getDatabase());
		redirect(303, '/overview');
	}
};
