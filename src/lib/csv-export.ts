/**
 * CSV that Lantern writes for people (a chart's data table). A cell that a spreadsheet would read
 * as a formula (=, +, -, @, tab or carriage return first) is neutralised with a leading apostrophe,
 * so an uploaded post text such as "=HYPERLINK(…)" can never run when the file is opened.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
/** Numbers as the formatter writes them (−3.0%, -12, a change of +0.7%) are data, not formulas. */
const PLAIN_NUMBER = /^[-−+]?[\d,]+(\.\d+)?%?$/;

export function neutraliseCell(value: string): string {
	return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

export function toCsv(columns: readonly string[], rows: readonly (readonly string[])[]): string {
	const cell = (value: string) => {
		const safe = neutraliseCell(value);
		return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
	};
	return [columns, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}
