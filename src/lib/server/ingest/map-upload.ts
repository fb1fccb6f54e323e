import { z } from 'zod';
import type { ImportResult } from '../../domain/imports';
import {
	ColumnMapping,
	fieldLabel,
	MAPPING_TARGETS,
	mappingProblem,
	mappingTarget,
	MappingTargetId,
	monthColumnGroups,
	NOT_BRANCHES,
	SYSTEM_ROWS
} from '../../domain/mapping';
import { PERIODS, USAGE_METRICS } from '../../domain/vocabulary';
import { describeZodError } from '../../domain/zod-message';
import { relinkCampaigns } from '../campaigns';
import type { Database } from '../db/database';
import { getSettings } from '../settings';
import { normaliseHeader } from './headers';
import { heldUpload, releaseUpload } from './held-uploads';
import { inspectSpreadsheet, specFromMapping } from './mapper';
import { suggestMapping } from './mapper/suggest';
import { saveMapping } from './mapping-store';
import { importFile, previewImport, type ImportPreview } from './pipeline';
import { Refusal } from './refusal';

/** The mapper page's address: what the file holds, which sheet, and which row is the header. */
export const MapperQuery = z.object({
	target: MappingTargetId.default('programs'),
	sheet: z.string().max(120).optional(),
	headerLine: z.coerce.number().int().min(0).max(24).optional()
});
export type MapperQuery = z.infer<typeof MapperQuery>;

/** The mapper form as posted: its target; the rest (sheet, header line, col_<field>, name, period…) ColumnMapping checks. */
export const MappingForm = z.looseObject({ target: MappingTargetId });
export type MappingForm = z.infer<typeof MappingForm>;

/** Why a held upload cannot be shown, previewed or imported, with the HTTP status that says so. */
export interface MappingProblem {
	ok: false;
	status: 400 | 404 | 422;
	message: string;
	result?: ImportResult;
}

const problem = (status: MappingProblem['status'], message: string, result?: ImportResult): MappingProblem => ({
	ok: false,
	status,
	message,
	...(result ? { result } : {})
});

const GONE = problem(404, 'This upload is no longer kept (uploads wait a day for mapping). Upload the file again.');

/** What the mapper page shows of a held upload: its first rows, the header cells and a first guess at each field. */
export async function mapperView(db: Database, token: string, query: MapperQuery) {
	const file = await heldUpload(token);
	if (!file) return GONE;
	let preview;
	try {
		preview = await inspectSpreadsheet(file.path, file.fileName, query.sheet);
	} catch (cause) {
		return problem(400, cause instanceof Refusal ? cause.message : 'This file cannot be mapped.');
	}
	const headerLine = query.headerLine ?? preview.headerLine;
	const header = preview.rows[headerLine] ?? [];
	const sample = preview.rows.slice(headerLine + 1, headerLine + 21);
	return {
		ok: true as const,
		token,
		fileName: file.fileName,
		targets: MAPPING_TARGETS,
		target: query.target,
		sheets: preview.sheets,
		sheet: preview.sheet,
		headerLine,
		rows: preview.rows,
		header: header.map((cell, index) => ({ index, text: cell, key: normaliseHeader(cell) })),
		labels: Object.fromEntries(
			mappingTarget(query.target).fields.map((field) => [field.key, fieldLabel(field, mappingTarget(query.target))])
		),
		suggestion: suggestMapping(query.target, header, sample),
		systemRows: SYSTEM_ROWS.join(', '),
		notBranches: NOT_BRANCHES.join(', '),
		periods: PERIODS,
		/** the preview's times are shown in the library's zone */
		timeZone: (await getSettings(db)).timeZone,
		monthGroups: monthColumnGroups(header).map((g) => ({ label: g.label, months: g.columns.length })),
		metrics: USAGE_METRICS
	};
}

/** The rows a mapping would store, without storing anything. */
export async function previewMapping(
	db: Database,
	token: string,
	form: MappingForm
): Promise<{ ok: true; preview: ImportPreview; mapping: ColumnMapping } | MappingProblem> {
	const file = await heldUpload(token);
	if (!file) return GONE;
	const mapping = await mappingFrom(file, form);
	if (!mapping.success) return problem(400, describeZodError(mapping.error));
	const unusable = mappingProblem(mapping.data);
	if (unusable) return problem(400, unusable);
	const preview = await previewImport(db, file.path, file.fileName, specFromMapping(mapping.data));
	return { ok: true, preview, mapping: mapping.data };
}

/** Imports the held upload with the mapping, saves the mapping for the next such file and lets the upload go. */
export async function importMapping(
	db: Database,
	token: string,
	form: MappingForm,
	importedBy: string
): Promise<{ ok: true; mapping: ColumnMapping; result: ImportResult } | MappingProblem> {
	const file = await heldUpload(token);
	if (!file) return GONE;
	const mapping = await mappingFrom(file, form);
	if (!mapping.success) return problem(400, describeZodError(mapping.error));
	const unusable = mappingProblem(mapping.data);
	if (unusable) return problem(400, unusable);
	const result = await importFile(db, file.path, {
		fileName: file.fileName,
		importedBy,
		source: specFromMapping(mapping.data)
	});
	if (result.status !== 'imported') return problem(422, result.summary ?? 'The file was refused.', result);
	await saveMapping(db, mapping.data);
	await relinkCampaigns(db);
	await releaseUpload(token);
	return { ok: true, mapping: mapping.data, result };
}

/** The column chosen for a field in the form: its header text, or '' for none. */
const columnChoice = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Place names typed into the form, comma-separated ("All Locations, Systemwide"); absent when the form has no such box. */
const placeNames = (value: unknown): string[] | undefined =>
	typeof value === 'string'
		? value
				.split(',')
				.map((name) => name.trim())
				.filter(Boolean)
		: undefined;

/** The mapping the form describes, read against the file's own header row. */
async function mappingFrom(file: { path: string; fileName: string }, form: MappingForm) {
	const { target } = form;
	const preview = await inspectSpreadsheet(
		file.path,
		file.fileName,
		typeof form.sheet === 'string' ? form.sheet : null
	);
	const headerLine = Number(form.headerLine ?? 0);
	const header = preview.rows[headerLine] ?? [];
	const columns = Object.fromEntries(
		mappingTarget(target)
			.fields.map((f): [string, string] => [f.key, columnChoice(form[`col_${f.key}`])])
			.filter(([, column]) => column !== '')
	);
	const group = target === 'usage_months' ? monthColumnGroups(header).find((g) => g.label === form.group) : undefined;
	const months = target === 'usage_months' ? { metric: form.metric, monthColumns: group?.columns ?? [] } : {};
	return ColumnMapping.safeParse({
		name: form.name,
		target,
		sheet: preview.sheet ? normaliseHeader(preview.sheet) : null,
		headerLine,
		columns,
		period: form.period || 'month',
		header: header.map(normaliseHeader),
		systemRows: placeNames(form.systemRows),
		notBranches: placeNames(form.notBranches),
		...months
	});
}
