import { error, fail, redirect } from '@sveltejs/kit';
import { describeZodError } from '$lib/domain/zod-message';
import { getDatabase } from '$lib/server/app';
import {
	importMapping,
	MapperQuery,
	mapperView,
	MappingForm,
	previewMapping,
	type MappingProblem
} from '$lib/server/ingest/map-upload';
import { recordAudit } from '$lib/server/auth/audit';
import type { Actions, PageServerLoad } from './$types';

/** An upload no longer held is a missing page; anything else is the form's message. */
const refuse = ({ status, message, result }: MappingProblem) =>
	status === 404 ? error(404, message) : fail(status, { message, ...(result ? { result } : {}) });

const formOf = async (request: Request) => MappingForm.safeParse(Object.fromEntries(await request.formData()));

export const load: PageServerLoad = async ({ params, url }) => {
	const query = MapperQuery.safeParse(Object.fromEntries(url.searchParams));
	if (!query.success) error(400, `The mapper's address is not valid: ${describeZodError(query.error)}.`);
	const view = await mapperView(await getDatabase(), params.token, query.data);
	return view.ok ? view : error(view.status, view.message);
};

export const actions: Actions = {
	preview: async ({ request, params }) => {
		const form = await formOf(request);
		if (!form.success) return fail(400, { message: describeZodError(form.error) });
		const shown = await previewMapping(await getDatabase(), params.token, form.data);
		return shown.ok ? { preview: shown.preview, mapping: shown.mapping } : refuse(shown);
	},
	import: async ({ request, params, locals }) => {
		const form = await formOf(request);
		if (!form.success) return fail(400, { message: describeZodError(form.error) });
		const db = await getDatabase();
		const imported = await importMapping(db, params.token, form.data, locals.actor);
		if (!imported.ok) return refuse(imported);
		await recordAudit(
			db,
			locals.actor,
			'mapping saved and file imported',
			`mapping "${imported.mapping.name}" (${imported.mapping.target})`
		);
		redirect(
			303,
			`/uploads?mapped=${encodeURIComponent(imported.mapping.name)}&import=${imported.result.importId ?? ''}`
		);
	}
};
