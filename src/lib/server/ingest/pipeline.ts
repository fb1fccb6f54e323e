import { basename } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ImportResult } from '../../domain/imports';
import { inTransaction, type Database } from '../db/database';
import { withWriteLock } from '../db/write-lock';
import { getSettings } from '../settings';
import { loadDirectly } from './direct-load';
import { observedAt } from './export-date';
import { FIELD_MACROS_SQL } from './field-sql';
import {
	findImportByHash,
	hashFile,
	logDuplicate,
	logImport,
	logRefusal,
	recordRowsLoaded,
	type LogHeader
} from './import-log';
import { checkStaged, describeRowNotes, loadRows, previewRows, summariseProblems } from './load-plan';
import { savedMappingSources } from './mapping-store';
import { describePostLoad, reportNotes, type PostReport } from './post-report';
import { dropStaging, readableFile, stageFile, type FileSniff } from './readers';
import { asRefusal, Refusal } from './refusal';
import type { SourceSpec } from './source';
import { SOURCES } from './sources';

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
 * Imports one file. Every import takes the same steps, each in the module that owns it:
 *   hash       the bytes, in the background from the start (import-log.ts)
 *   recognise  the kind of file from its first bytes, its format from its header (readers/)
 *   read       the rows into the temporary `staging` table with DuckDB's reader (readers/)
 *   duplicate? the same bytes imported before are logged as a duplicate; nothing is stored (import-log.ts)
 *   check      columns mapped, personal data dropped or refused, every cell parsed and checked (load-plan.ts)
 *   load, log  the rows and their log entry, in one transaction (load-plan.ts, import-log.ts)
 * A file with any invalid row is refused whole, logged as rejected, and stores no data. A plain CSV
 * in a row-by-row format first tries the direct path (direct-load.ts), where one statement reads,
 * checks and loads. Relinking campaigns to the new rows follows in importAny (import-any.ts).
 */
export function importFile(db: Database, path: string, options: ImportOptions = {}): Promise<ImportResult> {
	return oneAtATime(db, () => importNow(db, path, options));
}

/** Imports, previews and backups on one database run one at a time (db/write-lock.ts). */
const oneAtATime = withWriteLock;

async function importNow(db: Database, path: string, options: ImportOptions): Promise<ImportResult> {
	const entry: LogHeader = {
		fileName: options.fileName ?? basename(path),
		now: options.now ?? new Date(),
		importedBy: options.importedBy,
		isDemo: options.isDemo
	};
	const { fileName, now } = entry;
	// Hashing reads the file in this thread while DuckDB parses it in its own; both finish sooner.
	const hashing = hashFile(path);
	hashing.catch(() => undefined);
	const settings = await getSettings(db);
	return db.withConnection(async (connection) => {
		let source: SourceSpec | null = null;
		try {
			const candidates = options.source ? [options.source] : await knownFormats(db);
			const sniff = await recognisable(connection, path, fileName);
			const direct = options.staged
				? null
				: await loadDirectly(
						connection,
						{ path, sniff, sheet: options.sheet ?? null },
						candidates,
						settings,
						entry,
						hashing
					);
			if (direct?.status === 'duplicate') return recordDuplicate(connection, entry, direct);
			if (direct) {
				db.markChanged();
				return result({
					importId: direct.importId,
					fileName,
					source: direct.source,
					status: 'imported',
					rowsLoaded: direct.rowsLoaded,
					errors: [],
					errorCount: 0,
					...reported(direct.report, direct.privacy)
				});
			}
			const staged = await stageFile(connection, path, fileName, sniff, candidates, options.sheet ?? null);
			source = staged.source;
			const sha256 = await hashing;
			const duplicateOf = await findImportByHash(connection, sha256);
			if (duplicateOf !== null) return recordDuplicate(connection, entry, { source, sha256, duplicateOf });
			const observed = observedAt(fileName, now);
			const { plan, privacy, errors, errorCount } = await checkStaged(connection, staged, fileName, settings, observed);
			if (errorCount > 0) {
				throw new Refusal(summariseProblems(errors, errorCount), errors, errorCount, source);
			}
			const rowNotes = await describeRowNotes(connection, plan);
			const imported = await inTransaction(connection, async () => {
				const importId = await logImport(connection, {
					...entry,
					source: source!.id,
					sha256,
					status: 'imported',
					rowsLoaded: 0,
					errors: [],
					errorCount: 0,
					notes: [privacy, ...rowNotes].filter(Boolean).join('\n') || null
				});
				const loaded = await loadRows(connection, plan, importId, settings.timeZone, observed);
				if (loaded.rows === 0)
					throw new Refusal(
						rowNotes.length > 0
							? `No rows were left to import. ${rowNotes.join(' ')}`
							: 'The file has a header but no data rows.',
						[],
						0,
						source
					);
				const report = await describePostLoad(connection, importId, loaded);
				const kept = [privacy, ...rowNotes].filter(Boolean).join('\n') || null;
				await recordRowsLoaded(connection, importId, loaded.rows, { notes: reportNotes(report, kept) });
				return { importId, rowsLoaded: loaded.rows, report };
			});
			db.markChanged();
			return result({
				importId: imported.importId,
				rowsLoaded: imported.rowsLoaded,
				fileName,
				source,
				status: 'imported',
				errors: [],
				errorCount: 0,
				...reported(imported.report, privacy, rowNotes)
			});
		} catch (error) {
			return recordRefusal(connection, asRefusal(error), entry, source, hashing);
		} finally {
			await dropStaging(connection);
		}
	});
}

/** Looks at the file's first bytes, refusing what cannot be read at all, and readies the field macros. */
async function recognisable(connection: DuckDBConnection, path: string, fileName: string): Promise<FileSniff> {
	const sniff = await readableFile(path, fileName);
	await connection.run(FIELD_MACROS_SQL);
	return sniff;
}

/** The same bytes were imported before: the log says so, and nothing is stored. */
async function recordDuplicate(
	connection: DuckDBConnection,
	entry: LogHeader,
	found: { source: SourceSpec; sha256: string; duplicateOf: number }
): Promise<ImportResult> {
	const { source, sha256, duplicateOf } = found;
	const importId = await logDuplicate(connection, { ...entry, source: source.id, sha256 });
	return result({
		importId,
		fileName: entry.fileName,
		source,
		status: 'duplicate',
		rowsLoaded: 0,
		errors: [],
		errorCount: 0,
		duplicateOf
	});
}

/** A refused file stores nothing; the log keeps what was wrong, or the refusal's message when no cell was named. */
async function recordRefusal(
	connection: DuckDBConnection,
	refusal: Refusal,
	entry: LogHeader,
	recognised: SourceSpec | null,
	hashing: Promise<string>
): Promise<ImportResult> {
	const errors = refusal.errors.length > 0 ? refusal.errors : [{ row: null, column: null, message: refusal.message }];
	const errorCount = Math.max(refusal.errorCount, errors.length);
	const source = refusal.source ?? recognised;
	const sha256 = await hashing.catch(() => 'unreadable');
	const importId = await logRefusal(connection, { ...entry, source: source?.id ?? null, sha256, errors, errorCount });
	return result({
		importId,
		fileName: entry.fileName,
		source,
		status: 'rejected',
		rowsLoaded: 0,
		errors,
		errorCount,
		summary: refusal.errors.length > 0 ? refusal.message : 'The file was refused; nothing was stored.',
		...(refusal.unrecognised ? { unrecognised: true } : {})
	});
}

/**
 * What was loaded (stories, daily figures, collaborations, lower figures), the personal columns
 * dropped, and the rows singled out (left out, or stored apart), for the import report.
 */
function reported(
	report: PostReport,
	privacy: string | null,
	rowNotes: readonly string[] = []
): Pick<ImportResult, 'summary' | 'notes'> {
	const notes = [...report.notes, ...(privacy ? [privacy] : []), ...rowNotes];
	return { ...(report.summary ? { summary: report.summary } : {}), ...(notes.length > 0 ? { notes } : {}) };
}

function result(parts: Omit<ImportResult, 'source' | 'sourceLabel'> & { source: SourceSpec | null }): ImportResult {
	const { source, ...rest } = parts;
	return { ...rest, source: source?.id ?? null, sourceLabel: source?.label ?? null };
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
	/** what the import report would add: rows left out or stored apart, personal columns dropped */
	notes: string[];
	/** set when the file could not be read with this format at all */
	refusal?: string;
}

/** Reads a file with one format and shows what would be stored, without storing anything. */
export function previewImport(
	db: Database,
	path: string,
	fileName: string,
	source: SourceSpec
): Promise<ImportPreview> {
	return oneAtATime(db, () => previewNow(db, path, fileName, source));
}

/** The import's steps up to the check, then the first rows the load would store. */
async function previewNow(db: Database, path: string, fileName: string, source: SourceSpec): Promise<ImportPreview> {
	const settings = await getSettings(db);
	return db.withConnection(async (connection) => {
		try {
			const staged = await stageFile(connection, path, fileName, await recognisable(connection, path, fileName), [
				source
			]);
			const observed = observedAt(fileName, new Date());
			const { plan, privacy, errors, errorCount } = await checkStaged(connection, staged, fileName, settings, observed);
			if (errorCount > 0) return { rows: [], errors, errorCount, notes: [] };
			const rows = await previewRows(connection, plan, settings.timeZone, observed);
			return {
				rows,
				errors,
				errorCount,
				notes: [...(privacy ? [privacy] : []), ...(await describeRowNotes(connection, plan))]
			};
		} catch (error) {
			const refusal = asRefusal(error);
			return {
				rows: [],
				errors: refusal.errors,
				errorCount: refusal.errorCount,
				notes: [],
				refusal: refusal.message
			};
		} finally {
			await dropStaging(connection);
		}
	});
}
