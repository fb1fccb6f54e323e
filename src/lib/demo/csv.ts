/**
 * A tiny CSV writer. Each export quotes differently, and the importers must cope with each, so
 * the style is chosen per file: `always` (X, LibCal), `meta` (Meta Business Suite: quotes any
 * field with a space, comma, quote or line break) or `minimal` (RFC 4180: only when required).
 */
export type QuoteStyle = 'always' | 'meta' | 'minimal';

const NEEDS_QUOTES: Record<QuoteStyle, RegExp | null> = {
	always: null,
	meta: /[",\r\n ]/,
	minimal: /[",\r\n]/
};

export function csvField(value: string, style: QuoteStyle): string {
	const pattern = NEEDS_QUOTES[style];
	const quoted = pattern === null || pattern.test(value);
	return quoted ? `"${value.replaceAll('"', '""')}"` : value;
}

export interface CsvOptions {
	style: QuoteStyle;
	/** Meta writes UTF-8 with a byte-order mark; the others do not. */
	bom?: boolean;
}

/**
 * The whole file: the header verbatim (exports differ in how they quote it, so it is passed as
 * the exact bytes), then one LF-terminated line per row, ending with a newline.
 */
export function csvDocument(header: string, rows: readonly (readonly string[])[], options: CsvOptions): string {
	const lines = [header, ...rows.map((row) => row.map((field) => csvField(field, options.style)).join(','))];
	return `${options.bom ? '\uFEFF' : ''}${lines.join('\n')}\n`;
}

export { parseCsv, type CsvCell } from '../csv-parse';
import { parseCsv } from '../csv-parse';

/** parseCsv as objects keyed by the header row. */
export function readCsvRecords(text: string): Record<string, string>[] {
	const [header, ...rows] = parseCsv(text);
	const names = (header ?? []).map((cell) => cell.value);
	return rows.map((row) => Object.fromEntries(names.map((name, index) => [name, row[index]?.value ?? ''])));
}
