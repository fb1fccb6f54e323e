import type { DuckDBConnection } from '@duckdb/node-api';
import { Refusal } from '../refusal';
import type { SourceSpec } from '../source';
import { SOURCES } from '../sources';
import type { FileSniff } from './read-file';
import { HEADER_SCAN_LINES } from './recognise-csv';
import { stageBlueskyCar } from './stage-car';
import { stageCsvIfKnown } from './stage-csv';
import { stageActivityPub, stageXArchive } from './stage-json';
import type { Staged } from './staging-table';
import { stageWorkbook } from './stage-workbook';

/** Finds the format from the first lines, then lets DuckDB read the file from its header on. */
export async function stageFile(
	connection: DuckDBConnection,
	path: string,
	fileName: string,
	sniff: FileSniff,
	/** formats to recognise spreadsheets by: the built-in ones, then the library's saved column mappings */
	candidates: readonly SourceSpec[] = SOURCES,
	/** the normalised name of the workbook sheet this CSV was, if it was one */
	sheet: string | null = null
): Promise<Staged> {
	if (sniff.kind === 'x-archive') return stageXArchive(connection, path, fileName, sniff);
	if (sniff.kind === 'bluesky-car') return stageBlueskyCar(connection, path, fileName);
	if (sniff.kind === 'xlsx') return stageWorkbook(connection, path, fileName, candidates);
	if (sniff.kind === 'json') return stageActivityPub(connection, path, fileName, sniff);
	const staged = await stageCsvIfKnown(connection, path, fileName, sniff, sniff.head, sheet, candidates);
	if (staged) return staged;
	throw new Refusal(
		`Lantern does not recognise this file: none of its first ${HEADER_SCAN_LINES} lines is a header it knows. ` +
			`It accepts: ${SOURCES.map((s) => s.label).join('; ')}. On the Uploads page you can map its columns by hand, and save the mapping for next time.`,
		[],
		0,
		null,
		true
	);
}
