import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../db/database';

/**
 * Which imports have had their links, labels and promotions derived. An import commits its rows
 * first and is relinked in a transaction of its own after; a process killed in between leaves an
 * import committed but not relinked. Each relink records, in its own transaction, the imports it
 * covered, so the imports not yet covered can always be found and relinked (at the next start, or
 * by the next import). Kept as ranges of import IDs in the settings table under this key.
 */
const KEY = 'relinked_imports';

type Ranges = [number, number][];

async function readRanges(connection: DuckDBConnection): Promise<Ranges> {
	const [row] = await queryRows<{ value: string }>(connection, 'SELECT value FROM settings WHERE key = $1', [KEY]);
	if (!row) return [];
	try {
		const ranges = JSON.parse(row.value) as unknown;
		return Array.isArray(ranges) ? (ranges as Ranges) : [];
	} catch {
		return [];
	}
}

const covered = (ranges: Ranges, id: number) => ranges.some(([from, to]) => id >= from && id <= to);

/**
 * Imports whose rows are stored but whose relinking never finished, oldest first; `everything`
 * when there is no record at all (a database from before the record, or one whose record a
 * removal cleared), where only a full relink is sure to leave nothing stale behind.
 */
export async function unrelinkedImports(
	connection: DuckDBConnection
): Promise<{ imports: { importId: number; source: string | null }[]; everything: boolean }> {
	const ranges = await readRanges(connection);
	const [record] = await queryRows(connection, 'SELECT 1 AS found FROM settings WHERE key = $1', [KEY]);
	const imports = await queryRows<{ import_id: number; source: string | null }>(
		connection,
		`SELECT import_id, source FROM import_log WHERE status = 'imported' ORDER BY import_id`
	);
	return {
		imports: imports
			.filter((row) => !covered(ranges, row.import_id))
			.map((row) => ({ importId: row.import_id, source: row.source })),
		everything: record === undefined
	};
}

/**
 * Records these imports as relinked; after a full relink (`everything`), as the whole record. Call
 * inside the relink's own transaction, so the record and the derived rows commit together. Without
 * a record (see unrelinkedImports) only a full relink starts one: a partial one leaves it absent.
 */
export async function recordRelinked(
	connection: DuckDBConnection,
	imports: readonly number[],
	everything: boolean
): Promise<void> {
	const [record] = await queryRows(connection, 'SELECT 1 AS found FROM settings WHERE key = $1', [KEY]);
	if (!record && !everything) return;
	// Only IDs seen: a gap may be an import still committing, which must stay uncovered.
	const points = [
		...(everything ? [] : await readRanges(connection)),
		...imports.map((id): [number, number] => [id, id])
	].sort((a, b) => a[0] - b[0]);
	const merged: Ranges = [];
	for (const [from, to] of points) {
		const last = merged.at(-1);
		if (last && from <= last[1] + 1) last[1] = Math.max(last[1], to);
		else merged.push([from, to]);
	}
	await connection.run('INSERT OR REPLACE INTO settings (key, value) VALUES ($1, $2)', [KEY, JSON.stringify(merged)]);
}

/**
 * Forgets every record, so the next relink (or start) relinks everything: for changes that a
 * full relink must follow, written in the same transaction as the change.
 */
export async function forgetRelinked(connection: DuckDBConnection): Promise<void> {
	await connection.run('DELETE FROM settings WHERE key = $1', [KEY]);
}
