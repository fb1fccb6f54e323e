import type { Database } from './database';
import { IMPORTED_TABLES } from '../ingest/import-log';

/** count:md5 of one table's rows in a stable order: equal fingerprints, equal contents. */
async function tableFingerprint(db: Database, table: string): Promise<string> {
	const [row] = await db.query<{ n: number; h: string }>(
		`SELECT count(*) AS n, md5(coalesce(string_agg(CAST(t AS VARCHAR), chr(10) ORDER BY CAST(t AS VARCHAR)), '')) AS h FROM "${table.replaceAll('"', '""')}" t`
	);
	return `${row!.n}:${row!.h}`;
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
