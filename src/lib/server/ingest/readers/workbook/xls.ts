import { Refusal } from '../../refusal';
import { damaged, recordAt, SAVE_AS_XLSX, TextReader, withContinues } from './biff-records';
import { openCompoundFile } from './compound-file';
import type { WorkbookBudget } from './limits';
import { serialToText, timeFormatOf, type TimeFormat } from './number-format';
import { SheetGrid, type Sheet } from './sheet';

/** BIFF8 record types read here (MS-XLS §2.3). */
const RECORD = {
	BOF: 0x0809,
	EOF: 0x000a,
	FILEPASS: 0x002f,
	DATEMODE: 0x0022,
	FORMAT: 0x041e,
	XF: 0x00e0,
	BOUNDSHEET: 0x0085,
	SST: 0x00fc,
	LABELSST: 0x00fd,
	LABEL: 0x0204,
	RSTRING: 0x00d6,
	NUMBER: 0x0203,
	RK: 0x027e,
	MULRK: 0x00bd,
	BOOLERR: 0x0205,
	FORMULA: 0x0006,
	STRING: 0x0207
} as const;

const BIFF8 = 0x0600;
const WORKSHEET = 0;

/**
 * Reads an old binary Excel workbook (.xls, BIFF8, Excel 97–2003; LinkedIn's Page exports): the
 * Compound File container's Workbook stream, its shared strings, number formats and date system,
 * then each worksheet's cells into the same sheets an .xlsx gives.
 */
export function readXls(bytes: Buffer, budget: WorkbookBudget): Sheet[] {
	const file = openCompoundFile(bytes);
	if (file.has('EncryptedPackage'))
		throw new Refusal(
			`This workbook is protected with a password, so Lantern cannot read it. Open it in Excel, remove the password (File → Info → Protect Workbook), save it and upload it again.`
		);
	const stream = file.stream('Workbook');
	if (!stream) {
		if (file.has('Book'))
			throw new Refusal(`This is an Excel 5.0/95 workbook, older than Lantern reads. ${SAVE_AS_XLSX}`);
		throw new Refusal(
			'This is a Microsoft Office file but not an Excel workbook (it has no Workbook stream). Upload the CSV or Excel export itself.'
		);
	}
	budget.scan(stream.length);
	const globals = readGlobals(stream, budget);
	const worksheets = globals.sheets.filter((sheet) => sheet.type === WORKSHEET);
	// Each sheet is read up to where the next one starts, so sheets sharing bytes cannot multiply the work.
	const starts = [...new Set(globals.sheets.map((sheet) => sheet.offset))].sort((a, b) => a - b);
	if (starts.length < globals.sheets.length) throw damaged('two sheets start at the same place');
	return worksheets.map((sheet, index) => {
		budget.sheet(index);
		const end = starts.find((start) => start > sheet.offset) ?? stream.length;
		const grid = new SheetGrid(sheet.name, budget);
		readWorksheet(stream.subarray(0, end), sheet.offset, grid, globals);
		return grid.finish();
	});
}

interface Globals {
	sheets: { name: string; offset: number; type: number }[];
	sharedStrings: string[];
	/** each cell format (XF) record's date or time format */
	styles: (TimeFormat | null)[];
	date1904: boolean;
}

function readGlobals(stream: Buffer, budget: WorkbookBudget): Globals {
	const bof = recordAt(stream, 0);
	if (!bof || bof.type !== RECORD.BOF || bof.data.length < 4) throw damaged('it does not start with a BIFF header');
	if (bof.data.readUInt16LE(0) !== BIFF8)
		throw new Refusal(
			`This .xls file was written in an Excel format older than Excel 97, which Lantern does not read. ${SAVE_AS_XLSX}`
		);
	const globals: Globals = { sheets: [], sharedStrings: [], styles: [], date1904: false };
	const customCodes = new Map<number, string>();
	const xfFormats: number[] = [];
	let offset = bof.next;
	for (let record = recordAt(stream, offset); record && record.type !== RECORD.EOF; record = recordAt(stream, offset)) {
		offset = record.next;
		const { type, data } = record;
		if (type === RECORD.FILEPASS) {
			throw new Refusal(
				`This workbook is protected with a password (it is encrypted), so Lantern cannot read it. Open it in Excel, remove the password (File → Info → Protect Workbook), save it as .xlsx and upload that.`
			);
		} else if (type === RECORD.DATEMODE && data.length >= 2) {
			globals.date1904 = data.readUInt16LE(0) === 1;
		} else if (type === RECORD.FORMAT && data.length >= 5) {
			customCodes.set(data.readUInt16LE(0), new TextReader([data], 4).characters(data.readUInt16LE(2)));
		} else if (type === RECORD.XF && data.length >= 4) {
			xfFormats.push(data.readUInt16LE(2));
		} else if (type === RECORD.BOUNDSHEET && data.length >= 8) {
			budget.sheet(globals.sheets.length);
			globals.sheets.push({
				offset: data.readUInt32LE(0),
				type: data[5]!,
				name: new TextReader([data], 7).characters(data[6]!)
			});
		} else if (type === RECORD.SST) {
			const { segments, next } = withContinues(stream, record);
			globals.sharedStrings = readSharedStrings(segments, budget);
			offset = next;
		}
	}
	globals.styles = xfFormats.map((id) => timeFormatOf(id, customCodes));
	return globals;
}

/** The shared string table (SST): each XLUnicodeRichExtendedString, formatting runs and phonetics skipped. */
function readSharedStrings(segments: Buffer[], budget: WorkbookBudget): string[] {
	const reader = new TextReader(segments, 8);
	const count = segments[0]!.length >= 8 ? segments[0]!.readUInt32LE(4) : 0;
	const strings: string[] = [];
	while (strings.length < count && !reader.atEnd()) {
		budget.sharedString(strings.length);
		const length = reader.u16();
		const flags = reader.u8();
		const runs = flags & 0x08 ? reader.u16() : 0;
		const phonetic = flags & 0x04 ? reader.u32() : 0;
		budget.checkTextFits(length);
		const text = reader.unicodeString(length, flags);
		reader.skip(runs * 4 + phonetic);
		budget.keepText(text.length);
		strings.push(text);
	}
	return strings;
}

/** An RK number: a 30-bit integer or the top of a double, maybe divided by 100 (MS-XLS §2.5.217). */
function rkNumber(rk: number): number {
	const value = rk & 0x02 ? rk >> 2 : new DataView(new Uint32Array([0, rk & 0xfffffffc]).buffer).getFloat64(0, true);
	return rk & 0x01 ? value / 100 : value;
}

/** A worksheet substream's cells, from its BOF to its EOF (or the start of the next sheet). */
function readWorksheet(stream: Buffer, offset: number, grid: SheetGrid, globals: Globals): void {
	const bof = recordAt(stream, offset);
	if (!bof || bof.type !== RECORD.BOF) throw damaged(`sheet "${grid.name}" does not start where the workbook says`);
	const numberText = (value: number, xf: number) => {
		const format = globals.styles[xf] ?? null;
		return format ? serialToText(value, format, globals.date1904) : String(value);
	};
	let pendingString: { row: number; column: number } | null = null;
	let position = bof.next;
	for (
		let record = recordAt(stream, position);
		record && record.type !== RECORD.EOF;
		record = recordAt(stream, position)
	) {
		position = record.next;
		const { type, data } = record;
		if (data.length < 6 && type !== RECORD.STRING) continue;
		const row = data.length >= 6 ? data.readUInt16LE(0) : 0;
		const column = data.length >= 6 ? data.readUInt16LE(2) : 0;
		const xf = data.length >= 6 ? data.readUInt16LE(4) : 0;
		switch (type) {
			case RECORD.LABELSST:
				if (data.length >= 10) grid.set(row, column, globals.sharedStrings[data.readUInt32LE(6)] ?? '');
				break;
			case RECORD.LABEL:
			case RECORD.RSTRING:
				if (data.length >= 9) grid.set(row, column, new TextReader([data], 8).characters(data.readUInt16LE(6)));
				break;
			case RECORD.NUMBER:
				if (data.length >= 14) grid.set(row, column, numberText(data.readDoubleLE(6), xf));
				break;
			case RECORD.RK:
				if (data.length >= 10) grid.set(row, column, numberText(rkNumber(data.readUInt32LE(6)), xf));
				break;
			case RECORD.MULRK:
				for (let i = 0; 4 + i * 6 + 6 <= data.length - 2; i++) {
					grid.set(
						row,
						column + i,
						numberText(rkNumber(data.readUInt32LE(4 + i * 6 + 2)), data.readUInt16LE(4 + i * 6))
					);
				}
				break;
			case RECORD.BOOLERR:
				// an error (#N/A, #DIV/0!) is no value
				if (data.length >= 8) grid.set(row, column, data[7] ? '' : data[6] ? 'TRUE' : 'FALSE');
				break;
			case RECORD.FORMULA:
				if (data.length < 14) break;
				// A cached result that is not a number marks its last two bytes 0xFFFF; its first byte says what it is.
				if (data.readUInt16LE(12) !== 0xffff) grid.set(row, column, numberText(data.readDoubleLE(6), xf));
				else if (data[6] === 0)
					pendingString = { row, column }; // the text follows in a STRING record
				else if (data[6] === 1) grid.set(row, column, data[8] ? 'TRUE' : 'FALSE');
				break;
			case RECORD.STRING: {
				const { segments, next } = withContinues(stream, record);
				position = next;
				if (pendingString && data.length >= 3) {
					const reader = new TextReader(segments, 2);
					grid.set(pendingString.row, pendingString.column, reader.characters(data.readUInt16LE(0)));
				}
				pendingString = null;
				break;
			}
		}
	}
}
