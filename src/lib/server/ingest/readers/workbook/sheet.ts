import { columnName, type WorkbookBudget } from './limits';

export interface Sheet {
	name: string;
	/** cells by row, in column order; gaps between cells are empty strings */
	rows: string[][];
}

/**
 * One sheet's cells as they are read, in any order. Only cells with a value take room, and the
 * sheet's used area (last row × widest row) is checked against the workbook's budget as it grows,
 * so a single cell at XFD1048576 is refused instead of padded into a billion empty strings.
 */
export class SheetGrid {
	private readonly cells = new Map<number, string[]>();
	private rowCount = 0;
	private width = 0;

	constructor(
		readonly name: string,
		readonly budget: WorkbookBudget
	) {}

	/** refuses a cell outside Excel's grid, naming it as the file does (`reference`) */
	checkPosition(row: number, column: number, reference: string): void {
		this.budget.checkPosition(this.name, row, column, reference);
	}

	/** `row` and `column` are zero-based; an empty value leaves the cell empty */
	set(row: number, column: number, value: string): void {
		this.checkPosition(row, column, `${columnName(column)}${row + 1}`);
		if (value === '') return;
		if (row >= this.rowCount || column >= this.width) {
			this.rowCount = Math.max(this.rowCount, row + 1);
			this.width = Math.max(this.width, column + 1);
			this.budget.checkArea(this.name, this.rowCount * this.width, `${columnName(column)}${row + 1}`);
		}
		this.budget.keepText(value.length);
		let cells = this.cells.get(row);
		if (!cells) this.cells.set(row, (cells = []));
		cells[column] = value;
	}

	/** The sheet with every gap filled, rows as long as their last value. */
	finish(): Sheet {
		this.budget.closeSheet(this.rowCount * this.width);
		const rows = Array.from({ length: this.rowCount }, (_, index) => {
			const cells = this.cells.get(index);
			return cells ? Array.from(cells, (cell) => cell ?? '') : [];
		});
		return { name: this.name, rows };
	}
}
