import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { ImportResult } from '../../domain/imports';
import type { Database } from '../db/database';
import { Refusal } from './refusal';
import { normaliseHeader } from './headers';
import {
	isWorkbook,
	isZip,
	isSystemClutter,
	readWorkbook,
	readZipEntry,
	recogniseCsv,
	sheetToCsv,
	ZIP_LIMITS,
	zipEntries
} from './readers';
import type { SourceSpec } from './source';

/** Files inside an export ZIP that Lantern reads: spreadsheets anywhere, and the X archive's post and account files. */
const WANTED = [/\.csv$/i, /(^|\/)data\/(tweets?(-part\d+)?|account|following|follower|note-tweet)\.js$/i];

export function isExportArchive(bytes: Buffer, fileName: string): boolean {
	return isZip(bytes) && !isWorkbook(bytes, fileName);
}

/**
 * Imports files one by one from a temporary folder, each written there just before its import and
 * removed after it, so at most one sits on disk at a time.
 */
async function importEach<T>(
	items: readonly T[],
	file: (item: T, index: number) => { name: string; data: Uint8Array | string },
	importOne: (path: string, item: T) => Promise<ImportResult>
): Promise<ImportResult[]> {
	const dir = await mkdtemp(join(tmpdir(), 'lantern-files-'));
	try {
		const results: ImportResult[] = [];
		for (const [index, item] of items.entries()) {
			const { name, data } = file(item, index);
			const target = join(dir, name);
			await writeFile(target, data);
			results.push(await importOne(target, item));
			await rm(target, { force: true });
		}
		return results;
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
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
	// macOS adds a `__MACOSX/._name` resource fork beside every file it zips: not an export, skipped.
	const entries = zipEntries(bytes).filter(
		(entry) =>
			!entry.name.endsWith('/') && !isSystemClutter(entry.name) && WANTED.some((pattern) => pattern.test(entry.name))
	);
	if (entries.length === 0)
		throw new Refusal(
			`The archive ${zipName} holds no file Lantern reads (CSV exports, or an X archive's data/tweets.js and account.js).`
		);
	if (entries.length > ZIP_LIMITS.maxFilesImported) {
		throw new Refusal(
			`The archive ${zipName} holds ${entries.length} files Lantern would import; it imports at most ${ZIP_LIMITS.maxFilesImported} from one archive. Upload the exports in smaller archives, or as files.`
		);
	}
	return importEach(
		entries,
		(entry) => ({ name: basename(entry.name).replace(/[^\w.\- ]+/g, '_'), data: readZipEntry(bytes, entry) }),
		(target, entry) => importOne(db, target, `${zipName}: ${entry.name}`)
	);
}

/** A workbook's sheets that some format reads, each as CSV text with its normalised sheet name. */
export async function recognisedSheets(
	bytes: Buffer,
	candidates: readonly SourceSpec[]
): Promise<{ name: string; sheet: string; csv: string }[]> {
	return (await readWorkbook(bytes)).flatMap((sheet) => {
		const csv = sheetToCsv(sheet);
		const normalised = normaliseHeader(sheet.name);
		return recogniseCsv(csv.slice(0, 65_536), normalised, candidates)
			? [{ name: sheet.name, sheet: normalised, csv }]
			: [];
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
	let sheets: Awaited<ReturnType<typeof recognisedSheets>>;
	try {
		sheets = await recognisedSheets(await readFile(path), candidates);
	} catch {
		return null; // the single-file path explains what is wrong with it
	}
	if (sheets.length < 2) return null;
	return importEach(
		sheets,
		(sheet, index) => ({ name: `sheet-${index}.csv`, data: sheet.csv }),
		(target, sheet) => importOne(target, `${fileName} › ${sheet.name}`, sheet.sheet)
	);
}
