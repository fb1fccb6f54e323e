import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { ColumnMapping, MAPPING_TARGETS, monthColumnGroups } from '$lib/domain/mapping';
import { USAGE_METRICS } from '$lib/domain/vocabulary';
import { PERIODS } from '$lib/domain/vocabulary';
import { getDatabase } from '$lib/server/app';
import { relinkCampaigns } from '$lib/server/campaigns';
import { heldUpload, releaseUpload } from '$lib/server/ingest/held-uploads';
import { normaliseHeader } from '$lib/server/ingest/headers';
import { inspectSpreadsheet, specFromMapping, suggestMapping } from '$lib/server/ingest/mapper';
import { saveMapping } from '$lib/server/ingest/mapping-store';
import { importFile, previewImport } from '$lib/server/ingest/pipeline';
import { Refusal } from '$lib/server/ingest/refusal';
import type { Actions, PageServerLoad } from './$types';

const Query = z.object({
	target: z.enum(['programs', 'usage', 'usage_wide', 'usage_months', 'literacy']).default('programs'),
	sheet: z.string().max(120).optional(),
	headerLine: z.coerce.number().int().min(0).max(24).optional()
});

async function held(token: string) {
	const file = await heldUpload(token);
	if (!file) error(404, 'This upload is no longer kept (uploads wait a day for mapping). Upload the file again.');
	return file;
}

export const load: PageServerLoad = async ({ params, url }) => {
	const file = await held(params.token);
	const query = Query.parse(Object.fromEntries(url.searchParams));
	let preview;
	try {
		preview = await inspectSpreadsheet(file.path, file.fileName, query.sheet);
	} catch (cause) {
		error(400, cause instanceof Refusal ? cause.message : 'This file cannot be mapped.');
	}
	const headerLine = query.headerLine ?? preview.headerLine;
	const header = preview.rows[headerLine] ?? [];
	const sample = preview.rows.slice(headerLine + 1, headerLine + 21);
	return {
		token: params.token,
		fileName: file.fileName,
		targets: MAPPING_TARGETS,
		target: query.target,
		sheets: preview.sheets,
		sheet: preview.sheet,
		headerLine,
		rows: preview.rows,
		header: header.map((cell, index) => ({ index, text: cell, key: normaliseHeader(cell) })),
		suggestion: suggestMapping(query.target, header, sample),
		periods: PERIODS,
		monthGroups: monthColumnGroups(header).map((g) => ({ label: g.label, months: g.columns.length })),
		metrics: USAGE_METRICS
	};
};

/** The mapping a form describes, validated. */
async function mappingFrom(request: Request, token: string) {
	const form = Object.fromEntries(await request.formData());
	const file = await held(token);
	const target = z.enum(['programs', 'usage', 'usage_wide', 'usage_months', 'literacy']).parse(form.target);
	const preview = await inspectSpreadsheet(file.path, file.fileName, typeof form.sheet === 'string' ? form.sheet : null);
	const headerLine = Number(form.headerLine ?? 0);
	const header = (preview.rows[headerLine] ?? []).map(normaliseHeader);
	const columns = Object.fromEntries(
		MAPPING_TARGETS.find((t) => t.id === target)!.fields.map((f) => [f.key, String(form[`col_${f.key}`] ?? '')]).filter(([, v]) => v !== '')
	);
	const group = target === 'usage_months' ? monthColumnGroups(preview.rows[headerLine] ?? []).find((g) => g.label === form.group) : undefined;
	const months = target === 'usage_months' ? { metric: form.metric, monthColumns: group?.columns ?? [] } : {};
	const mapping = ColumnMapping.safeParse({ name: form.name, target, sheet: preview.sheet ? normaliseHeader(preview.sheet) : null, headerLine, columns, period: form.period || 'month', header, ...months });
	return { file, mapping };
}

export const actions: Actions = {
	preview: async ({ request, params }) => {
		const { file, mapping } = await mappingFrom(request, params.token);
		if (!mapping.success) return fail(400, { message: mapping.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
		const missing = MAPPING_TARGETS.find((t) => t.id === mapping.data.target)!.fields.filter((f) => f.required && !mapping.data.columns[f.key]);
		if (missing.length) return fail(400, { message: `Choose a column for: ${missing.map((f) => f.label).join(', ')}.` });
		if (mapping.data.target === 'usage_months' && mapping.data.monthColumns.length === 0) return fail(400, { message: 'Choose which group of month columns to read.' });
		const preview = await previewImport(await getDatabase(), file.path, file.fileName, specFromMapping(mapping.data));
		return { preview, mapping: mapping.data };
	},
	import: async ({ request, params }) => {
		const { file, mapping } = await mappingFrom(request, params.token);
		if (!mapping.success) return fail(400, { message: mapping.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
		const db = await getDatabase();
		const result = await importFile(db, file.path, { fileName: file.fileName, importedBy: 'web', source: specFromMapping(mapping.data) });
		if (result.status !== 'imported') return fail(422, { message: result.summary ?? 'The file was refused.', result });
		await saveMapping(db, mapping.data);
		await relinkCampaigns(db);
		await releaseUpload(params.token);
		redirect(303, `/uploads?mapped=${encodeURIComponent(mapping.data.name)}`);
	}
};
