import { Refusal } from '../../refusal';
import { readZipEntry, zipEntries, type ZipEntry } from '../zip';
import type { WorkbookBudget } from './limits';
import { serialToText, timeFormatOf, type TimeFormat } from './number-format';
import { SheetGrid, type Sheet } from './sheet';
import { decodeXmlText, scanXml, type XmlVisitor } from './xml';

/**
 * Reads an .xlsx workbook's sheets as text cells. Row and column positions come from each cell's
 * own reference (or follow the previous cell when a writer leaves it out), never the sheet's
 * <dimension> (LinkedIn's generator leaves it at A1). Dates and times are read by their number
 * format from xl/styles.xml.
 */
export function readXlsx(bytes: Buffer, budget: WorkbookBudget): Sheet[] {
	const entries = new Map(zipEntries(bytes).map((entry) => [entry.name.replaceAll('\\', '/').toLowerCase(), entry]));
	const part = (path: string): Buffer | null => {
		const entry: ZipEntry | undefined = entries.get(path.toLowerCase());
		if (!entry) return null;
		const xml = readZipEntry(bytes, entry);
		budget.scan(xml.length);
		return xml;
	};
	const workbookXml = part('xl/workbook.xml');
	if (!workbookXml)
		throw new Refusal(
			'This ZIP is not an Excel workbook (it has no xl/workbook.xml). Upload the CSV or .xlsx export itself.'
		);
	const workbook = readWorkbookPart(workbookXml);
	const relationships = readRelationships(part('xl/_rels/workbook.xml.rels'));
	const related = (type: string, fallback: string) =>
		[...relationships.values()].find((r) => r.type.endsWith(`/${type}`))?.path ?? fallback;
	const sharedStrings = readSharedStrings(part(related('sharedStrings', 'xl/sharedStrings.xml')), budget);
	const { styles } = readStyles(part(related('styles', 'xl/styles.xml')));
	return workbook.sheets.map((sheet, index) => {
		budget.sheet(index);
		const path = relationships.get(sheet.relationship)?.path;
		const grid = new SheetGrid(sheet.name, budget);
		const xml = path ? part(path) : null;
		if (xml) scanXml(xml, path!, sheetVisitor(grid, path!, { sharedStrings, styles, date1904: workbook.date1904 }));
		return grid.finish();
	});
}

interface Relationship {
	type: string;
	/** the target's path inside the package */
	path: string;
}

/** Relationship targets are relative to the workbook's folder, `xl/`, unless they start with `/`. */
function resolveTarget(target: string): string {
	const segments = target.startsWith('/') ? [] : ['xl'];
	for (const segment of target.replaceAll('\\', '/').split('/')) {
		if (segment === '..') segments.pop();
		else if (segment !== '' && segment !== '.') segments.push(segment);
	}
	return segments.join('/');
}

function readRelationships(xml: Buffer | null): Map<string, Relationship> {
	const relationships = new Map<string, Relationship>();
	if (!xml) return relationships;
	scanXml(xml, 'xl/_rels/workbook.xml.rels', {
		open(name, attributes) {
			if (name === 'Relationship' && attributes.Id && attributes.Target && attributes.TargetMode !== 'External') {
				relationships.set(attributes.Id, { type: attributes.Type ?? '', path: resolveTarget(attributes.Target) });
			}
		},
		close() {},
		text() {}
	});
	return relationships;
}

function readWorkbookPart(xml: Buffer): { sheets: { name: string; relationship: string }[]; date1904: boolean } {
	const sheets: { name: string; relationship: string }[] = [];
	let date1904 = false;
	scanXml(xml, 'xl/workbook.xml', {
		open(name, attributes) {
			if (name === 'workbookPr') date1904 = attributes.date1904 === '1' || attributes.date1904 === 'true';
			// r:id; the prefix is dropped, and no other attribute of <sheet> is called id
			if (name === 'sheet' && attributes.name !== undefined)
				sheets.push({ name: attributes.name, relationship: attributes.id ?? '' });
		},
		close() {},
		text() {}
	});
	return { sheets, date1904 };
}

/** Decodes Excel's escapes for characters XML cannot hold, such as `_x000D_` for a carriage return. */
const unescapeExcel = (text: string) =>
	text.includes('_x')
		? text.replace(/_x([0-9a-fA-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
		: text;

/**
 * Collects the text of <t> elements inside one element (a shared string's <si>, a cell's <is>):
 * rich-text runs are joined, and phonetic guides (<rPh>, the readings over Japanese text) are left out.
 */
class RichText {
	private pieces: string[] = [];
	private inText = false;
	private phonetic = 0;
	private length = 0;

	constructor(private readonly budget: WorkbookBudget) {}

	open(name: string, selfClosing: boolean): void {
		if (name === 'rPh' && !selfClosing) this.phonetic += 1;
		else if (name === 't' && !selfClosing && this.phonetic === 0) this.inText = true;
	}

	close(name: string): void {
		if (name === 'rPh') this.phonetic = Math.max(0, this.phonetic - 1);
		else if (name === 't') this.inText = false;
	}

	text(xml: Buffer, start: number, end: number, cdata: boolean): void {
		if (!this.inText) return;
		this.length += end - start;
		this.budget.checkTextFits(this.length);
		this.pieces.push(cdata ? xml.toString('utf8', start, end) : decodeXmlText(xml, start, end));
	}

	take(): string {
		const text = unescapeExcel(this.pieces.join(''));
		this.pieces = [];
		this.inText = false;
		this.phonetic = 0;
		this.length = 0;
		return text;
	}
}

function readSharedStrings(xml: Buffer | null, budget: WorkbookBudget): string[] {
	const strings: string[] = [];
	if (!xml) return strings;
	const text = new RichText(budget);
	const add = () => {
		budget.sharedString(strings.length);
		const value = text.take();
		budget.keepText(value.length);
		strings.push(value);
	};
	scanXml(xml, 'xl/sharedStrings.xml', {
		open(name, _, selfClosing) {
			// An empty <si/> is a string too: skipping it shifted every later one.
			if (name === 'si') {
				text.take();
				if (selfClosing) add();
			} else text.open(name, selfClosing);
		},
		close(name) {
			if (name === 'si') add();
			else text.close(name);
		},
		text: (xml, start, end, cdata) => text.text(xml, start, end, cdata)
	});
	return strings;
}

/** Each cell style's date or time format (cells name their style by its index in <cellXfs>). */
function readStyles(xml: Buffer | null): { styles: (TimeFormat | null)[] } {
	const customCodes = new Map<number, string>();
	const numberFormats: number[] = [];
	if (xml) {
		let inCellXfs = false;
		scanXml(xml, 'xl/styles.xml', {
			open(name, attributes, selfClosing) {
				if (name === 'numFmt' && attributes.numFmtId !== undefined)
					customCodes.set(Number(attributes.numFmtId), attributes.formatCode ?? '');
				else if (name === 'cellXfs') inCellXfs = !selfClosing;
				else if (name === 'xf' && inCellXfs) numberFormats.push(Number(attributes.numFmtId ?? 0));
			},
			close(name) {
				if (name === 'cellXfs') inCellXfs = false;
			},
			text() {}
		});
	}
	return { styles: numberFormats.map((id) => timeFormatOf(id, customCodes)) };
}

interface SheetContext {
	sharedStrings: string[];
	styles: (TimeFormat | null)[];
	date1904: boolean;
}

/** A cell reference such as `AB12` as zero-based row and column; beyond Excel's grid stays beyond it. */
function parseReference(reference: string): { row: number; column: number } | null {
	const match = /^([A-Za-z]{1,8})([0-9]{1,10})$/.exec(reference);
	if (!match) return null;
	let column = 0;
	for (const letter of match[1]!.toUpperCase()) column = column * 26 + (letter.charCodeAt(0) - 64);
	return { row: Number(match[2]) - 1, column: column - 1 };
}

/**
 * Reads <row> and <c> elements into the grid. Merged cells (a header over A1:C1) are stored by
 * Excel in their first cell only; the cells merged away stay empty here, and every other cell keeps
 * its own column, so nothing shifts.
 */
function sheetVisitor(grid: SheetGrid, path: string, context: SheetContext): XmlVisitor {
	const damaged = (what: string) =>
		new Refusal(
			`Sheet "${grid.name}" of this workbook is damaged (${what} in ${path}). Open it in Excel and save it again, or save the sheet as CSV.`
		);
	const inline = new RichText(grid.budget);
	let row = -1;
	let column = -1;
	let cell: { row: number; column: number; type: string; style: number } | null = null;
	let inValue = false;
	let inInline = false;
	let value: string[] = [];
	let valueLength = 0;

	const finishCell = () => {
		if (!cell) return;
		const raw = value.join('');
		grid.set(
			cell.row,
			cell.column,
			cellText(cell.type, raw, inline.take(), context.styles[cell.style] ?? null, context)
		);
		cell = null;
		value = [];
		valueLength = 0;
	};

	return {
		open(name, attributes, selfClosing) {
			if (name === 'row') {
				const number = attributes.r === undefined ? row + 2 : Number(attributes.r);
				if (!Number.isInteger(number) || number < 1) throw damaged(`a row numbered "${attributes.r}"`);
				row = number - 1;
				column = -1;
			} else if (name === 'c') {
				finishCell();
				if (attributes.r !== undefined) {
					const reference = parseReference(attributes.r);
					if (!reference) throw damaged(`a cell reference "${attributes.r}"`);
					grid.checkPosition(reference.row, reference.column, attributes.r);
					({ row, column } = reference);
				} else {
					column += 1;
				}
				cell = { row: Math.max(row, 0), column, type: attributes.t ?? 'n', style: Number(attributes.s ?? 0) };
				if (selfClosing) finishCell();
			} else if (cell && name === 'v') {
				inValue = !selfClosing;
			} else if (cell && name === 'is') {
				inInline = !selfClosing;
			} else if (inInline) {
				inline.open(name, selfClosing);
			}
		},
		close(name) {
			if (name === 'c') finishCell();
			else if (name === 'v') inValue = false;
			else if (name === 'is') inInline = false;
			else if (inInline) inline.close(name);
		},
		text(xml, start, end, cdata) {
			if (inValue) {
				valueLength += end - start;
				grid.budget.checkTextFits(valueLength);
				value.push(cdata ? xml.toString('utf8', start, end) : decodeXmlText(xml, start, end));
			} else if (inInline) {
				inline.text(xml, start, end, cdata);
			}
		}
	};
}

/** A cell's value as text, by its type: shared or inline string, boolean, error, date, or number. */
function cellText(
	type: string,
	raw: string,
	inlineText: string,
	format: TimeFormat | null,
	context: SheetContext
): string {
	switch (type) {
		case 's':
			return context.sharedStrings[Number(raw.trim())] ?? '';
		case 'inlineStr':
			return inlineText;
		case 'str':
			return unescapeExcel(raw);
		case 'b':
			return raw.trim() === '' ? '' : raw.trim() === '1' ? 'TRUE' : 'FALSE';
		case 'e':
			return ''; // #N/A, #DIV/0! and the like: no value
		case 'd':
			return isoCellText(raw.trim());
		default: {
			const number = raw.trim();
			return format && number !== '' && Number.isFinite(Number(number))
				? serialToText(Number(number), format, context.date1904)
				: number;
		}
	}
}

/** A `t="d"` cell holds an ISO 8601 date or date-time: written as a date, or a date and time. */
function isoCellText(value: string): string {
	const match = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2})(?::(\d{2}))?)?/.exec(value);
	if (!match) return value;
	const [, day, clock, seconds] = match;
	return !clock || (clock === '00:00' && (seconds ?? '00') === '00') ? day! : `${day} ${clock}:${seconds ?? '00'}`;
}
