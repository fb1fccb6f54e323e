import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { getDatabase, uploadLimitBytes } from '$lib/server/app';
import { removeDemoLibrary } from '$lib/server/demo';
import { removeImportsAndRelink } from '$lib/server/ingest/import-any';
import { listImports } from '$lib/server/ingest/import-log';
import { importsAsSeen } from '$lib/server/ingest/uploader-retention';
import { SOURCES } from '$lib/server/ingest/sources';
import { parseRemovalForm } from '$lib/domain/removal-form';
import { can } from '$lib/domain/roles';
import { recordAudit } from '$lib/server/auth/audit';
import type { Actions, PageServerLoad } from './$types';

// Removing is asked twice: the row's Remove button (a GET) opens the question, and only the
// question's own button (with `confirmed=yes`) removes. No JavaScript is needed for either step.
const ConfirmQuery = z.object({
	remove: z.coerce.number().int().positive().optional().catch(undefined),
	removeDemo: z.literal('confirm').optional().catch(undefined)
});

export const load: PageServerLoad = async ({ url, locals }) => {
	const managesImports = can(locals.role, 'removeData');
	// Names are for those who manage imports; staff see which are their own (and may remove those).
	const imports = await importsAsSeen(await getDatabase(), { actor: locals.actor, managesImports });
	const confirm = ConfirmQuery.parse(Object.fromEntries(url.searchParams));
	return {
		actor: locals.actor,
		canRemoveAny: managesImports,
		mapped: url.searchParams.get('mapped'),
		mappedImport: Number(url.searchParams.get('import')) || null,
		imports,
		confirmRemoval: imports.find((item) => item.importId === confirm.remove) ?? null,
		confirmDemoRemoval:
			confirm.removeDemo === 'confirm' && can(locals.role, 'removeData')
				? imports.filter((item) => item.isDemo).length
				: null,
		sources: SOURCES.map((source) => ({ id: source.id, label: source.label, description: source.description })),
		uploadLimitBytes: uploadLimitBytes()
	};
};

const ImportId = { importId: z.coerce.number().int().positive() };

export const actions: Actions = {
	remove: async ({ request, locals }) => {
		const form = parseRemovalForm(ImportId, await request.formData(), 'an import');
		if (!form.ok) return fail(400, { message: form.message });
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
	removeDemo: async ({ request, locals }) => {
		const form = parseRemovalForm({}, await request.formData(), 'the demo');
		if (!form.ok) return fail(400, { message: form.message });
		const db = await getDatabase();
		const removed = await removeDemoLibrary(db);
		await recordAudit(db, locals.actor, 'demo removed', `${removed} imports`);
		redirect(303, '/overview');
	}
};
