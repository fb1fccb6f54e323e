import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { getDatabase, uploadLimitBytes } from '$lib/server/app';
import { removeDemoLibrary } from '$lib/server/demo';
import { removeImportsAndRelink } from '$lib/server/ingest/import-any';
import { listImports } from '$lib/server/ingest/import-log';
import { SOURCES } from '$lib/server/ingest/sources';
import { can } from '$lib/domain/roles';
import { recordAudit } from '$lib/server/auth/audit';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, locals }) => ({
	actor: locals.actor,
	canRemoveAny: can(locals.role, 'removeData'),
	mapped: url.searchParams.get('mapped'),
	mappedImport: Number(url.searchParams.get('import')) || null,
	imports: await listImports(await getDatabase()),
	sources: SOURCES.map((source) => ({ id: source.id, label: source.label, description: source.description })),
	uploadLimitBytes: uploadLimitBytes()
});

const RemoveForm = z.object({ importId: z.coerce.number().int().positive() });

export const actions: Actions = {
	remove: async ({ request, locals }) => {
		const form = RemoveForm.safeParse(Object.fromEntries(await request.formData()));
		if (!form.success) return fail(400, { message: 'Choose an import to remove.' });
		const db = await getDatabase();
		const target = (await listImports(db)).find((item) => item.importId === form.data.importId);
		if (!target)
			return fail(404, { message: `Import ${form.data.importId} was not found; it may have been removed already.` });
		// Staff remove their own imports; removing anyone's is for directors and admins.
		if (!can(locals.role, 'removeData') && target.importedBy !== locals.actor)
			return fail(403, { message: 'You can remove imports you made yourself. Ask a director to remove this one.' });
		await removeImportsAndRelink(db, [form.data.importId]);
		await recordAudit(db, locals.actor, 'import removed', `${form.data.importId}: ${target.fileName}`);
		return { message: `Removed import ${form.data.importId} and all the rows it loaded.` };
	},
	removeDemo: async ({ locals }) => {
		const db = await getDatabase();
		const removed = await removeDemoLibrary(db);
		await recordAudit(db, locals.actor, 'demo removed', `${removed} imports`);
		redirect(303, '/overview');
	}
};
