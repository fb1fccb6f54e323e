import type { Database } from './database';
import { IMPORTED_TABLES } from '../ingest/import-log';

/**
 * count:sum of one table's rows' md5s, in two 64-bit halves: equal contents, equal fingerprints, and
 * any change of a row changes it (but for a 2^-64 chance). A sum needs no order and no memory beyond
 * one row: an ordered string_agg of every row ran out of DuckDB's 640 MB at a million posts.
 */
async function tableFingerprint(db: Database, table: string): Promise<string> {
	const [row] = await db.query<{ n: number; upper: string | null; lower: string | null }>(
		`SELECT count(*) AS n, CAST(sum(md5_number_upper(CAST(t AS VARCHAR))) AS VARCHAR) AS upper,
			CAST(sum(md5_number_lower(CAST(t AS VARCHAR))) AS VARCHAR) AS lower FROM "${table.replaceAll('"', '""')}" t`
	);
	return `${row!.n}:${row!.upper ?? 0}:${row!.lower ?? 0}`;
}

/** A fingerprint of every data table, to prove that a refused file changed nothing. */
export async function fingerprint(db: Database): Promise<Record<string, string>> {
	const out: Record<string, string> = {};
	for (const table of [...IMPORTED_TABLES, 'settings']) out[table] = await tableFingerprint(db, table);
	return out;
}

/** Every table of the database (derived ones too), but those named in `except`. */
export async function fingerprintEveryTable(
	db: Database,
	except: readonly string[] = []
): Promise<Record<string, string>> {
	const tables = await db.query<{ table_name: string }>(
		'SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND NOT temporary ORDER BY table_name'
	);
	const out: Record<string, string> = {};
	for (const { table_name } of tables)
		if (!except.includes(table_name)) out[table_name] = await tableFingerprint(db, table_name);
	return out;
}
