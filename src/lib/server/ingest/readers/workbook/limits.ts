import { formatCount as count } from '../../../../format';
import { Refusal } from '../../refusal';

/**
 * How much of a workbook Lantern reads from one upload. Rows and columns stop where Excel's own
 * sheets stop; the rest keep a hostile file's cost to seconds and a few hundred MB. The largest
 * workbooks libraries send are far inside them: the Arts Council return is 129 rows × ~500 columns
 * (65,000 cells), a year of daily branch counts a few thousand rows.
 */
export const WORKBOOK_LIMITS = {
	/** Excel's last row */
	rows: 1_048_576,
	/** Excel's last column, XFD */
	columns: 16_384,
	/** the used area (rows × widest row) of all sheets together: each sheet becomes a CSV that wide and long */
	cells: 2_000_000,
	sharedStrings: 1_000_000,
	/** characters of text kept, all cells and shared strings together (up to 100 MB in memory) */
	textCharacters: 50_000_000,
	/** bytes of XML (or of .xls records) scanned in all: a sheet listed many times is read many times */
	scannedBytes: 1024 * 1024 * 1024,
	sheets: 1_000
};

export type WorkbookLimits = typeof WORKBOOK_LIMITS;

/** Column letters for a zero-based index: 0 → A, 16383 → XFD. */
export function columnName(index: number): string {
	let name = '';
	for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
	return name;
}

const SAVE_AGAIN = 'Open it in Excel and save it again, or save the sheet you need as CSV (UTF-8) and upload that.';

/**
 * One workbook's running totals against the limits. Every cell and string passes through here
 * before it is kept, so nothing grows past a limit before the file is refused.
 */
export class WorkbookBudget {
	private cellsBefore = 0;
	private text = 0;
	private scanned = 0;

	constructor(readonly limits: WorkbookLimits) {}

	scan(bytes: number): void {
		this.scanned += bytes;
		if (this.scanned > this.limits.scannedBytes)
			throw new Refusal(
				`This workbook is too large for Lantern to read (over ${count(this.limits.scannedBytes / 1024 / 1024)} MB of sheet data). ${SAVE_AGAIN}`
			);
	}

	keepText(characters: number): void {
		this.checkTextFits(characters);
		this.text += characters;
	}

	/** refuses before a run of text that would not fit is even decoded */
	checkTextFits(characters: number): void {
		if (this.text + characters > this.limits.textCharacters)
			throw new Refusal(
				`This workbook holds more text than Lantern reads from one file (over ${count(this.limits.textCharacters)} characters). ${SAVE_AGAIN}`
			);
	}

	sharedString(index: number): void {
		if (index >= this.limits.sharedStrings)
			throw new Refusal(
				`This workbook has more than ${count(this.limits.sharedStrings)} distinct texts, more than Lantern reads from one file. ${SAVE_AGAIN}`
			);
	}

	sheet(index: number): void {
		if (index >= this.limits.sheets)
			throw new Refusal(
				`This workbook has more than ${count(this.limits.sheets)} sheets, more than Lantern reads from one file. ${SAVE_AGAIN}`
			);
	}

	/** a sheet's used area has grown to `area` cells */
	checkArea(sheet: string, area: number, lastCell: string): void {
		if (this.cellsBefore + area > this.limits.cells) {
			throw new Refusal(
				`Sheet "${sheet}" has a value in cell ${lastCell}, which makes the workbook's used area more than ${count(this.limits.cells)} cells, more than Lantern reads from one file. ` +
					`Delete stray cells beyond the data, or save the sheet you need as CSV (UTF-8) and upload that.`
			);
		}
	}

	/** a finished sheet's used area now counts against the next sheets */
	closeSheet(area: number): void {
		this.cellsBefore += area;
	}

	checkPosition(sheet: string, row: number, column: number, cell: string): void {
		if (column >= this.limits.columns) {
			throw new Refusal(
				`Sheet "${sheet}" has a cell at ${cell}, beyond Excel's last column (${columnName(this.limits.columns - 1)}): the workbook is damaged or was not written by a spreadsheet program. ${SAVE_AGAIN}`
			);
		}
		if (row >= this.limits.rows) {
			throw new Refusal(
				`Sheet "${sheet}" has a cell in row ${count(row + 1)}${cell ? ` (${cell})` : ''}, beyond Excel's last row (${count(this.limits.rows)}): the workbook is damaged or was not written by a spreadsheet program. ${SAVE_AGAIN}`
			);
		}
	}
}
