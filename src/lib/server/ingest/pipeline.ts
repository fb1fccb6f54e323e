import { basename } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ImportResult } from '../../domain/imports';
import { inTransaction, queryRows, type Database } from '../db/database';
import { getSettings, type LibrarySettings } from '../settings';
import { observedAt } from './export-date';
import { FIELD_MACROS_SQL, sqlString } from './field-sql';
import { findImportByHash, hashFile, logImport } from './import-log';
import { directRowsSql, loadRows, normaliseRows, planLoad, previewRows, summariseProblems, validateRows, type LoadPlan } from './load-plan';
import { savedMappingSources } from './mapping-store';
import { csvReaderSql, dropStaging, recogniseCsv, sniffFile, stageFile, type FileSniff, type Staged } from './readers';
import { SOURCES } from './sources';
import { Refusal } from './refusal';
import type { SourceSpec } from './source';
import { planPrivacy } from '../../privacy/plan';

export interface ImportOptions {
	/** the name the person gave the file; defaults to the path's base name */
	fileName?: string;
	isDemo?: boolean;
	importedBy?: string;
	now?: Date;
	/** read the file with this format only (a column mapping being tried), instead of recognising it */
	source?: SourceSpec;
	/** always go through staging, never the direct path (tests compare the two) */
	staged?: boolean;
	/** the file is one sheet of a workbook, saved as CSV: formats that live on that sheet apply */
	sheet?: string;
}

/**
 * Imports one file: detect its format → parse with DuckDB's reader → validate every row →
 * load in one transaction. A file with any invalid row is refused whole and stores no data.
 */
export function importFile(db: Database, path: string, options: ImportOptions = {}): Promise<ImportResult> {
	return oneAtATime(db, () => importNow(db, path, options));
}

/**
 * Imports and previews on one database run one at a time: each is a large write, and the direct
 * path relaxes the insertion-order setting of the whole DuckDB instance while it inserts, which a
 * staging read beside it relies on.
 */
const queues = new WeakMap<Database, Promise<unknown>>();
function oneAtATime<T>(db: Database, work: () => Promise<T>): Promise<T> {
	const next = (queues.get(db) ?? Promise.resolve()).catch(() => undefined).then(work);
	queues.set(db, next);
	return next;
}

async function importNow(db: Database, path: string, options: ImportOptions): Promise<ImportResult> {
	const fileName = options.fileName ?? basename(path);
	const now = options.now ?? new Date();
	// Hashing reads the file in this thread while DuckDB parses it in its own; both finish sooner.
	const hashing = hashFile(path);
	hashing.catch(() => undefined);
	const settings = await getSettings(db);
	return db.withConnection(async (connection) => {
		let source: SourceSpec | null = null;
		try {
			const candidates = options.source ? [options.source] : await knownFormats(db);
			const sniff = await readable(connection, path, fileName);
			const direct = options.staged ? null : await importDirectly(db, connection, path, fileName, sniff, candidates, settings, now, hashing, options);
			if (direct) return direct;
			const staged = await stageFile(connection, path, fileName, sniff, candidates, options.sheet ?? null);
			source = staged.source;
			const sha256 = await hashing;
			const duplicateOf = await findImportByHash(connection, sha256);
			if (duplicateOf !== null) return recordDuplicate(connection, { fileName, source, sha256, now, options, duplicateOf });
			const observed = observedAt(fileName, now);
			const { plan, privacy, errors, errorCount } = await readStaged(connection, staged, fileName, settings, observed);
			if (errorCount > 0) {
				throw new Refusal(summariseProblems(errors, errorCount), errors, errorCount, source);
			}
			const imported = await inTransaction(connection, async () => {
				const importId = await logImport(connection, { fileName, source: source!.id, sha256, status: 'imported', rowsLoaded: 0, errors: [], errorCount: 0, now, importedBy: options.importedBy, isDemo: options.isDemo, notes: privacy });
				const rowsLoaded = await loadRows(connection, plan, importId, settings.timeZone, observed);
				if (rowsLoaded === 0) throw new Refusal('The file has a header but no data rows.', [], 0, source);
				await connection.run('UPDATE import_log SET rows_loaded = $1 WHERE import_id = $2', [rowsLoaded, importId]);
				return { importId, rowsLoaded };
			});
			db.markChanged();
			return result({ ...imported, fileName, source, status: 'imported', errors: [], errorCount: 0, ...(privacy ? { notes: [privacy] } : {}) });
		} catch (error) {
			const refusal = error instanceof Refusal ? error : new Refusal(describeUnexpected(error));
			const errors = refusal.errors.length > 0 ? refusal.errors : [{ row: null, column: null, message: refusal.message }];
			const errorCount = Math.max(refusal.errorCount, errors.length);
			source = refusal.source ?? source;
			const sha256 = await hashing.catch(() => 'unreadable');
			const importId = await logImport(connection, { fileName, source: source?.id ?? null, sha256, status: 'rejected', rowsLoaded: 0, errors, errorCount, now, importedBy: options.importedBy, isDemo: options.isDemo }).catch(() => null);
			return result({ importId, fileName, source, status: 'rejected', rowsLoaded: 0, errors, errorCount, summary: refusal.errors.length > 0 ? refusal.message : 'The file was refused; nothing was stored.', ...(refusal.unrecognised ? { unrecognised: true } : {}) });
		} finally {
			await dropStaging(connection);
		}
	});
}

/** Formats whose rows load one to one, with no look at neighbouring rows or a second table. */
export function loadsDirectly(source: SourceSpec): boolean {
	return (source.format ?? 'csv') === 'csv' && !source.also?.length && !source.sumColumns?.length && !Object.values(source.fields).some((field) => field.type.kind === 'monthDay');
}

/**
 * The fast path for a plain CSV in a format that loads row by row: one streaming statement reads,
 * parses, checks and inserts (see `directRowsSql`). Returns null to take the staged path instead,
 * which is also how a broken file gets its full list of problems: the statement stops at the
 * first broken cell and everything it did is rolled back.
 */
async function importDirectly(
	db: Database,
	connection: DuckDBConnection,
	path: string,
	fileName: string,
	sniff: FileSniff,
	candidates: readonly SourceSpec[],
	settings: LibrarySettings,
	now: Date,
	hashing: Promise<string>,
	options: ImportOptions
): Promise<ImportResult | null> {
	if (sniff.kind !== 'csv' || sniff.encoding === 'latin-1') return null;
	const recognised = recogniseCsv(sniff.head, options.sheet ?? null, candidates);
	if (!recognised || !loadsDirectly(recognised.source)) return null;
	const { source, index, header, headerText, preamble, sample } = recognised;
	const readerAt = (pathSql: string) => csvReaderSql(pathSql, sqlString(sniff.encoding), String(index + 1 + (source.rowsAfterHeader ?? 0)));
	const columns = await queryRows<{ column_name: string }>(connection, `DESCRIBE SELECT * FROM ${readerAt('$1')}`, [path])
		.then((rows) => rows.map((row) => row.column_name))
		.catch(() => null);
	if (columns === null || columns.length !== header.length) return null;
	const staged: Staged = { source, headerRow: 0, lineOffset: index, header, headerText, columns, preamble, sample };
	const plan = planLoad(staged, { fileName, gateCountsBidirectional: settings.gateCountsBidirectional });
	const privacy = checkPrivacy(staged, plan);
	const observed = observedAt(fileName, now);
	await connection.run('BEGIN TRANSACTION');
	let importId: number;
	let rowsLoaded: number;
	try {
		importId = await logImport(connection, { fileName, source: source.id, sha256: 'pending', status: 'imported', rowsLoaded: 0, errors: [], errorCount: 0, now, importedBy: options.importedBy, isDemo: options.isDemo, notes: privacy });
		// Rows may land in any order (the view orders them), which lets both cores insert at once.
		await connection.run('SET preserve_insertion_order = false');
		try {
			rowsLoaded = await loadRows(connection, plan, importId, settings.timeZone, observed, { from: directRowsSql(plan, readerAt('$4')), path });
		} finally {
			await connection.run('RESET preserve_insertion_order');
		}
	} catch {
		await connection.run('ROLLBACK');
		return null;
	}
	try {
		const sha256 = await hashing;
		const duplicateOf = rowsLoaded === 0 ? null : await findImportByHash(connection, sha256);
		if (rowsLoaded === 0 || duplicateOf !== null) {
			await connection.run('ROLLBACK');
			return duplicateOf === null ? null : recordDuplicate(connection, { fileName, source, sha256, now, options, duplicateOf });
		}
		await connection.run('UPDATE import_log SET rows_loaded = $1, sha256 = $2 WHERE import_id = $3', [rowsLoaded, sha256, importId]);
		await connection.run('COMMIT');
	} catch (error) {
		await connection.run('ROLLBACK').catch(() => undefined);
		throw error;
	}
	db.markChanged();
	return result({ importId, fileName, source, status: 'imported', rowsLoaded, errors: [], errorCount: 0, ...(privacy ? { notes: [privacy] } : {}) });
}

function result(parts: Omit<ImportResult, 'source' | 'sourceLabel'> & { source: SourceSpec | null }): ImportResult {
	const { source, ...rest } = parts;
	return { ...rest, source: source?.id ?? null, sourceLabel: source?.label ?? null };
}

function describeUnexpected(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	return `Lantern could not import this file: ${message.split('\n')[0]}`;
}

/** Looks at the file's first bytes, refusing what cannot be read at all, and readies the field macros. */
async function readable(connection: DuckDBConnection, path: string, fileName: string): Promise<FileSniff> {
	const sniff = await sniffFile(path, fileName);
	if (sniff.refusal) throw new Refusal(sniff.refusal);
	await connection.run(FIELD_MACROS_SQL);
	return sniff;
}

/** The same bytes were imported before: the log says so, and nothing is stored. */
async function recordDuplicate(
	connection: DuckDBConnection,
	entry: { fileName: string; source: SourceSpec; sha256: string; now: Date; options: ImportOptions; duplicateOf: number }
): Promise<ImportResult> {
	const { fileName, source, sha256, now, options, duplicateOf } = entry;
	const importId = await logImport(connection, { fileName, source: source.id, sha256, status: 'duplicate', rowsLoaded: 0, errors: [], errorCount: 0, now, importedBy: options.importedBy, isDemo: options.isDemo });
	return result({ importId, fileName, source, status: 'duplicate', rowsLoaded: 0, errors: [], errorCount: 0, duplicateOf });
}

/** Maps the staged file's columns, checks it for personal data, then parses and checks every cell. */
async function readStaged(connection: DuckDBConnection, staged: Staged, fileName: string, settings: LibrarySettings, observed: Date) {
	const plan = planLoad(staged, { fileName, gateCountsBidirectional: settings.gateCountsBidirectional });
	const privacy = checkPrivacy(staged, plan);
	await normaliseRows(connection, plan, settings.timeZone, observed);
	return { plan, privacy, ...(await validateRows(connection, plan)) };
}

/**
 * Lantern stores no patron-level personal data. The columns a format reads are the only ones stored,
 * so personal columns beside them are dropped and the import report says which and why; a format
 * that would read a personal column (a mapping that takes "Patron name" as a title) is refused.
 */
function checkPrivacy(staged: Staged, plan: LoadPlan): string | null {
	if (!staged.sample) return null;
	const read = Object.values(plan.fields).filter((field) => field.column !== null).map((field) => field.label);
	const privacy = planPrivacy(staged.sample.header, staged.sample.rows, { requiredColumns: read });
	if (privacy.action === 'refuse') throw new Refusal(privacy.message, [], 0, plan.source);
	return privacy.action === 'drop-columns' ? privacy.message : null;
}

/** The built-in formats, then the library's saved column mappings. */
export async function knownFormats(db: Database): Promise<SourceSpec[]> {
	return [...SOURCES, ...(await savedMappingSources(db))];
}

export interface ImportPreview {
	/** the first rows as they would be stored */
	rows: Record<string, unknown>[];
	errors: ImportResult['errors'];
	errorCount: number;
	/** set when the file could not be read with this format at all */
	refusal?: string;
}

/** Reads a file with one format and shows what would be stored, without storing anything. */
export function previewImport(db: Database, path: string, fileName: string, source: SourceSpec): Promise<ImportPreview> {
	return oneAtATime(db, () => previewNow(db, path, fileName, source));
}

async function previewNow(db: Database, path: string, fileName: string, source: SourceSpec): Promise<ImportPreview> {
	const settings = await getSettings(db);
	return db.withConnection(async (connection) => {
		try {
			const staged = await stageFile(connection, path, fileName, await readable(connection, path, fileName), [source]);
			const observed = observedAt(fileName, new Date());
			const { plan, errors, errorCount } = await readStaged(connection, staged, fileName, settings, observed);
			const rows = errorCount === 0 ? await previewRows(connection, plan, settings.timeZone, observed) : [];
			return { rows, errors, errorCount };
		} catch (error) {
			const refusal = error instanceof Refusal ? error : new Refusal(describeUnexpected(error));
			return { rows: [], errors: refusal.errors, errorCount: refusal.errorCount, refusal: refusal.message };
		} finally {
			await dropStaging(connection);
		}
	});
}
