import { basename } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ImportError, ImportResult } from '../../domain/imports';
import { inTransaction, queryRows, type Database } from '../db/database';
import { findImportByHash, hashFile, logImport } from './import-log';
import { getSettings } from '../settings';
import { FIELD_MACROS_SQL, fieldSql, invalidCellSql, sqlIdentifier } from './field-sql';
import { normaliseHeader } from './headers';
import { sniffFile } from './read-file';
import type { SourceSpec } from './source';
import { SOURCES } from './sources';

export const MAX_REPORTED_ERRORS = 100;
const HEADER_SCAN_ROWS = 10;

export interface ImportOptions {
	/** the name the person gave the file; defaults to the path's base name */
	fileName?: string;
	isDemo?: boolean;
	importedBy?: string;
	now?: Date;
}

class Refusal extends Error {
	constructor(
		message: string,
		readonly errors: ImportError[] = [],
		readonly errorCount = errors.length,
		readonly source: SourceSpec | null = null
	) {
		super(message);
	}
}

/**
 * Imports one file: detect its format → parse with DuckDB's CSV reader → validate every row →
 * load in one transaction. A file with any invalid row is refused whole and stores no data.
 */
export async function importFile(db: Database, path: string, options: ImportOptions = {}): Promise<ImportResult> {
	const fileName = options.fileName ?? basename(path);
	const now = options.now ?? new Date();
	const sha256 = await hashFile(path);
	const settings = await getSettings(db);
	return db.withConnection(async (connection) => {
		let source: SourceSpec | null = null;
		try {
			const sniff = await sniffFile(path, fileName);
			if (sniff.refusal) throw new Refusal(sniff.refusal);
			await connection.run(FIELD_MACROS_SQL);
			await stageCsv(connection, path, sniff.encoding);
			const detected = await detectSource(connection);
			source = detected.source;
			const duplicateOf = await findImportByHash(connection, sha256);
			if (duplicateOf !== null) {
				const importId = await logImport(connection, { fileName, source: source.id, sha256, status: 'duplicate', rowsLoaded: 0, errors: [], errorCount: 0, now, importedBy: options.importedBy, isDemo: options.isDemo });
				return result({ importId, fileName, source, status: 'duplicate', rowsLoaded: 0, errors: [], errorCount: 0, duplicateOf });
			}
			const plan = planLoad(source, detected);
			const { errors, errorCount } = await validateRows(connection, plan);
			if (errorCount > 0) {
				throw new Refusal(`${errorCount} problem${errorCount === 1 ? '' : 's'} found; nothing was imported. Fix the file and upload it again.`, errors, errorCount, source);
			}
			const imported = await inTransaction(connection, async () => {
				const importId = await logImport(connection, { fileName, source: source!.id, sha256, status: 'imported', rowsLoaded: 0, errors: [], errorCount: 0, now, importedBy: options.importedBy, isDemo: options.isDemo });
				const rowsLoaded = await loadRows(connection, plan, importId, settings.timeZone, now);
				if (rowsLoaded === 0) throw new Refusal('The file has a header but no data rows.', [], 0, source);
				await connection.run('UPDATE import_log SET rows_loaded = $1 WHERE import_id = $2', [rowsLoaded, importId]);
				return { importId, rowsLoaded };
			});
			db.markChanged();
			return result({ ...imported, fileName, source, status: 'imported', errors: [], errorCount: 0 });
		} catch (error) {
			const refusal = error instanceof Refusal ? error : new Refusal(describeUnexpected(error));
			const errors = refusal.errors.length > 0 ? refusal.errors : [{ row: null, column: null, message: refusal.message }];
			const errorCount = Math.max(refusal.errorCount, errors.length);
			source = refusal.source ?? source;
			const importId = await logImport(connection, { fileName, source: source?.id ?? null, sha256, status: 'rejected', rowsLoaded: 0, errors, errorCount, now, importedBy: options.importedBy, isDemo: options.isDemo }).catch(() => null);
			return result({ importId, fileName, source, status: 'rejected', rowsLoaded: 0, errors, errorCount, summary: refusal.errors.length > 0 ? refusal.message : 'The file was refused; nothing was stored.' });
		} finally {
			await connection.run('DROP TABLE IF EXISTS staging').catch(() => undefined);
		}
	});
}

function result(parts: Omit<ImportResult, 'source' | 'sourceLabel'> & { source: SourceSpec | null }): ImportResult {
	const { source, ...rest } = parts;
	return { ...rest, source: source?.id ?? null, sourceLabel: source?.label ?? null };
}

async function stageCsv(connection: DuckDBConnection, path: string, encoding: string): Promise<void> {
	try {
		await connection.run(
			`CREATE TEMP TABLE staging AS SELECT row_number() OVER () AS row_no, *
			 FROM read_csv($1, header = false, all_varchar = true, delim = ',', quote = '"', escape = '"',
			               encoding = $2, null_padding = false, max_line_size = 4000000)`,
			[path, encoding]
		);
	} catch (error) {
		const detail = (error instanceof Error ? error.message : String(error)).split('\n').slice(0, 2).join(' ').slice(0, 300);
		throw new Refusal(`Lantern could not read this file as CSV: ${detail}. If it was edited in a spreadsheet, export a fresh copy from the platform.`);
	}
}

interface Detected {
	source: SourceSpec;
	headerRow: number;
	header: string[];
	/** the header cells as written in the file, for messages */
	headerText: string[];
	columns: string[];
}

async function detectSource(connection: DuckDBConnection): Promise<Detected> {
	const columns = (await queryRows<{ column_name: string }>(connection, 'DESCRIBE staging'))
		.map((row) => row.column_name)
		.filter((name) => name !== 'row_no');
	const firstRows = await queryRows(connection, `SELECT * FROM staging WHERE row_no <= ${HEADER_SCAN_ROWS} ORDER BY row_no`);
	for (const row of firstRows) {
		const header = columns.map((column) => normaliseHeader(row[column]));
		const source = SOURCES.find((candidate) => candidate.anchors.every((anchor) => header.includes(anchor)));
		if (source) return { source, headerRow: Number(row.row_no), header, headerText: columns.map((column) => String(row[column] ?? '').replace(/^\uFEFF/, '').trim()), columns };
	}
	throw new Refusal(
		`Lantern does not recognise this file: none of its first ${HEADER_SCAN_ROWS} rows is a header it knows. ` +
			`It accepts: ${SOURCES.map((s) => s.label).join('; ')}. Run \`npm run lantern -- sources\` or see the uploads page for what each needs.`
	);
}

interface LoadPlan {
	source: SourceSpec;
	headerRow: number;
	/** field name → its SQL and the header cell it was read from */
	fields: Record<string, { sql: ReturnType<typeof fieldSql>; invalid: string | null; column: string | null; label: string }>;
	rowFilter: string;
}

function planLoad(source: SourceSpec, { header, headerText, columns, headerRow }: Detected): LoadPlan {
	const fields: LoadPlan['fields'] = {};
	const missing: string[] = [];
	for (const [name, spec] of Object.entries(source.fields)) {
		const index = header.findIndex((cell) => spec.headers.includes(cell));
		const column = index >= 0 ? columns[index]! : null;
		if (column === null && spec.required) missing.push(spec.headers[0]!);
		const cell = column === null ? 'CAST(NULL AS VARCHAR)' : sqlIdentifier(column);
		const sql = fieldSql(spec.type, cell);
		const invalid = column === null ? null : invalidCellSql(sql, cell, Boolean(spec.required));
		fields[name] = { sql, invalid, column, label: index >= 0 ? headerText[index]! : spec.headers[0]! };
	}
	if (missing.length > 0) {
		throw new Refusal(
			`This looks like a ${source.label} file, but it has no ${missing.map((m) => `"${m}"`).join(', ')} column. Export the file again with all columns.`,
			missing.map((m) => ({ row: headerRow, column: m, message: 'required column is missing' })),
			missing.length,
			source
		);
	}
	const anyCell = columns.map(sqlIdentifier).join(', ');
	const rowFilter = `row_no > ${headerRow} AND coalesce(${anyCell}) IS NOT NULL`;
	return { source, headerRow, fields, rowFilter };
}

async function validateRows(connection: DuckDBConnection, plan: LoadPlan): Promise<{ errors: ImportError[]; errorCount: number }> {
	const checks = Object.entries(plan.fields)
		.filter(([, field]) => field.invalid !== null && field.column !== null)
		.map(([name, field]) => `SELECT row_no, '${name}' AS field, ${sqlIdentifier(field.column!)} AS raw FROM staging WHERE ${plan.rowFilter} AND (${field.invalid})`);
	if (checks.length === 0) return { errors: [], errorCount: 0 };
	const union = checks.join('\nUNION ALL\n');
	const [counted] = await queryRows<{ n: number }>(connection, `SELECT count(*) AS n FROM (${union})`);
	const errorCount = counted?.n ?? 0;
	if (errorCount === 0) return { errors: [], errorCount: 0 };
	const rows = await queryRows<{ row_no: number; field: string; raw: string | null }>(connection, `${union}\nORDER BY row_no, field LIMIT ${MAX_REPORTED_ERRORS}`);
	const errors = rows.map((row) => {
		const field = plan.fields[row.field]!;
		return { row: row.row_no, column: field.label, message: describeProblem(field.sql.problem, row.raw) };
	});
	return { errors, errorCount };
}

function describeProblem(problem: string, raw: string | null): string {
	if (raw === null || raw.trim() === '') return 'is empty, but every row needs a value here';
	const shown = `"${raw.length > 40 ? `${raw.slice(0, 40)}…` : raw}"`;
	if (raw && /^\d(\.\d+)?E\+\d+$/i.test(raw.trim())) {
		return `${shown} is an ID rounded by a spreadsheet (scientific notation loses its last digits, so IDs collide). Upload the original export, not a copy re-saved in Excel.`;
	}
	return `${shown} ${problem}`;
}

async function loadRows(connection: DuckDBConnection, plan: LoadPlan, importId: number, timeZone: string, now: Date): Promise<number> {
	const normalised = Object.entries(plan.fields).map(([name, field]) => `${field.sql.value} AS ${sqlIdentifier(name)}`);
	const refs = Object.fromEntries(Object.keys(plan.fields).map((name) => [name, `n.${sqlIdentifier(name)}`]));
	const targetColumns: Record<string, string> = { import_id: 'p.import_id', ...plan.source.load(refs) };
	if (plan.source.target === 'post_observations') targetColumns.observed_at = 'p.observed_at';
	const names = Object.keys(targetColumns);
	const params = '(SELECT CAST($1 AS INTEGER) AS import_id, CAST($2 AS VARCHAR) AS tz, CAST($3 AS TIMESTAMPTZ) AS observed_at) p';
	const sql = `
		INSERT INTO ${plan.source.target} (${names.map(sqlIdentifier).join(', ')})
		SELECT ${names.map((name) => targetColumns[name]).join(', ')}
		FROM (SELECT ${normalised.join(', ')} FROM staging, ${params} WHERE ${plan.rowFilter}) n, ${params}`;
	const reader = await connection.runAndReadAll(sql, [importId, timeZone, now.toISOString()]);
	return Number(reader.getRowObjectsJS()[0]?.Count ?? reader.rowsChanged ?? 0);
}

function describeUnexpected(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	return `Lantern could not import this file: ${message.split('\n')[0]}`;
}
