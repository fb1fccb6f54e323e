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

export async function savedMappings(db: Database): Promise<ColumnMapping[]> {
	const rows = await db.query<{ mapping: string }>(
		'SELECT CAST(mapping AS VARCHAR) AS mapping FROM column_mappings ORDER BY saved_at DESC'
	);
	return rows.flatMap((row) => {
		const parsed = ColumnMapping.safeParse(JSON.parse(row.mapping));
		return parsed.success ? [parsed.data] : [];
	});
}

/** Saved mappings as formats, so the next file with the same header imports in one step. */
export async function savedMappingSources(db: Database): Promise<SourceSpec[]> {
	return (await savedMappings(db)).map(specFromMapping);
}
