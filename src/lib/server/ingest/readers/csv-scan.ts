import { createReadStream } from 'node:fs';
import type { ImportError } from '../../../domain/imports';
import { formatCount } from '../../../format';
import { Refusal } from '../refusal';

/**
 * Lantern reads a header of up to this many columns. The widest export it knows (the IMLS Public
 * Libraries Survey) has about 170; DuckDB plans every column of a 100,000-column header before it
 * reads a row, and ran out of memory doing so.
 */
export const MAX_COLUMNS = 2_000;
/** DuckDB's `max_line_size` as Lantern sets it (stage-csv.ts): a longer record stops the reader. */
export const MAX_RECORD_BYTES = 4_000_000;
const MAX_REPORTED = 100;

export interface CsvScan {
	/** cells in the header record */
	headerCells: number;
	problems: ImportError[];
	problemCount: number;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const NEWLINE = 0x0a;
const RETURN = 0x0d;

/**
 * Scans a CSV's bytes (UTF-8) the way RFC 4180 splits them, counting cells per record, to say where
 * the file breaks when DuckDB's reader gave up without a usable line number: a record with more or
 * fewer cells than the header, a quote mark never closed or one inside an unquoted cell, a record
 * longer than the reader takes, bytes that are not UTF-8. Lines are physical lines, counted from 1;
 * `skip` lines above the header are passed over. `stopAfterHeader` stops once the header is counted,
 * for the early width check.
 */
export async function scanCsv(
	path: string,
	options: { skip: number; headerNames?: readonly string[]; stopAfterHeader?: boolean }
): Promise<CsvScan> {
	const { skip, headerNames = [], stopAfterHeader = false } = options;
	const problems: ImportError[] = [];
	let problemCount = 0;
	const report = (problem: ImportError) => {
		problemCount += 1;
		if (problems.length < MAX_REPORTED) problems.push(problem);
	};
	const columnName = (cell: number) => (headerNames[cell] ? headerNames[cell] : `column ${formatCount(cell + 1)}`);

	let line = 1;
	let recordLine = 1;
	let record = 0; // records seen, the header being record 0 after the skipped lines
	let headerCells = -1;
	let cells = 1;
	let cellBytes = 0;
	let recordBytes = 0;
	let quoted = false;
	let quoteLine = 0;
	let quoteCell = 0;
	/** a quote inside a quoted cell: closes it, unless the next byte is another quote (an escaped one) */
	let quotePending = false;
	let strayQuoteReported = false;
	let longReported = false;
	let utf8Needed = 0;
	let utf8Reported = false;
	let done = false;
	const inData = () => line > skip;

	const endRecord = () => {
		if (recordLine > skip) {
			const blank = cells === 1 && recordBytes === 0;
			if (record === 0) {
				headerCells = cells;
				if (stopAfterHeader) done = true;
			} else if (!blank && cells !== headerCells) {
				const span =
					line > recordLine ? ` (running on to line ${formatCount(line)}, so a quote mark probably joined lines)` : '';
				report({
					row: recordLine,
					column:
						cells > headerCells
							? `column ${formatCount(headerCells + 1)}, after ${columnName(headerCells - 1)}`
							: columnName(cells - 1),
					message:
						`line ${formatCount(recordLine)}${span} has ${formatCount(cells)} cells where the header has ${formatCount(headerCells)}` +
						(cells > headerCells
							? ': a cell beyond the last column, often a comma inside a value that is not in quotes'
							: ': cells are missing at the end of the line')
				});
			}
			if (!blank || record === 0) record += 1;
		}
		cells = 1;
		cellBytes = 0;
		recordBytes = 0;
		strayQuoteReported = false;
		longReported = false;
		recordLine = line + 1;
	};

	const stream = createReadStream(path, { highWaterMark: 1 << 20 });
	try {
		for await (const chunk of stream as AsyncIterable<Buffer>) {
			for (let i = 0; i < chunk.length; i += 1) {
				const byte = chunk[i]!;
				if (!utf8Reported && inData()) {
					if (utf8Needed > 0) {
						if ((byte & 0xc0) === 0x80) utf8Needed -= 1;
						else utf8Needed = -1;
					} else if (byte >= 0x80) {
						utf8Needed =
							byte >= 0xc2 && byte <= 0xdf
								? 1
								: byte >= 0xe0 && byte <= 0xef
									? 2
									: byte >= 0xf0 && byte <= 0xf4
										? 3
										: -1;
					}
					if (utf8Needed < 0) {
						utf8Reported = true;
						report({
							row: line,
							column: record === 0 ? 'header' : columnName(cells - 1),
							message: `line ${formatCount(line)} has bytes that are not UTF-8 text: save the file as "CSV UTF-8" and upload it again`
						});
					}
				}
				if (quotePending) {
					quotePending = false;
					if (byte === QUOTE) {
						cellBytes += 1;
						recordBytes += 1;
						continue;
					}
					quoted = false;
				}
				if (quoted) {
					if (byte === QUOTE) quotePending = true;
					else if (byte === NEWLINE) line += 1;
					cellBytes += 1;
					recordBytes += 1;
				} else if (byte === QUOTE) {
					if (cellBytes === 0) {
						quoted = true;
						quoteLine = line;
						quoteCell = cells - 1;
					} else if (!strayQuoteReported && line > skip && record > 0) {
						strayQuoteReported = true;
						report({
							row: line,
							column: columnName(cells - 1),
							message: `a quote mark (") sits inside a cell that does not start with one, on line ${formatCount(line)}: put the whole cell in quotes and double the quote mark ("")`
						});
					}
					cellBytes += 1;
					recordBytes += 1;
				} else if (byte === COMMA) {
					cells += 1;
					cellBytes = 0;
					recordBytes += 1;
				} else if (byte === NEWLINE) {
					endRecord();
					line += 1;
				} else if (byte !== RETURN) {
					cellBytes += 1;
					recordBytes += 1;
				}
				if (recordBytes > MAX_RECORD_BYTES && !longReported && recordLine > skip) {
					longReported = true;
					report({
						row: recordLine,
						column: record === 0 ? 'header' : columnName(cells - 1),
						message: `line ${formatCount(recordLine)} is longer than the ${formatCount(MAX_RECORD_BYTES / 1_000_000)} million characters Lantern reads in one row (a cell there runs on): check that its quote marks are closed`
					});
					// Past a runaway cell the rest of the file cannot be split reliably: the first such line is the answer.
					done = true;
				}
				if (done) break;
			}
			if (done) break;
		}
	} finally {
		stream.destroy();
	}
	if (!done) {
		if (quotePending) quoted = false;
		if (quoted) {
			report({
				row: quoteLine,
				column: columnName(quoteCell),
				message: `a quote mark (") opens a cell on line ${formatCount(quoteLine)} and is never closed, so the rest of the file ran into that cell`
			});
		} else if (cells > 1 || recordBytes > 0) endRecord();
	}
	if (headerCells < 0) headerCells = 0;
	return { headerCells, problems, problemCount };
}

/**
 * Refuses a header wider than Lantern reads before DuckDB plans its columns. Reads the file up to the
 * end of the header record only: the head Lantern sniffs (64 KB) may end inside a wide header.
 */
export async function refuseTooWide(path: string, skip: number, encoding: string): Promise<void> {
	// UTF-16 has commas two bytes wide; its exports (Instagram's) are narrow.
	if (encoding === 'utf-16') return;
	const { headerCells } = await scanCsv(path, { skip, stopAfterHeader: true });
	if (headerCells > MAX_COLUMNS) {
		throw new Refusal(
			`Too many columns (${formatCount(headerCells)}; Lantern reads up to ${formatCount(MAX_COLUMNS)}): the header on line ${formatCount(skip + 1)} is wider than any export Lantern knows. Check that this is the export itself and that its first line is the header.`
		);
	}
}
