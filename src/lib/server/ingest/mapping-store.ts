import { ColumnMapping } from '../../domain/mapping';
import type { Database } from '../db/database';
import { specFromMapping } from './mapper';
import type { SourceSpec } from './source';

/** Saves a mapping under its name (a newer mapping with the same name replaces the older). */
export async function saveMapping(db: Database, mapping: ColumnMapping): Promise<void> {
	await db.withConnection(async (connection) => {
		await connection.run('DELETE FROM column_mappings WHERE name = $1', [mapping.name]);
		await connection.run('INSERT INTO column_mappings VALUES ($1, $2, $3, now())', [
			mapping.name,
			mapping.target,
			JSON.stringify(mapping)
		]);
	});
}

export interface SavedMapping {
	mapping: ColumnMapping;
	/** when it was saved, ISO 8601 in UTC */
	savedAt: string;
}

/** The saved mappings, newest first. */
export async function listMappings(db: Database): Promise<SavedMapping[]> {
	const rows = await db.query<{ mapping: string; saved_at: string }>(
		`SELECT CAST(mapping AS VARCHAR) AS mapping, strftime(saved_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS saved_at
		 FROM column_mappings ORDER BY column_mappings.saved_at DESC`
	);
	return rows.flatMap((row) => {
		const parsed = ColumnMapping.safeParse(JSON.parse(row.mapping));
		return parsed.success ? [{ mapping: parsed.data, savedAt: row.saved_at }] : [];
	});
}

export async function savedMappings(db: Database): Promise<ColumnMapping[]> {
	return (await listMappings(db)).map((saved) => saved.mapping);
}

/** The saved mapping with this name: spelt exactly, else the one that differs only in case. */
export async function findMapping(db: Database, name: string): Promise<ColumnMapping | null> {
	const mappings = await savedMappings(db);
	return (
		mappings.find((m) => m.name === name) ??
		mappings.find((m) => m.name.toLowerCase() === name.trim().toLowerCase()) ??
		null
	);
}

/** Saved mappings as formats, so the next file with the same header imports in one step. */
export async function savedMappingSources(db: Database): Promise<SourceSpec[]> {
	return (await savedMappings(db)).map(specFromMapping);
}
