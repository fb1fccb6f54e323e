import { open } from 'node:fs/promises';
import { Refusal } from '../refusal';

export type Encoding = 'utf-8' | 'utf-16' | 'latin-1';

export interface FileSniff {
	encoding: Encoding;
	/**
	 * `x-archive` for the JavaScript files of an X data archive (window.YTD.…); `xlsx` for any Excel
	 * workbook, .xlsx or the older binary .xls, which the workbook reader tells apart by their bytes
	 */
	kind: 'csv' | 'x-archive' | 'xlsx' | 'json' | 'bluesky-car';
	/** the first lines of the file, decoded, for recognising its format */
	head: string;
	/** set when the file cannot be read at all, with what to tell the person */
	refusal?: string;
}

const HEAD_BYTES = 65_536;
const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** The Compound File Binary container of old Office files: an .xls workbook (or a .doc, refused by the reader) */
const COMPOUND_FILE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export const isZip = (bytes: Uint8Array): boolean => ZIP.every((b, i) => bytes[i] === b);

/**
 * An Excel workbook: a ZIP named .xlsx or holding xl/workbook.xml among its first bytes, or an old
 * binary .xls (LinkedIn's Page exports).
 */
export const isWorkbook = (bytes: Buffer, fileName: string): boolean =>
	(isZip(bytes) && (/\.xlsx$/i.test(fileName) || bytes.includes(Buffer.from('xl/workbook.xml')))) ||
	COMPOUND_FILE.every((b, i) => bytes[i] === b);

/** The file's first `length` bytes (fewer when the file is shorter). */
export async function readHead(path: string, length = HEAD_BYTES): Promise<Buffer> {
	const handle = await open(path, 'r');
	try {
		const buffer = Buffer.alloc(length);
		const { bytesRead } = await handle.read(buffer, 0, length, 0);
		return buffer.subarray(0, bytesRead);
	} finally {
		await handle.close();
	}
}

/** Looks at the first bytes to choose an encoding and a reader, or to refuse the file early. */
export async function sniffFile(path: string, fileName: string): Promise<FileSniff> {
	const bytes = await readHead(path);
	const bytesRead = bytes.length;
	const startsWith = (prefix: number[]) => prefix.every((b, i) => bytes[i] === b);
	const refuse = (refusal: string): FileSniff => ({ encoding: 'utf-8', kind: 'csv', head: '', refusal });
	if (bytesRead === 0) return refuse('The file is empty.');
	if (startsWith([0xff, 0xfe])) {
		return { encoding: 'utf-16', kind: 'csv', head: new TextDecoder('utf-16le').decode(bytes).replace(/^\uFEFF/, '') };
	}
	if (startsWith([0xfe, 0xff])) {
		return refuse('The file is UTF-16 big-endian, which Lantern cannot read. Save it as CSV (UTF-8) and upload that.');
	}
	if (isWorkbook(bytes, fileName)) return { encoding: 'utf-8', kind: 'xlsx', head: '' };
	if (isZip(bytes))
		return refuse(
			'This is a ZIP archive: upload it on the Uploads page or with `lantern import`, which read the export files inside.'
		);
	if (
		/\.car$/i.test(fileName) ||
		(bytes.subarray(0, 64).includes(Buffer.from('roots')) && bytes.subarray(0, 64).includes(Buffer.from('version')))
	) {
		return { encoding: 'utf-8', kind: 'bluesky-car', head: '' };
	}
	if (bytes.includes(0))
		return refuse('This is not a text file (it contains binary data). Upload the CSV export itself.');
	const encoding = isUtf8(bytes, bytesRead === HEAD_BYTES) ? 'utf-8' : 'latin-1';
	const head = new TextDecoder(encoding === 'utf-8' ? 'utf-8' : 'windows-1252').decode(bytes).replace(/^\uFEFF/, '');
	const kind = /^\s*window\.YTD\./.test(head)
		? 'x-archive'
		: /^\s*[{[]/.test(head) && /\.json$/i.test(fileName)
			? 'json'
			: 'csv';
	return { encoding, kind, head };
}

/** The sniff of a file that can be read at all; one that cannot is refused with what to tell the person. */
export async function readableFile(path: string, fileName: string): Promise<FileSniff> {
	const sniff = await sniffFile(path, fileName);
	if (sniff.refusal) throw new Refusal(sniff.refusal);
	return sniff;
}

/**
 * Whether the bytes are valid UTF-8. Files re-saved by older Excel are Windows-1252 and read as
 * Latin-1 instead; a head cut mid-file is checked up to its last line break.
 */
function isUtf8(bytes: Uint8Array, truncated: boolean): boolean {
	const end = truncated ? bytes.lastIndexOf(0x0a) + 1 || bytes.length : bytes.length;
	try {
		new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end));
		return true;
	} catch {
		return false;
	}
}
