/** RFC 4180 CSV reading shared by the demo's checks and the command line's `impact its`. */

export interface CsvCell {
	value: string;
	quoted: boolean;
}

/**
 * RFC 4180 records: quoted fields may hold commas, quotes ("") and line breaks; CRLF or LF; a
 * UTF-8 byte-order mark is dropped. Keeps whether each cell was quoted (the demo's checks need it).
 */
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
