import type { DuckDBConnection } from '@duckdb/node-api';
import type { LibrarySettings } from '../settings';
import { observedAt } from './export-date';
import { sqlString } from './field-sql';
import { findImportByHash, logImport, recordRowsLoaded, type LogHeader } from './import-log';
import { directRowsSql, loadRows, planLoad, type LoadedRows } from './load-plan';
import { describePostLoad, reportNotes, type PostReport } from './post-report';
import { checkPrivacy } from './privacy-check';
import { csvReaderSql, recogniseCsv, type FileSniff, type Staged } from './readers';
import { refuseTooWide } from './readers/csv-scan';
import type { SourceSpec } from './source';

/** What the direct path did: stored the file's rows, or found its bytes imported before and stored nothing. */
export type DirectLoad =
	| {
			status: 'imported';
			source: SourceSpec;
			importId: number;
			rowsLoaded: number;
			report: PostReport;
			privacy: string | null;
	  }
	| { status: 'duplicate'; source: SourceSpec; sha256: string; duplicateOf: number };

/**
 * Formats whose rows load one to one, with no look at neighbouring rows or a second table. Routed
 * rows (Meta's per-day rows and stories) qualify: each table's statement reads the file again.
 */
export function loadsDirectly(source: SourceSpec): boolean {
	return (
		(source.format ?? 'csv') === 'csv' &&
		!source.also?.length &&
		!source.sumColumns?.length &&
		// Rows the import report counts are counted in staging.
		!source.rowNotes &&
		// Repeats are found by row order, which only staging numbers.
		!source.distinct &&
		!Object.values(source.fields).some((field) => field.type.kind === 'monthDay')
	);
}

/**
 * The fast path for a plain CSV in a format that loads row by row: one streaming statement reads,
 * parses, checks and inserts (see `directRowsSql`). Returns null to take the staged path instead,
 * which is also how a broken file gets its full list of problems: the statement stops at the
 * first broken cell and everything it did is rolled back.
 */
export async function loadDirectly(
	connection: DuckDBConnection,
	file: { path: string; sniff: FileSniff; sheet: string | null },
	candidates: readonly SourceSpec[],
	settings: LibrarySettings,
	entry: LogHeader,
	hashing: Promise<string>
): Promise<DirectLoad | null> {
	const { path, sniff } = file;
	const { fileName, now } = entry;
	if (sniff.kind !== 'csv' || sniff.encoding === 'latin-1') return null;
	const recognised = recogniseCsv(sniff.head, file.sheet, candidates);
	if (!recognised || !loadsDirectly(recognised.source)) return null;
	const { source, index, header, headerText, preamble, sample } = recognised;
	await refuseTooWide(path, index, sniff.encoding);
	// One column per header cell: a data row with another number of cells stops the load, and staging says where.
	const columns = header.map((_, i) => `column${i}`);
	const readerAt = (pathSql: string) =>
		csvReaderSql(pathSql, sqlString(sniff.encoding), String(index + 1 + (source.rowsAfterHeader ?? 0)), columns);
	const staged: Staged = { source, headerRow: 0, lineOffset: index, header, headerText, columns, preamble, sample };
	const plan = planLoad(staged, { fileName, gateCountsBidirectional: settings.gateCountsBidirectional });
	const privacy = checkPrivacy(staged, plan);
	const observed = observedAt(fileName, now);
	await connection.run('BEGIN TRANSACTION');
	let importId: number;
	let loaded: LoadedRows;
	try {
		importId = await logImport(connection, {
			...entry,
			source: source.id,
			sha256: 'pending',
			status: 'imported',
			rowsLoaded: 0,
			errors: [],
			errorCount: 0,
			notes: privacy
		});
		// Rows may land in any order (the view orders them), which lets both cores insert at once.
		await connection.run('SET preserve_insertion_order = false');
		try {
			loaded = await loadRows(connection, plan, importId, settings.timeZone, observed, {
				from: directRowsSql(plan, readerAt('$4')),
				path
			});
		} finally {
			await connection.run('RESET preserve_insertion_order');
		}
	} catch {
		await connection.run('ROLLBACK');
		return null;
	}
	const rowsLoaded = loaded.rows;
	let report: PostReport;
	try {
		const sha256 = await hashing;
		const duplicateOf = rowsLoaded === 0 ? null : await findImportByHash(connection, sha256);
		if (rowsLoaded === 0 || duplicateOf !== null) {
			await connection.run('ROLLBACK');
			return duplicateOf === null ? null : { status: 'duplicate', source, sha256, duplicateOf };
		}
		report = await describePostLoad(connection, importId, loaded);
		await recordRowsLoaded(connection, importId, rowsLoaded, { sha256, notes: reportNotes(report, privacy) });
		await connection.run('COMMIT');
	} catch (error) {
		await connection.run('ROLLBACK').catch(() => undefined);
		throw error;
	}
	return { status: 'imported', source, importId, rowsLoaded, report, privacy };
}
