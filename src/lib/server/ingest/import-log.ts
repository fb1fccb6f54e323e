import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { listValue, type DuckDBConnection } from '@duckdb/node-api';
import type { ImportError, ImportResult } from '../../domain/imports';
import { inTransaction, queryRows, type Database } from '../db/database';
import { forgetRelinked } from '../campaigns/relink-state';

/** Every table whose rows belong to one import; removing an import deletes its rows from each. */
export const IMPORTED_TABLES = [
	'post_observations',
	'program_records',
	'usage_records',
	'literacy_records',
	'campaign_records',
	'account_daily_records',
	'x_account_sightings',
	'x_note_texts',
	'survey_records',
	'pls_records',
	'post_daily_records',
	'story_records'
] as const;

export interface LogEntry {
	fileName: string;
	source: string | null;
	sha256: string;
	status: ImportResult['status'];
	rowsLoaded: number;
	errors: ImportError[];
	errorCount: number;
	now: Date;
	importedBy?: string;
	isDemo?: boolean;
	/** what the import report adds, such as the personal columns dropped */
	notes?: string | null;
}

export async function hashFile(path: string): Promise<string> {
	const hash = createHash('sha256');
	for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
	return hash.digest('hex');
}

export async function logImport(connection: DuckDBConnection, entry: LogEntry): Promise<number> {
	const rows = await queryRows<{ import_id: number }>(
		connection,
		`INSERT INTO import_log (file_name, source, sha256, status, rows_loaded, error_count, errors, imported_at, imported_by, is_demo, notes)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, CAST($8 AS TIMESTAMPTZ), $9, $10, $11) RETURNING import_id`,
		[
			entry.fileName,
			entry.source,
			entry.sha256,
			entry.status,
			entry.rowsLoaded,
			entry.errorCount,
			JSON.stringify(entry.errors),
			entry.now.toISOString(),
			entry.importedBy ?? null,
			entry.isDemo ?? false,
			entry.notes ?? null
		]
	);
	return rows[0]!.import_id;
}

/** Who imported a file and when: what every outcome's log entry starts from. */
export type LogHeader = Pick<LogEntry, 'fileName' | 'now' | 'importedBy' | 'isDemo'>;

/** The same bytes were imported before: the log says so, and nothing is stored. */
export function logDuplicate(
	connection: DuckDBConnection,
	entry: LogHeader & { source: string; sha256: string }
): Promise<number> {
	return logImport(connection, { ...entry, status: 'duplicate', rowsLoaded: 0, errors: [], errorCount: 0 });
}

/** A refused file is logged with what was wrong; a log that cannot be written leaves the refusal standing (null). */
export function logRefusal(
	connection: DuckDBConnection,
	entry: LogHeader & Pick<LogEntry, 'source' | 'sha256' | 'errors' | 'errorCount'>
): Promise<number | null> {
	return logImport(connection, { ...entry, status: 'rejected', rowsLoaded: 0 }).catch(() => null);
}

/**
 * The rows an import loaded, what its report says (kept for the imports list), and its hash when it
 * was logged before the hash was ready (the direct path).
 */
export async function recordRowsLoaded(
	connection: DuckDBConnection,
	importId: number,
	rowsLoaded: number,
	extra: { sha256?: string; notes?: string | null } = {}
): Promise<void> {
	await connection.run(
		'UPDATE import_log SET rows_loaded = $1, sha256 = coalesce($2, sha256), notes = coalesce($3, notes) WHERE import_id = $4',
		[rowsLoaded, extra.sha256 ?? null, extra.notes ?? null, importId]
	);
}

/** The earlier successful import of the same bytes, if any. */
export async function findImportByHash(connection: DuckDBConnection, sha256: string): Promise<number | null> {
	const rows = await queryRows<{ import_id: number }>(
		connection,
		"SELECT import_id FROM import_log WHERE sha256 = $1 AND status = 'imported' ORDER BY import_id LIMIT 1",
		[sha256]
	);
	return rows[0]?.import_id ?? null;
}

export interface ImportRecord {
	importId: number;
	fileName: string;
	source: string | null;
	status: ImportResult['status'];
	rowsLoaded: number;
	errorCount: number;
	errors: ImportError[];
	importedAt: string;
	importedBy: string | null;
	isDemo: boolean;
	notes: string | null;
}

export async function listImports(db: Database, limit = 500): Promise<ImportRecord[]> {
	const rows = await db.query<{
		import_id: number;
		file_name: string;
		source: string | null;
		status: ImportResult['status'];
		rows_loaded: number;
		error_count: number;
		errors: string | null;
		imported_at: string;
		imported_by: string | null;
		is_demo: boolean;
		notes: string | null;
	}>(
		`SELECT import_id, file_name, source, status, rows_loaded, error_count, CAST(errors AS VARCHAR) AS errors,
			strftime(imported_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS imported_at, imported_by, is_demo, notes
		 FROM import_log ORDER BY import_id DESC LIMIT $1`,
		[limit]
	);
	return rows.map((row) => ({
		importId: row.import_id,
		fileName: row.file_name,
		source: row.source,
		status: row.status,
		rowsLoaded: row.rows_loaded,
		errorCount: row.error_count,
		errors: row.errors ? (JSON.parse(row.errors) as ImportError[]) : [],
		importedAt: row.imported_at,
		importedBy: row.imported_by,
		isDemo: row.is_demo,
		notes: row.notes
	}));
}

/** Removes imports and every row they loaded, in one transaction. Returns how many were removed. */
export async function removeImports(db: Database, importIds: number[]): Promise<number> {
	if (importIds.length === 0) return 0;
	const removed = await db.withConnection((connection) =>
		inTransaction(connection, async () => {
			for (const table of IMPORTED_TABLES) {
				await connection.run(`DELETE FROM ${table} WHERE list_contains($1::INTEGER[], import_id)`, [
					listValue(importIds)
				]);
			}
			const rows = await queryRows<{ n: number }>(
				connection,
				'SELECT count(*) AS n FROM import_log WHERE list_contains($1::INTEGER[], import_id)',
				[listValue(importIds)]
			);
			await connection.run('DELETE FROM import_log WHERE list_contains($1::INTEGER[], import_id)', [
				listValue(importIds)
			]);
			// Links, labels and promotions of the removed rows stay until a full relink: until one commits, one is due.
			await forgetRelinked(connection);
			return rows[0]?.n ?? 0;
		})
	);
	db.markChanged();
	return removed;
}
