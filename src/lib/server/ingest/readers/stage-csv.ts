import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../../db/database';
import { sqlIdentifier, sqlString } from '../field-sql';
import { Refusal } from '../refusal';
import type { SourceSpec } from '../source';
import type { FileSniff } from './read-file';
import { recogniseCsv } from './recognise-csv';
import { formatCount } from '../../../format';
import { refuseTooWide, scanCsv } from './csv-scan';
import { describeStaging, type Staged } from './staging-table';

/** Recognises a CSV from its first lines and stages it, or returns null when no format matches. */
export async function stageCsvIfKnown(
	connection: DuckDBConnection,
	path: string,
	fileName: string,
	sniff: FileSniff,
	head: string,
	sheet: string | null,
	candidates: readonly SourceSpec[]
): Promise<Staged | null> {
	const recognised = recogniseCsv(head, sheet, candidates);
	if (!recognised) return null;
	const { source, index, header, headerText, preamble, sample } = recognised;
	await refuseTooWide(path, index, sniff.encoding);
	const staged = await stageCsv(
		connection,
		path,
		fileName,
		sniff,
		source,
		index,
		headerText,
		neededColumns(source, header)
	);
	return { ...staged, preamble, sample };
}

/** Positions of the header cells some field reads: only those are staged (exports carry 40+ columns). */
export function neededColumns(source: SourceSpec, header: string[]): number[] {
	const wanted = new Set<number>();
	for (const spec of Object.values(source.fields)) {
		const index = header.findIndex((cell) => spec.headers.includes(cell));
		if (index >= 0) wanted.add(index);
	}
	return [...wanted].sort((a, b) => a - b);
}

/**
 * DuckDB's reader as Lantern uses it: every cell as text, columns named column0…, from line `skip` on.
 * Given `columns` (their names), nothing is sniffed: a row with another number of cells stops the read.
 */
export function csvReaderSql(path: string, encoding: string, skip: string, columns?: readonly string[]): string {
	// DuckDB's sniff reads far into a large file (0.7–1.6 s of a 200,000-row X import, load 8–11); the dialect is given anyway.
	const named = columns
		? `, columns = {${columns.map((name) => `${sqlString(name)}: 'VARCHAR'`).join(', ')}}, auto_detect = false`
		: '';
	return `read_csv(${path}, header = false, all_varchar = true, delim = ',', quote = '"', escape = '"',
			encoding = ${encoding}, skip = ${skip}, null_padding = false, max_line_size = 4000000${named})`;
}

async function stageCsv(
	connection: DuckDBConnection,
	path: string,
	fileName: string,
	sniff: FileSniff,
	source: SourceSpec,
	skip: number,
	headerText: readonly string[],
	needed: number[]
): Promise<Staged> {
	// DuckDB's Latin-1 reader refuses Windows-1252's 0x80–0x9F (curly quotes, …), so transcode first.
	const transcoded = sniff.encoding === 'latin-1' ? join(tmpdir(), `lantern-${randomUUID()}.csv`) : null;
	try {
		if (transcoded) await transcodeWindows1252(path, transcoded);
		const reader = csvReaderSql('$1', '$2', '$3');
		const params = [transcoded ?? path, transcoded ? 'utf-8' : sniff.encoding, skip];
		const all = (await queryRows<{ column_name: string }>(connection, `DESCRIBE SELECT * FROM ${reader}`, params)).map(
			(row) => row.column_name
		);
		// DuckDB reads only the projected columns; every other cell is still checked for shape.
		const projected =
			needed.length > 0 && needed.every((i) => i < all.length)
				? needed.map((i) => sqlIdentifier(all[i]!)).join(', ')
				: '*';
		// Rows keep the file's order; numbering them from rowid is free, where row_number() OVER () would serialise the read.
		await connection.run(`CREATE OR REPLACE TEMP TABLE staging_cells AS SELECT ${projected} FROM ${reader}`, params);
		await connection.run('CREATE OR REPLACE TEMP VIEW staging AS SELECT rowid + 1 AS row_no, * FROM staging_cells');
	} catch (error) {
		throw await unreadableCsv(error, transcoded ?? path, sniff, source, skip, headerText);
	} finally {
		if (transcoded) await rm(transcoded, { force: true });
	}
	return describeStaging(connection, source, 1, skip);
}

/**
 * Why DuckDB could not read the file, in the person's terms: its own message names a line it
 * counts from the first data chunk (a 50 MB cell on line 2 read as "Line: 1") or no line at all
 * ("not possible to automatically detect the CSV parsing dialect"), so the file is scanned again
 * record by record to find the line and column that break it.
 */
async function unreadableCsv(
	error: unknown,
	path: string,
	sniff: FileSniff,
	source: SourceSpec,
	skip: number,
	headerText: readonly string[]
): Promise<Refusal> {
	const advice = 'Fix those lines, or export a fresh copy from the platform if the file was edited in a spreadsheet.';
	{
		const scan = await scanAsUtf8(path, sniff, skip, headerText).catch(() => null);
		if (scan && scan.problemCount > 0) {
			const first = scan.problems[0]!;
			const more =
				scan.problemCount > 1
					? ` (and ${formatCount(scan.problemCount - 1)} more problem${scan.problemCount === 2 ? '' : 's'} like it)`
					: '';
			return new Refusal(
				`Lantern could not read this ${source.label} file as CSV: ${first.message}${more}. ${advice}`,
				scan.problems,
				scan.problemCount,
				source
			);
		}
	}
	console.error(
		`Lantern: DuckDB could not read a ${source.label} CSV: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`
	);
	return new Refusal(
		`Lantern could not read this ${source.label} file as CSV: its rows could not be split into cells the same way throughout, and no single line stood out. ${advice}`,
		[],
		0,
		source
	);
}

/** The scan reads UTF-8 bytes: a UTF-16 file is decoded to a temporary copy first. */
async function scanAsUtf8(path: string, sniff: FileSniff, skip: number, headerText: readonly string[]) {
	if (sniff.encoding !== 'utf-16') return scanCsv(path, { skip, headerNames: headerText });
	const copy = join(tmpdir(), `lantern-${randomUUID()}.csv`);
	try {
		const decoder = new TextDecoder('utf-16le');
		await pipeline(
			createReadStream(path),
			async function* (chunks: AsyncIterable<Buffer>) {
				for await (const chunk of chunks) yield decoder.decode(chunk, { stream: true }).replace(/^\uFEFF/, '');
			},
			createWriteStream(copy)
		);
		return await scanCsv(copy, { skip, headerNames: headerText });
	} finally {
		await rm(copy, { force: true });
	}
}

async function transcodeWindows1252(source: string, target: string): Promise<void> {
	const decoder = new TextDecoder('windows-1252');
	await pipeline(
		createReadStream(source),
		async function* (chunks: AsyncIterable<Buffer>) {
			// A single-byte encoding: every chunk boundary is a character boundary.
			for await (const chunk of chunks) yield decoder.decode(chunk);
		},
		createWriteStream(target)
	);
}
