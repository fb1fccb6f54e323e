/**
 * Test-only writers for workbooks as other programs write them, byte for byte: .xlsx parts from
 * hand-written XML (for what no library writes on request, such as namespace prefixes or an empty
 * shared string), workbooks written by ExcelJS, a different writer from Lantern's reader, and old
 * binary .xls files record by record (for what LibreOffice's fixtures do not hold: formulas, errors,
 * the 1904 date system, passwords, damage).
 */
import ExcelJS from 'exceljs';
import { zipOf } from '../test-support';

export const SPREADSHEET_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELATIONSHIPS_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_RELATIONSHIPS_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

export interface RawWorkbook {
	/** each sheet's whole worksheet part, by sheet name */
	sheets: Record<string, string>;
	sharedStrings?: string;
	styles?: string;
	/** a namespace prefix for workbook.xml's elements (`x` writes <x:workbook>), as some .NET writers do */
	prefix?: string;
	date1904?: boolean;
}

/** An .xlsx package around hand-written parts. */
export function xlsxFromXml(workbook: RawWorkbook): Buffer {
	const names = Object.keys(workbook.sheets);
	const p = workbook.prefix ? `${workbook.prefix}:` : '';
	const ns = workbook.prefix ? `xmlns:${workbook.prefix}="${SPREADSHEET_NS}"` : `xmlns="${SPREADSHEET_NS}"`;
	const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
	const sheetElements = names
		.map((name, i) => `<${p}sheet name="${escape(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
		.join('');
	const relationships = names.map(
		(_, i) =>
			`<Relationship Id="rId${i + 1}" Type="${RELATIONSHIPS_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`
	);
	const files: Record<string, Buffer> = {};
	if (workbook.sharedStrings !== undefined) {
		relationships.push(
			`<Relationship Id="rIdStrings" Type="${RELATIONSHIPS_NS}/sharedStrings" Target="sharedStrings.xml"/>`
		);
		files['xl/sharedStrings.xml'] = Buffer.from(workbook.sharedStrings);
	}
	if (workbook.styles !== undefined) {
		relationships.push(`<Relationship Id="rIdStyles" Type="${RELATIONSHIPS_NS}/styles" Target="/xl/styles.xml"/>`);
		files['xl/styles.xml'] = Buffer.from(workbook.styles);
	}
	files['xl/workbook.xml'] = Buffer.from(
		`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${p}workbook ${ns} xmlns:r="${RELATIONSHIPS_NS}">${workbook.date1904 ? `<${p}workbookPr date1904="1"/>` : ''}<${p}sheets>${sheetElements}</${p}sheets></${p}workbook>`
	);
	files['xl/_rels/workbook.xml.rels'] = Buffer.from(
		`<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="${PACKAGE_RELATIONSHIPS_NS}">${relationships.join('')}</Relationships>`
	);
	names.forEach((name, i) => (files[`xl/worksheets/sheet${i + 1}.xml`] = Buffer.from(workbook.sheets[name]!)));
	return zipOf(files);
}

/** A worksheet part around its <sheetData> rows, optionally with every element prefixed. */
export function worksheetXml(rows: string, prefix = ''): string {
	const p = prefix ? `${prefix}:` : '';
	const ns = prefix ? `xmlns:${prefix}="${SPREADSHEET_NS}"` : `xmlns="${SPREADSHEET_NS}"`;
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${p}worksheet ${ns}><${p}dimension ref="A1"/><${p}sheetData>${rows}</${p}sheetData></${p}worksheet>`;
}

/** A workbook written by ExcelJS: `build` adds the sheets and cells, with their number formats. */
export async function excelJsWorkbook(build: (workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
	const workbook = new ExcelJS.Workbook();
	build(workbook);
	return Buffer.from(await workbook.xlsx.writeBuffer());
}

// Old binary workbooks (.xls): a Compound File Binary container (MS-CFB, version 3, 512-byte
// sectors) around a BIFF8 Workbook stream (MS-XLS), record by record as Excel 97–2003 writes them.

const END_OF_CHAIN = 0xfffffffe;
const FREE_SECTOR = 0xffffffff;
const FAT_SECTOR = 0xfffffffd;

/**
 * A compound file holding the given streams. Every stream is padded to at least 4,096 bytes so
 * it lives in ordinary sectors (smaller ones belong in the mini stream, which LibreOffice's files in
 * readers/fixtures exercise). Sector 0 is the allocation table, sector 1 on the directory.
 */
export function compoundFileOf(streams: Record<string, Buffer>): Buffer {
	const names = Object.keys(streams);
	const data = names.map((name) => {
		const stream = streams[name]!;
		return {
			size: Math.max(stream.length, 4096),
			bytes: Buffer.concat([stream, Buffer.alloc(Math.max(0, 4096 - stream.length))])
		};
	});
	const directorySectors = Math.ceil((names.length + 1) / 4);
	const streamSectors = data.map((stream) => Math.ceil(stream.size / 512));
	const total = 1 + directorySectors + streamSectors.reduce((a, b) => a + b, 0);
	if (total > 128) throw new Error('compoundFileOf writes one allocation sector: at most 127 sectors of data');
	const fat = new Array<number>(128).fill(FREE_SECTOR);
	fat[0] = FAT_SECTOR;
	const chain = (start: number, length: number) => {
		for (let i = 0; i < length; i++) fat[start + i] = i === length - 1 ? END_OF_CHAIN : start + i + 1;
	};
	chain(1, directorySectors);
	const starts: number[] = [];
	let next = 1 + directorySectors;
	for (const sectors of streamSectors) {
		starts.push(next);
		chain(next, sectors);
		next += sectors;
	}
	const entry = (name: string, type: number, start: number, size: number, rightSibling: number, child: number) => {
		const out = Buffer.alloc(128);
		out.write(name, 0, 'utf16le');
		out.writeUInt16LE((name.length + 1) * 2, 64);
		out[66] = type;
		out[67] = 1; // black
		out.writeUInt32LE(FREE_SECTOR, 68); // left sibling
		out.writeUInt32LE(rightSibling, 72);
		out.writeUInt32LE(child, 76);
		out.writeUInt32LE(start, 116);
		out.writeUInt32LE(size, 120);
		return out;
	};
	const entries = [entry('Root Entry', 5, END_OF_CHAIN, 0, FREE_SECTOR, names.length ? 1 : FREE_SECTOR)];
	names.forEach((name, i) =>
		entries.push(entry(name, 2, starts[i]!, data[i]!.size, i + 2 <= names.length ? i + 2 : FREE_SECTOR, FREE_SECTOR))
	);
	const directory = Buffer.concat([...entries, Buffer.alloc(directorySectors * 512 - entries.length * 128)]);
	const header = Buffer.alloc(512);
	Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
	header.writeUInt16LE(0x3e, 24);
	header.writeUInt16LE(3, 26);
	header.writeUInt16LE(0xfffe, 28);
	header.writeUInt16LE(9, 30);
	header.writeUInt16LE(6, 32);
	header.writeUInt32LE(1, 44); // allocation sectors
	header.writeUInt32LE(1, 48); // first directory sector
	header.writeUInt32LE(4096, 56); // mini stream cutoff
	header.writeUInt32LE(END_OF_CHAIN, 60);
	header.writeUInt32LE(END_OF_CHAIN, 68);
	for (let i = 0; i < 109; i++) header.writeUInt32LE(i === 0 ? 0 : FREE_SECTOR, 76 + i * 4);
	const fatSector = Buffer.alloc(512);
	fat.forEach((value, i) => fatSector.writeUInt32LE(value, i * 4));
	return Buffer.concat([
		header,
		fatSector,
		directory,
		...data.map((stream) =>
			Buffer.concat([stream.bytes, Buffer.alloc(Math.ceil(stream.size / 512) * 512 - stream.size)])
		)
	]);
}

/** One BIFF record: type, length, data. */
export function biffRecord(type: number, ...parts: (Buffer | number[])[]): Buffer {
	const data = Buffer.concat(parts.map((part) => (Buffer.isBuffer(part) ? part : Buffer.from(part))));
	const head = Buffer.alloc(4);
	head.writeUInt16LE(type, 0);
	head.writeUInt16LE(data.length, 2);
	return Buffer.concat([head, data]);
}

const u16 = (n: number) => {
	const out = Buffer.alloc(2);
	out.writeUInt16LE(n);
	return out;
};
const u32 = (n: number) => {
	const out = Buffer.alloc(4);
	out.writeUInt32LE(n >>> 0);
	return out;
};
const f64 = (n: number) => {
	const out = Buffer.alloc(8);
	out.writeDoubleLE(n);
	return out;
};
const wide = (text: string) => [...text].some((char) => char.charCodeAt(0) > 0xff);
/** characters one byte each (Latin-1) or two (UTF-16), with the flags byte that says which */
const characters = (text: string) =>
	Buffer.concat([Buffer.from([wide(text) ? 1 : 0]), Buffer.from(text, wide(text) ? 'utf16le' : 'latin1')]);
/** XLUnicodeString: a 16-bit length, flags, characters */
const unicodeString = (text: string) => Buffer.concat([u16(text.length), characters(text)]);

/** The BIFF8 records Lantern reads, written as Excel writes them. */
export const BIFF = {
	bof: (type: 'globals' | 'worksheet' | 'chart', version = 0x0600) =>
		biffRecord(0x0809, u16(version), u16({ globals: 0x05, worksheet: 0x10, chart: 0x20 }[type]), Buffer.alloc(12)),
	eof: () => biffRecord(0x000a),
	filePass: () => biffRecord(0x002f, u16(1), Buffer.alloc(52)),
	dateMode1904: () => biffRecord(0x0022, u16(1)),
	format: (id: number, code: string) => biffRecord(0x041e, u16(id), unicodeString(code)),
	/** a cell format (XF) record using number format `formatId` */
	xf: (formatId: number) => biffRecord(0x00e0, u16(0), u16(formatId), Buffer.alloc(16)),
	labelSst: (row: number, column: number, xf: number, index: number) =>
		biffRecord(0x00fd, u16(row), u16(column), u16(xf), u32(index)),
	label: (row: number, column: number, text: string) =>
		biffRecord(0x0204, u16(row), u16(column), u16(0), unicodeString(text)),
	number: (row: number, column: number, xf: number, value: number) =>
		biffRecord(0x0203, u16(row), u16(column), u16(xf), f64(value)),
	/** an RK number as written: `rk` is the 32-bit RK value itself */
	rk: (row: number, column: number, xf: number, rk: number) =>
		biffRecord(0x027e, u16(row), u16(column), u16(xf), u32(rk)),
	mulRk: (row: number, firstColumn: number, cells: { xf: number; rk: number }[]) =>
		biffRecord(
			0x00bd,
			u16(row),
			u16(firstColumn),
			...cells.map((cell) => Buffer.concat([u16(cell.xf), u32(cell.rk)])),
			u16(firstColumn + cells.length - 1)
		),
	boolErr: (row: number, column: number, value: number, isError: boolean) =>
		biffRecord(0x0205, u16(row), u16(column), u16(0), [value, isError ? 1 : 0]),
	/** a formula with a cached number, or a cached text (then followed by a STRING record), boolean or error */
	formula: (row: number, column: number, xf: number, cached: number | 'string' | boolean | 'error') => {
		const value =
			typeof cached === 'number'
				? f64(cached)
				: Buffer.from(
						cached === 'string'
							? [0, 0, 0, 0, 0, 0, 0xff, 0xff]
							: cached === 'error'
								? [2, 0, 0x2a, 0, 0, 0, 0xff, 0xff]
								: [1, 0, cached ? 1 : 0, 0, 0, 0, 0xff, 0xff]
					);
		return biffRecord(0x0006, u16(row), u16(column), u16(xf), value, u16(0), u32(0), u16(3), [0x1e, 0x01, 0x00]);
	},
	string: (text: string) => biffRecord(0x0207, unicodeString(text)),
	/**
	 * The shared string table: an SST record and CONTINUE records. `split` cuts string `index` after
	 * `after` characters, so its rest starts the next record behind a fresh flags byte.
	 */
	sst: (strings: string[], split?: { index: number; after: number }) => {
		const first: Buffer[] = [u32(strings.length), u32(strings.length)];
		const segments: Buffer[][] = [first];
		strings.forEach((text, i) => {
			const current = segments.at(-1)!;
			if (split?.index !== i) {
				current.push(unicodeString(text));
				return;
			}
			const head = text.slice(0, split.after);
			const rest = text.slice(split.after);
			current.push(u16(text.length), characters(head));
			segments.push([characters(rest)]);
		});
		return Buffer.concat(segments.map((parts, i) => biffRecord(i === 0 ? 0x00fc : 0x003c, Buffer.concat(parts))));
	}
};

/**
 * A BIFF8 Workbook stream: the globals (BOF, `globals`, one BOUNDSHEET a sheet, EOF), then each
 * sheet's substream (BOF, its records, EOF), BOUNDSHEET offsets pointing at each.
 */
export function workbookStreamOf(
	globals: Buffer[],
	sheets: { name: string; records: Buffer[]; chart?: boolean }[]
): Buffer {
	// BOUNDSHEET: the sheet's offset, visible, worksheet or chart, then an 8-bit length, flags and characters
	const boundSheet = (name: string, offset: number, chart: boolean) =>
		biffRecord(0x0085, u32(offset), [0, chart ? 2 : 0, name.length], characters(name));
	const bodies = sheets.map((sheet) =>
		Buffer.concat([BIFF.bof(sheet.chart ? 'chart' : 'worksheet'), ...sheet.records, BIFF.eof()])
	);
	const globalsLength = Buffer.concat([
		BIFF.bof('globals'),
		...globals,
		...sheets.map((sheet) => boundSheet(sheet.name, 0, false)),
		BIFF.eof()
	]).length;
	let offset = globalsLength;
	const boundSheets = sheets.map((sheet, i) => {
		const record = boundSheet(sheet.name, offset, sheet.chart ?? false);
		offset += bodies[i]!.length;
		return record;
	});
	return Buffer.concat([BIFF.bof('globals'), ...globals, ...boundSheets, BIFF.eof(), ...bodies]);
}

/** An .xls file: a compound file whose Workbook stream is built from these globals and sheets. */
export const xlsOf = (globals: Buffer[], sheets: { name: string; records: Buffer[]; chart?: boolean }[]): Buffer =>
	compoundFileOf({ Workbook: workbookStreamOf(globals, sheets) });
