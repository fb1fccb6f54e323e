import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { ImportResult } from '../../domain/imports';
import type { Database } from '../db/database';
import { Refusal } from './refusal';
import { normaliseHeader } from './headers';
import type { SourceSpec } from './source';
import { recogniseCsv } from './staging';
import { readWorkbook, sheetToCsv } from './xlsx';
import { readZipEntry, zipEntries } from './zip';

/** Files inside an export ZIP that Lantern reads: spreadsheets anywhere, and the X archive's post and account files. */
const WANTED = [/\.csv$/i, /(^|\/)data\/(tweets?(-part\d+)?|account|following|follower|note-tweet)\.js$/i];

export function isExportArchive(bytes: Buffer, fileName: string): boolean {
	return bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) && !/\.xlsx$/i.test(fileName) && !bytes.includes(Buffer.from('xl/workbook.xml'));
}

/**
 * An export ZIP (an X archive, a YouTube Studio download): each file Lantern reads is imported on
 * its own, as if uploaded alone; media and the archive's other files are left alone.
 */
export async function importArchive(
	db: Database,
	path: string,
	zipName: string,
	importOne: (db: Database, path: string, fileName: string) => Promise<ImportResult>
): Promise<ImportResult[]> {
	const bytes = await readFile(path);
	const entries = zipEntries(bytes).filter((entry) => !entry.name.endsWith('/') && WANTED.some((pattern) => pattern.test(entry.name)));
	if (entries.length === 0) throw new Refusal(`The archive ${zipName} holds no file Lantern reads (CSV exports, or an X archive's data/tweets.js and account.js).`);
	const dir = await mkdtemp(join(tmpdir(), 'lantern-archive-'));
	try {
		const results: ImportResult[] = [];
		for (const entry of entries) {
			const target = join(dir, basename(entry.name).replace(/[^\w.\- ]+/g, '_'));
			await writeFile(target, readZipEntry(bytes, entry));
			results.push(await importOne(db, target, `${zipName}: ${entry.name}`));
			await rm(target, { force: true });
		}
		return results;
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}

/** A workbook's sheets that some format reads, each as CSV text with its normalised sheet name. */
export function recognisedSheets(bytes: Buffer, candidates: readonly SourceSpec[]): { name: string; sheet: string; csv: string }[] {
	return readWorkbook(bytes).flatMap((sheet) => {
		const csv = sheetToCsv(sheet);
		const normalised = normaliseHeader(sheet.name);
		return recogniseCsv(csv.slice(0, 65_536), normalised, candidates) ? [{ name: sheet.name, sheet: normalised, csv }] : [];
	});
}

/**
 * A workbook with several sheets Lantern reads (LinkedIn's content export: Metrics and All posts):
 * each sheet is imported on its own, as "<file> › <sheet>", so each can be undone alone. Returns
 * null for a workbook with at most one such sheet, which imports as a single file.
 */
export async function importWorkbookSheets(
	path: string,
	fileName: string,
	candidates: readonly SourceSpec[],
	importOne: (path: string, fileName: string, sheet: string) => Promise<ImportResult>
): Promise<ImportResult[] | null> {
	let sheets: ReturnType<typeof recognisedSheets>;
	try {
		sheets = recognisedSheets(await readFile(path), candidates);
	} catch {
		return null; // the single-file path explains what is wrong with it
	}
	if (sheets.length < 2) return null;
	const dir = await mkdtemp(join(tmpdir(), 'lantern-workbook-'));
	try {
		const results: ImportResult[] = [];
		for (const [index, sheet] of sheets.entries()) {
			const target = join(dir, `sheet-${index}.csv`);
			await writeFile(target, sheet.csv);
			results.push(await importOne(target, `${fileName} › ${sheet.name}`, sheet.sheet));
			await rm(target, { force: true });
		}
		return results;
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}
