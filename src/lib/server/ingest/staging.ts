import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../db/database';
import { splitCsvLine } from './csv-line';
import { sqlIdentifier, sqlString } from './field-sql';
import { normaliseHeader } from './headers';
import type { FileSniff } from './read-file';
import { Refusal } from './refusal';
import type { SourceSpec } from './source';
import { readWorkbook, sheetToCsv } from './xlsx';
import { CarError, readBlueskyCar, type BlueskyPost } from './car';
import { SOURCES } from './sources';

export const HEADER_SCAN_LINES = 10;

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

export function matchesSource(source: SourceSpec, header: string[]): boolean {
	return source.anchors.every((anchor) => header.includes(anchor)) && !(source.absent ?? []).some((cell) => header.includes(cell));
}

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

/** A CSV recognised from its first lines: its format, where its header sits, and what it says. */
export interface RecognisedCsv {
	source: SourceSpec;
	/** lines above the header */
	index: number;
	/** normalised header cells, and as written */
	header: string[];
	headerText: string[];
	preamble: string[];
	sample: { header: string[]; rows: string[][] };
}

/** Finds the first of the head's lines that is a header some candidate format knows. */
export function recogniseCsv(head: string, sheet: string | null, candidates: readonly SourceSpec[]): RecognisedCsv | null {
	const allLines = head.split(/\r?\n/);
	const lines = allLines.slice(0, HEADER_SCAN_LINES);
	for (const [index, line] of lines.entries()) {
		const headerText = splitCsvLine(line).map((cell) => cell.replace(/^\uFEFF/, '').trim());
		const header = headerText.map(normaliseHeader);
		const source = candidates.find((candidate) => (candidate.format ?? 'csv') === 'csv' && (candidate.sheet ?? null) === sheet && matchesSource(candidate, header))
			?? (sheet === null ? undefined : candidates.find((candidate) => (candidate.format ?? 'csv') === 'csv' && !candidate.sheet && matchesSource(candidate, header)));
		if (source) {
			const sampleLines = allLines.slice(index, index + 61).filter((l) => l.trim() !== '').map((l) => splitCsvLine(l));
			return {
				source,
				index,
				header,
				headerText,
				preamble: lines.slice(0, index).map((l) => splitCsvLine(l).join(' ').trim()),
				sample: { header: sampleLines[0] ?? [], rows: sampleLines.slice(1) }
			};
		}
	}
	return null;
}

/** Recognises a CSV from its first lines and stages it, or returns null when no format matches. */
async function stageCsvIfKnown(connection: DuckDBConnection, path: string, fileName: string, sniff: FileSniff, head: string, sheet: string | null, candidates: readonly SourceSpec[]): Promise<Staged | null> {
	const recognised = recogniseCsv(head, sheet, candidates);
	if (!recognised) return null;
	const { source, index, header, preamble, sample } = recognised;
	const staged = await stageCsv(connection, path, fileName, sniff, source, index, neededColumns(source, header));
	return { ...staged, preamble, sample };
}

/** Each sheet of a workbook is tried as a CSV; the first one in a known format is imported. */
async function stageWorkbook(connection: DuckDBConnection, path: string, fileName: string, candidates: readonly SourceSpec[]): Promise<Staged> {
	const sheets = readWorkbook(await readFile(path));
	for (const sheet of sheets) {
		const csv = join(tmpdir(), `lantern-${randomUUID()}.csv`);
		try {
			const text = sheetToCsv(sheet);
			await writeFile(csv, text);
			const staged = await stageCsvIfKnown(connection, csv, fileName, { encoding: 'utf-8', kind: 'csv', head: text.slice(0, 65_536) }, text.slice(0, 65_536), normaliseHeader(sheet.name), candidates);
			if (staged) return staged;
		} finally {
			await rm(csv, { force: true });
		}
	}
	throw new Refusal(
		`Lantern does not recognise any sheet of this workbook (sheets: ${sheets.map((s) => `"${s.name}"`).join(', ')}). ` +
			`It reads LinkedIn's analytics workbook and any sheet laid out like the CSV formats: ${SOURCES.map((s) => s.label).join('; ')}. On the Uploads page you can map a sheet's columns by hand, and save the mapping for next time.`,
		[],
		0,
		null,
		true
	);
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

/** DuckDB's reader as Lantern uses it: every cell as text, columns named column0…, from line `skip` on. */
export function csvReaderSql(path: string, encoding: string, skip: string): string {
	return `read_csv(${path}, header = false, all_varchar = true, delim = ',', quote = '"', escape = '"',
			encoding = ${encoding}, skip = ${skip}, null_padding = false, max_line_size = 4000000)`;
}

async function stageCsv(connection: DuckDBConnection, path: string, fileName: string, sniff: FileSniff, source: SourceSpec, skip: number, needed: number[]): Promise<Staged> {
	// DuckDB's Latin-1 reader refuses Windows-1252's 0x80–0x9F (curly quotes, …), so transcode first.
	const transcoded = sniff.encoding === 'latin-1' ? join(tmpdir(), `lantern-${randomUUID()}.csv`) : null;
	try {
		if (transcoded) await transcodeWindows1252(path, transcoded);
		const reader = csvReaderSql('$1', '$2', '$3');
		const params = [transcoded ?? path, transcoded ? 'utf-8' : sniff.encoding, skip];
		const all = (await queryRows<{ column_name: string }>(connection, `DESCRIBE SELECT * FROM ${reader}`, params)).map((row) => row.column_name);
		// DuckDB reads only the projected columns; every other cell is still checked for shape.
		const projected = needed.length > 0 && needed.every((i) => i < all.length) ? needed.map((i) => sqlIdentifier(all[i]!)).join(', ') : '*';
		// Rows keep the file's order; numbering them from rowid is free, where row_number() OVER () would serialise the read.
		await connection.run(`CREATE OR REPLACE TEMP TABLE staging_cells AS SELECT ${projected} FROM ${reader}`, params);
		await connection.run('CREATE OR REPLACE TEMP VIEW staging AS SELECT rowid + 1 AS row_no, * FROM staging_cells');
	} catch (error) {
		throw new Refusal(
			`Lantern could not read this ${source.label} file as CSV: ${readerMessage(error, path, fileName)}. ` +
				'Rows may have different numbers of cells or a stray quote. If it was edited in a spreadsheet, export a fresh copy from the platform.',
			[],
			0,
			source
		);
	} finally {
		if (transcoded) await rm(transcoded, { force: true });
	}
	return describeStaging(connection, source, 1, skip);
}

async function describeStaging(connection: DuckDBConnection, source: SourceSpec, headerRow: number, lineOffset: number): Promise<Staged> {
	const columns = (await queryRows<{ column_name: string }>(connection, 'DESCRIBE staging'))
		.map((row) => row.column_name)
		.filter((name) => name !== 'row_no');
	const [row] = await queryRows(connection, 'SELECT * FROM staging WHERE row_no = $1', [headerRow]);
	const headerText = columns.map((column) => String(row?.[column] ?? '').replace(/^\uFEFF/, '').trim());
	return { source, headerRow, lineOffset, header: headerText.map(normaliseHeader), headerText, columns, preamble: [], sample: null };
}

/** A Mastodon (ActivityPub) archive's outbox.json: one post per item of `orderedItems`. */
async function stageActivityPub(connection: DuckDBConnection, path: string, fileName: string, sniff: FileSniff): Promise<Staged> {
	const source = SOURCES.find((candidate) => candidate.format === 'activitypub');
	if (!source || !/"orderedItems"/.test(sniff.head)) {
		throw new Refusal('Lantern reads two kinds of JSON file: a campaigns file ({"campaigns": […]}) and the outbox.json of a Mastodon archive. This is neither.');
	}
	return stageJsonItems(connection, path, fileName, source, `unnest(CAST(json_extract(json, '$.orderedItems') AS JSON[]))`, 'auto');
}

/** Stages one row per JSON item, with a synthetic header row naming the source's archive columns. */
async function stageJsonItems(connection: DuckDBConnection, jsonPath: string, fileName: string, source: SourceSpec, items: string, format: 'array' | 'auto'): Promise<Staged> {
	// 128 MB per JSON value (a whole Mastodon outbox is one): DuckDB reserves twice that, inside its memory limit.
	const columns = source.archiveColumns!;
	const header = columns.map((column, i) => `${sqlString(column.name)} AS c${i}`).join(', ');
	const values = columns.map((column, i) => `CAST(${column.sql} AS VARCHAR) AS c${i}`).join(', ');
	try {
		await connection.run(
			`CREATE OR REPLACE TEMP TABLE staging AS
			 SELECT 1::BIGINT AS row_no, ${header}
			 UNION ALL
			 SELECT 1 + row_number() OVER () AS row_no, ${values}
			 FROM (SELECT ${items} AS json FROM read_json_objects($1, format = '${format}', maximum_object_size = 134217728))`,
			[jsonPath]
		);
	} catch (error) {
		throw new Refusal(`Lantern could not read this ${source.label} file: ${readerMessage(error, jsonPath, fileName)}. Upload the file exactly as it came out of the archive.`, [], 0, source);
	}
	return describeStaging(connection, source, 1, 0);
}

/** `window.YTD.tweets.part0 = [...]`: the part after the first `=` is JSON. */
async function stageXArchive(connection: DuckDBConnection, path: string, fileName: string, sniff: FileSniff): Promise<Staged> {
	const part = /^\s*window\.YTD\.([A-Za-z_]+)\.part\d+/.exec(sniff.head)?.[1] ?? '';
	const source = SOURCES.find((candidate) => candidate.format === 'x-archive' && candidate.archiveParts?.includes(part));
	if (!source) {
		throw new Refusal(`This is the "${part}" file of an X data archive, which Lantern does not use. Upload tweets.js (or tweets-part1.js, …), account.js or following.js from the archive's data folder.`);
	}
	const json = join(tmpdir(), `lantern-${randomUUID()}.json`);
	try {
		await writeJsonPart(path, json);
		return await stageJsonItems(connection, json, fileName, source, 'json', 'array');
	} finally {
		await rm(json, { force: true });
	}
}

/** A Bluesky repository export (repo.car): its posts, decoded in-process, staged as JSON items. */
async function stageBlueskyCar(connection: DuckDBConnection, path: string, fileName: string): Promise<Staged> {
	const source = SOURCES.find((candidate) => candidate.format === 'bluesky-car')!;
	let posts: BlueskyPost[];
	try {
		posts = readBlueskyCar(await readFile(path)).posts;
	} catch (error) {
		if (error instanceof CarError) throw new Refusal(error.message, [], 0, source);
		throw error;
	}
	if (posts.length === 0) throw new Refusal('This Bluesky repository export holds no posts, so there is nothing to import. (Likes, follows and reposts of other accounts are not imported.)', [], 0, source);
	const json = join(tmpdir(), `lantern-${randomUUID()}.json`);
	try {
		await writeFile(json, JSON.stringify(posts));
		return await stageJsonItems(connection, json, fileName, source, 'json', 'array');
	} finally {
		await rm(json, { force: true });
	}
}

/** DuckDB's reader error, first lines only, naming the person's file rather than our temporary copy. */
function readerMessage(error: unknown, path: string, fileName: string): string {
	const message = error instanceof Error ? error.message : String(error);
	// The reader quotes the offending line; it may hold personal data, and the import log keeps messages.
	const withoutLine = message.split(/\n?Original Line:/)[0]!;
	return withoutLine.split('\n').slice(0, 2).join(' ').replaceAll(path, fileName).replace(/^Invalid Input Error: /, '').slice(0, 300);
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

/** Copies the file without its `window.YTD.x.partN =` prefix. */
async function writeJsonPart(source: string, target: string): Promise<void> {
	let prefixDone = false;
	let pending = '';
	await pipeline(
		createReadStream(source, { encoding: 'utf8' }),
		async function* (chunks: AsyncIterable<string>) {
			for await (const chunk of chunks) {
				if (prefixDone) {
					yield chunk;
					continue;
				}
				pending += chunk;
				const equals = pending.indexOf('=');
				if (equals >= 0) {
					prefixDone = true;
					yield pending.slice(equals + 1);
					pending = '';
				}
			}
			if (!prefixDone) throw new Refusal('This X archive file has no data after its `window.YTD…` prefix.');
		},
		createWriteStream(target)
	);
}
