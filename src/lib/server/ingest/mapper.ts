import { readFile } from 'node:fs/promises';
import { mappingTarget, type ColumnMapping, type MappingField, type MappingTarget } from '../../domain/mapping';
import { sqlString } from './field-sql';
import { normaliseHeader } from './headers';
import { programsLoad } from './mapper/programs';
import { readWorkbook, sniffFile, splitCsvLine } from './readers';
import { Refusal } from './refusal';
import type { FieldKind, FieldSpec, SourceSpec } from './source';

// Mapped files come from any system: dates are tried in these forms, US month-first before day-first.
const DATE_FORMATS = [
	'%m/%d/%Y',
	'%Y-%m-%d',
	'%B %Y',
	'%b %Y',
	'%Y-%m',
	'%m/%d/%y',
	'%d/%m/%Y',
	'%Y/%m/%d',
	'%Y-%m-%d %H:%M:%S',
	'%d.%m.%Y'
];

function fieldType(field: MappingField, target: MappingTarget): FieldKind {
	switch (field.kind) {
		case 'date':
			return { kind: 'date', formats: DATE_FORMATS };
		case 'year':
			return { kind: 'year' };
		case 'month':
			return { kind: 'month' };
		case 'time':
			return { kind: 'clock', allDay: ['All Day', 'All Day Event'] };
		case 'count':
			return { kind: 'count' };
		case 'metric':
			return { kind: 'enum', values: target.metrics };
		default:
			// Names fit on one line: a line break in a branch means a stray quote joined rows.
			return { kind: 'text', oneLine: ONE_LINE_FIELDS.has(field.key) };
	}
}

const ONE_LINE_FIELDS = new Set(['branch', 'program', 'age_group']);

/** Whether every row needs a value in this field's column: blank attendance is unknown, a blank year is a mistake. */
function cellsRequired(field: MappingField, target: MappingTarget): boolean {
	if (field.blankIsUnknown) return false;
	return Boolean(field.required) || target.fields.some((f) => f.or?.includes(field.key));
}

/** A saved mapping as a format: the file's own header cells say where each field is. */
export function specFromMapping(mapping: ColumnMapping): SourceSpec {
	const target = mappingTarget(mapping.target);
	const fields: Record<string, FieldSpec> = {};
	for (const field of target.fields) {
		const header = mapping.columns[field.key];
		if (header)
			fields[field.key] = {
				headers: [header],
				type: fieldType(field, target),
				required: cellsRequired(field, target)
			};
	}
	const anchors = [...new Set(mapping.header.filter(Boolean))];
	const base = {
		id: `mapping:${mapping.name}`,
		label: `Saved mapping "${mapping.name}"`,
		description: `${target.label}, mapped by hand.`,
		anchors,
		sheet: mapping.sheet ?? undefined,
		fields
	};
	const period = sqlString(mapping.period);
	const has = (key: string) => Boolean(fields[key]);
	const n = (refs: Record<string, string>, key: string) => (has(key) ? refs[key]! : 'NULL');
	// The period's first day: the date column, or the year and month columns of open-data statistics.
	const day = (refs: Record<string, string>) =>
		has('date') ? refs.date! : has('year') && has('month') ? `make_date(${refs.year}, ${refs.month}, 1)` : 'NULL';
	switch (mapping.target) {
		case 'programs':
			return { ...base, ...programsLoad(mapping, { has, n, day }) };
		case 'usage':
		case 'literacy':
			return {
				...base,
				target: mapping.target === 'usage' ? 'usage_records' : 'literacy_records',
				load: (refs) => ({
					branch: `coalesce(${n(refs, 'branch')}, 'All branches')`,
					period_start: day(refs),
					period,
					metric: n(refs, 'metric'),
					value: n(refs, 'value'),
					...(mapping.target === 'literacy' ? { program: n(refs, 'program'), age_group: n(refs, 'age_group') } : {})
				})
			};
		case 'usage_months': {
			const months = mapping.monthColumns;
			months.forEach((column, i) => (fields[`m${i}`] = { headers: [column.header], type: { kind: 'count' } }));
			return {
				...base,
				fields,
				target: 'usage_records',
				// Blank months stay unstored: some services report a quarter's total in its last month.
				rows: (refs) =>
					`list_filter([${months.map((column, i) => `{'period_start': DATE '${column.month}', 'value': CAST(${refs[`m${i}`]} AS DOUBLE)}`).join(', ')}], x -> x.value IS NOT NULL)`,
				load: (refs) => ({
					branch: n(refs, 'branch'),
					period_start: 'u.item.period_start',
					period: `'month'`,
					metric: sqlString(mapping.metric ?? 'visits'),
					value: 'u.item.value'
				})
			};
		}
		case 'usage_wide': {
			const metrics = target.fields.filter((f) => f.kind === 'count' && has(f.key)).map((f) => f.key);
			return {
				...base,
				target: 'usage_records',
				rows: (refs) =>
					`list_filter([${metrics.map((m) => `{'metric': ${sqlString(m)}, 'value': CAST(${refs[m]} AS DOUBLE)}`).join(', ')}], x -> x.value IS NOT NULL)`,
				load: (refs) => ({
					branch: `coalesce(${n(refs, 'branch')}, 'All branches')`,
					period_start: day(refs),
					period,
					metric: 'u.item.metric',
					value: 'u.item.value'
				})
			};
		}
	}
}

export interface SpreadsheetPreview {
	sheets: string[];
	sheet: string | null;
	/** the first rows, as cells */
	rows: string[][];
	headerLine: number;
}

/** The first rows of an unrecognised spreadsheet, for people to map; workbooks by sheet. */
export async function inspectSpreadsheet(
	path: string,
	fileName: string,
	wantedSheet?: string | null
): Promise<SpreadsheetPreview> {
	const sniff = await sniffFile(path, fileName);
	if (sniff.kind === 'xlsx') {
		const sheets = await readWorkbook(await readFile(path));
		const chosen =
			sheets.find((s) => normaliseHeader(s.name) === normaliseHeader(wantedSheet ?? '')) ??
			sheets.reduce((best, s) => (cellCount(s.rows) > cellCount(best.rows) ? s : best));
		const rows = chosen.rows.slice(0, 25);
		return { sheets: sheets.map((s) => s.name), sheet: chosen.name, rows, headerLine: guessHeaderLine(rows) };
	}
	if (sniff.refusal) throw new Refusal(sniff.refusal);
	if (sniff.kind !== 'csv') throw new Refusal('Only spreadsheets (CSV or .xlsx) can be mapped by hand.');
	const rows = sniff.head
		.split(/\r?\n/)
		.filter((line) => line.trim() !== '')
		.slice(0, 25)
		.map((line) => splitCsvLine(line));
	return { sheets: [], sheet: null, rows, headerLine: guessHeaderLine(rows) };
}

const cellCount = (rows: string[][]) => rows.reduce((sum, row) => sum + row.filter(Boolean).length, 0);

/** The header is the first of the early rows that is as wide as the widest and mostly words. */
function guessHeaderLine(rows: string[][]): number {
	const widest = Math.max(0, ...rows.slice(0, 10).map((row) => row.filter(Boolean).length));
	const index = rows.slice(0, 10).findIndex((row) => {
		const filled = row.filter(Boolean);
		return (
			filled.length >= Math.max(2, widest * 0.6) &&
			filled.filter((cell) => !/^[-\d.,/: ]+$/.test(cell)).length >= filled.length * 0.6
		);
	});
	return Math.max(0, index);
}
