/**
 * Splits one CSV line into cells (RFC 4180 quoting within the line). Only used to recognise a
 * file from its first lines; DuckDB's reader parses the whole file.
 */
export function splitCsvLine(line: string, delimiter = ','): string[] {
	const cells: string[] = [];
	let cell = '';
	let quoted = false;
	for (let i = 0; i < line.length; i += 1) {
		const char = line[i]!;
		if (quoted) {
			if (char === '"' && line[i + 1] === '"') {
				cell += '"';
				i += 1;
			} else if (char === '"') quoted = false;
			else cell += char;
		} else if (char === '"' && cell.trim() === '') {
			quoted = true;
			cell = '';
		} else if (char === delimiter) {
			cells.push(cell);
			cell = '';
		} else cell += char;
	}
	cells.push(cell);
	return cells;
}
