import { open } from 'node:fs/promises';

export type Encoding = 'utf-8' | 'utf-16';

export interface FileSniff {
	encoding: Encoding;
	/** set when the file cannot be a CSV at all, with what to tell the person */
	refusal?: string;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];

/** Looks at the first bytes to choose an encoding or refuse the file before DuckDB reads it. */
export async function sniffFile(path: string, fileName: string): Promise<FileSniff> {
	const handle = await open(path, 'r');
	try {
		const buffer = Buffer.alloc(8192);
		const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
		const head = buffer.subarray(0, bytesRead);
		const startsWith = (bytes: number[]) => bytes.every((b, i) => head[i] === b);
		if (bytesRead === 0) return { encoding: 'utf-8', refusal: 'The file is empty.' };
		if (startsWith([0xff, 0xfe]) || startsWith([0xfe, 0xff])) return { encoding: 'utf-16' };
		if (startsWith(ZIP)) {
			return {
				encoding: 'utf-8',
				refusal: /\.xlsx$/i.test(fileName)
					? 'This is an Excel workbook (.xlsx). This version of Lantern reads CSV files: open it and save each sheet as CSV (UTF-8), or export CSV from the platform.'
					: 'This is a ZIP archive. Unzip it and upload the CSV files inside.'
			};
		}
		if (startsWith(OLE)) {
			return {
				encoding: 'utf-8',
				refusal: 'This is an old binary Excel file (.xls) that Lantern cannot read. Re-save it as .xlsx or CSV (UTF-8) and upload that.'
			};
		}
		if (head.includes(0)) {
			return { encoding: 'utf-8', refusal: 'This is not a text file (it contains binary data). Upload the CSV export itself.' };
		}
		return { encoding: 'utf-8' };
	} finally {
		await handle.close();
	}
}
