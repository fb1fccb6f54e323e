/**
 * The refusal fuzzer: mutated export files through the upload path, each refusal graded by whether
 * a person could act on it (it names the row and column, a line, or the file-level reason in words)
 * and whether it leaks what it must not (a server path, the database engine's own text).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImportResult } from '../../src/lib/domain/imports';
import { openDatabase } from '../../src/lib/server/db/database';
import { importUpload } from '../../src/lib/server/ingest/import-any';
import { mutant, type SeedFile } from './mutate-exports';

/** The engine's own wording: what a refusal must translate, never pass on. */
const ENGINE_TEXT =
	/Invalid Input Error|Conversion Error|Parser Error|Binder Error|Catalog Error|IO Error|Out of Memory|INTERNAL Error|sniff|dialect|Malformed JSON|record\/value|Original Line|\bLine: \d|CSV Error|read_csv|DuckDB|column\d+|max_line_size|strict_mode|null_padding/i;
const SERVER_PATH = /\/tmp\/|\/var\/|\/home\/|\/root\/|\\Temp\\|\.upload\b|lantern-[0-9a-f]{8}/i;
/** The catch-all wording a refusal falls back to when nothing better was found. */
const UNLOCATED = /^Lantern could not import this file|could not be split into cells/;

export type Grade = 'row and column' | 'line' | 'file-level reason' | 'engine text' | 'server path' | 'unlocated';

export function gradeRefusal(result: ImportResult): Grade {
	const texts = [result.summary ?? '', ...result.errors.map((error) => `${error.column ?? ''} ${error.message}`)];
	if (texts.some((text) => SERVER_PATH.test(text))) return 'server path';
	if (texts.some((text) => ENGINE_TEXT.test(text))) return 'engine text';
	if (result.errors.some((error) => error.row !== null && error.column !== null)) return 'row and column';
	if (result.errors.some((error) => error.row !== null) || /\bline [\d,]+\b|\brow [\d,]+\b/i.test(texts.join(' ')))
		return 'line';
	// The summary of a refusal without cell errors is a fixed sentence; the reason is in its one error.
	if (result.errors.every((error) => UNLOCATED.test(error.message.trim()))) return 'unlocated';
	return 'file-level reason';
}

export interface FuzzFigures {
	files: number;
	imported: number;
	duplicate: number;
	refused: number;
	grades: Record<Grade, number>;
	/** refusals naming the row and column, a line, or a worded file-level reason */
	actionableShare: number;
	examples: { grade: Grade; mutation: string; name: string; message: string }[];
}

/** Imports `count` mutants of the seeds into one fresh database, grading every refusal. */
export async function fuzzRefusals(seeds: readonly SeedFile[], count: number, seed = 18): Promise<FuzzFigures> {
	const dir = mkdtempSync(join(tmpdir(), 'lantern-fuzz-'));
	const db = await openDatabase(join(dir, 'fuzz.duckdb'));
	const grades: Record<Grade, number> = {
		'row and column': 0,
		line: 0,
		'file-level reason': 0,
		'engine text': 0,
		'server path': 0,
		unlocated: 0
	};
	const figures: FuzzFigures = {
		files: count,
		imported: 0,
		duplicate: 0,
		refused: 0,
		grades,
		actionableShare: 0,
		examples: []
	};
	try {
		for (let i = 0; i < count; i += 1) {
			const file = mutant(seeds, seed, i);
			// Named as an upload is, so a message that shows the server's path is caught.
			const path = join(dir, `${randomUUID()}.upload`);
			writeFileSync(path, file.bytes);
			const results = await importUpload(db, path, { fileName: file.name });
			rmSync(path, { force: true });
			for (const result of results) {
				if (result.status === 'imported') figures.imported += 1;
				else if (result.status === 'duplicate') figures.duplicate += 1;
				else {
					figures.refused += 1;
					const grade = gradeRefusal(result);
					grades[grade] += 1;
					if (!['row and column', 'line', 'file-level reason'].includes(grade) || figures.examples.length < 3)
						figures.examples.push({
							grade,
							mutation: file.mutation,
							name: file.name,
							message: [result.summary, ...result.errors.slice(0, 2).map((e) => `[${e.row}:${e.column}] ${e.message}`)]
								.join(' | ')
								.slice(0, 400)
						});
				}
			}
		}
	} finally {
		await db.close();
		rmSync(dir, { recursive: true, force: true });
	}
	const actionable = grades['row and column'] + grades.line + grades['file-level reason'];
	figures.actionableShare = figures.refused === 0 ? 1 : actionable / figures.refused;
	return figures;
}
