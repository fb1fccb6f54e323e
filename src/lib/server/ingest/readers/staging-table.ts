import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { formatCount } from '../../../format';
import { queryRows } from '../../db/database';
import { normaliseHeader } from '../headers';
import type { SourceSpec } from '../source';

/** A file loaded into the temporary `staging` table, every cell as text, with its format. */
export interface Staged {
	source: SourceSpec;
	/** row_no of the header row in `staging` */
	headerRow: number;
	/** lines skipped before the header (a `sep=,` line, a title row), added back in messages */
	lineOffset: number;
	/** normalised header cells, by staging column */
	header: string[];
	/** the header cells as written in the file, for messages */
	headerText: string[];
	columns: string[];
	/** the lines above the header, unquoted */
	preamble: string[];
	/** every header cell and the first rows as the file has them, to look for personal data */
	sample: { header: string[]; rows: string[][] } | null;
}

/** What a reader staged: its columns, and the header row's cells as written and normalised. */
export async function describeStaging(
	connection: DuckDBConnection,
	source: SourceSpec,
	headerRow: number,
	lineOffset: number
): Promise<Staged> {
	const columns = (await queryRows<{ column_name: string }>(connection, 'DESCRIBE staging'))
		.map((row) => row.column_name)
		.filter((name) => name !== 'row_no');
	const [row] = await queryRows(connection, 'SELECT * FROM staging WHERE row_no = $1', [headerRow]);
	// Staging reads every cell as text (all_varchar), so a header cell is a string or null.
	const headerText = columns.map((column) =>
		((row?.[column] as string | null | undefined) ?? '').replace(/^\uFEFF/, '').trim()
	);
	return {
		source,
		headerRow,
		lineOffset,
		header: headerText.map(normaliseHeader),
		headerText,
		columns,
		preamble: [],
		sample: null
	};
}

/** Staging is a table for archives and a view over `staging_cells` for spreadsheets; drop whichever exists. */
export async function dropStaging(connection: DuckDBConnection): Promise<void> {
	for (const statement of [
		'DROP VIEW IF EXISTS staging',
		'DROP TABLE IF EXISTS staging',
		'DROP TABLE IF EXISTS staging_cells',
		'DROP TABLE IF EXISTS normalised'
	]) {
		await connection.run(statement).catch(() => undefined);
	}
}

/**
 * DuckDB's reader error in the person's words, naming no server path and quoting no line (it may
 * hold personal data, and the import log keeps messages). The engine's own text goes to the server
 * log for the operator.
 */
export function readerMessage(error: unknown, path: string, fileName: string): string {
	const message = error instanceof Error ? error.message : String(error);
	const at = /at byte (\d+)/.exec(message)?.[1];
	const near = at ? ` near byte ${formatCount(Number(at))}` : '';
	if (/invalid UTF-8|Invalid unicode/i.test(message)) return `it has bytes that are not UTF-8 text${near}`;
	if (/unexpected end|truncated|premature/i.test(message)) return `it breaks off${near}, as a download cut short does`;
	if (/Malformed JSON|unexpected character|JSON/i.test(message))
		return `it is not well-formed JSON${near}: something in it is damaged`;
	console.error(`Lantern: DuckDB could not read ${fileName}: ${message.split('\n')[0]!.replaceAll(path, fileName)}`);
	return 'its contents could not be read as that format';
}

/** Runs `use` on a fresh temporary file path, removing the file afterwards whatever happens. */
export async function withTempFile<T>(extension: 'csv' | 'json', use: (path: string) => Promise<T>): Promise<T> {
	const path = join(tmpdir(), `lantern-${randomUUID()}.${extension}`);
	try {
		return await use(path);
	} finally {
		await rm(path, { force: true });
	}
}
