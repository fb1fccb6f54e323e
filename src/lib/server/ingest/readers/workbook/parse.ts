import { Refusal } from '../../refusal';
import { WorkbookBudget, type WorkbookLimits } from './limits';
import type { Sheet } from './sheet';
import { readXls } from './xls';
import { readXlsx } from './xlsx';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** The Compound File Binary container of old binary Office files (.xls, .doc), and of encrypted .xlsx */
const COMPOUND_FILE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const startsWith = (bytes: Buffer, magic: number[]) => magic.every((byte, i) => bytes[i] === byte);

/** A workbook's sheets, .xlsx or the older binary .xls, told apart by their first bytes. */
export function parseWorkbook(bytes: Buffer, limits: WorkbookLimits): Sheet[] {
	const budget = new WorkbookBudget(limits);
	if (startsWith(bytes, ZIP)) return readXlsx(bytes, budget);
	if (startsWith(bytes, COMPOUND_FILE)) return readXls(bytes, budget);
	throw new Refusal('This file is not an Excel workbook (.xlsx or .xls). Upload the CSV or Excel export itself.');
}
