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

export interface CsvCell {
	value: string;
	quoted: boolean;
}

/** Reads what csvDocument writes (and RFC 4180 generally), keeping whether each cell was quoted. */
export function parseCsv(text: string): CsvCell[][] {
	const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
	const records: CsvCell[][] = [];
	let record: CsvCell[] = [];
	let position = 0;
	while (position < body.length) {
		let value = '';
		const quoted = body[position] === '"';
		if (quoted) {
			position++;
			for (;;) {
				const close = body.indexOf('"', position);
				if (close < 0) throw new Error(`Unclosed quote in record ${records.length + 1}`);
				value += body.slice(position, close);
				position = close + 1;
				if (body[position] !== '"') break;
				value += '"';
				position++;
			}
		} else {
			const end = body.slice(position).search(/[,\r\n]/);
			value = end < 0 ? body.slice(position) : body.slice(position, position + end);
			position += value.length;
		}
		record.push({ value, quoted });
		if (body[position] === ',') {
			position++;
			continue;
		}
		if (body[position] === '\r') position++;
		position++; // the newline, or past the end
		records.push(record);
		record = [];
	}
	return records;
}

/** parseCsv as objects keyed by the header row. */
export function readCsvRecords(text: string): Record<string, string>[] {
	const [header, ...rows] = parseCsv(text);
	const names = (header ?? []).map((cell) => cell.value);
	return rows.map((row) => Object.fromEntries(names.map((name, index) => [name, row[index]?.value ?? ''])));
}
