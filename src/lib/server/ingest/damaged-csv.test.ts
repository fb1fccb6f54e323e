import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { fingerprint, REPO_ROOT, SOURCE_FIXTURES, tempDatabase } from '../db/test-support';
import { importFile } from './pipeline';

const DAMAGED = resolve(REPO_ROOT, 'src/lib/server/ingest/fixtures/damaged');
const USAGE_HEADER = 'period_start,period,branch,metric,value';

function scratchFile(name: string, content: string): string {
	const path = join(mkdtempSync(join(tmpdir(), 'lantern-damaged-')), name);
	writeFileSync(path, content);
	return path;
}

/** A usage file longer than the 64 KB Lantern sniffs, so a byte beyond it reaches the cell checks. */
function longUsageFile(lastRow: string): { path: string; lastRowNumber: number } {
	const rows = [USAGE_HEADER];
	for (let i = 0; rows.join('\n').length < 70_000; i++) rows.push(`2026-01-01,month,Branch ${i},visits,${i}`);
	rows.push(lastRow);
	return { path: scratchFile('usage_long.csv', `${rows.join('\n')}\n`), lastRowNumber: rows.length };
}

describe('a damaged CSV is refused whole, naming the row and column, and changes nothing', () => {
	let db: Database;
	beforeEach(async () => {
		db = await tempDatabase();
		await importFile(db, join(SOURCE_FIXTURES, 'usage_monthly.csv'));
	});

	it('refuses a branch that a stray quote ran over the next line, instead of storing two wrong rows', async () => {
		const before = await fingerprint(db);
		const result = await importFile(db, join(DAMAGED, 'usage-stray-quote.csv'));
		expect(result).toMatchObject({ status: 'rejected', rowsLoaded: 0, errorCount: 1 });
		expect(result.errors).toEqual([
			{ row: 2, column: 'branch', message: expect.stringContaining('a stray quote mark (") probably joined this row') }
		]);
		expect(await fingerprint(db)).toEqual(before);
	});

	it('refuses a NUL byte in a branch name beyond the part of the file sniffed for binary data', async () => {
		const before = await fingerprint(db);
		const { path, lastRowNumber } = longUsageFile('2026-01-01,month,Cen\0tral,visits,1');
		const result = await importFile(db, path);
		expect(result).toMatchObject({ status: 'rejected', rowsLoaded: 0, errorCount: 1 });
		expect(result.errors).toEqual([{ row: lastRowNumber, column: 'branch', message: expect.any(String) }]);
		expect(await fingerprint(db)).toEqual(before);
	});

	it('refuses a control character in free text, and keeps tabs and line breaks there', async () => {
		const header =
			'Response ID,Survey Topic,Date,Branch,What did you like most about the program?,What could the library do to help you learn more?';
		const before = await fingerprint(db);
		const damaged = await importFile(
			db,
			scratchFile('po_bell.csv', `${header}\nr1,Digital Learning,2026-03-20,Central,Patient\u0007 teacher,\n`)
		);
		expect(damaged).toMatchObject({ status: 'rejected', rowsLoaded: 0 });
		expect(damaged.errors).toEqual([
			{
				row: 2,
				column: 'What did you like most about the program?',
				message: expect.stringContaining('holds a control character (such as NUL)')
			}
		]);
		expect(await fingerprint(db)).toEqual(before);
		const fine = await importFile(
			db,
			scratchFile('po_lines.csv', `${header}\nr1,Digital Learning,2026-03-20,Central,"Patient\tteacher\nand slides",\n`)
		);
		expect(fine).toMatchObject({ status: 'imported', rowsLoaded: 1 });
		expect(await db.query('SELECT liked_most FROM survey_records')).toEqual([
			{ liked_most: 'Patient\tteacher\nand slides' }
		]);
	});
});

describe('a survey response exported twice is counted once', () => {
	let db: Database;
	beforeEach(async () => {
		db = await tempDatabase();
	});

	it('keeps the first of the rows that share a response ID, and says so', async () => {
		const result = await importFile(db, join(DAMAGED, 'project-outcome-repeated-ids.csv'));
		expect(result).toMatchObject({ status: 'imported', rowsLoaded: 3 });
		expect(result.notes).toContain(
			'1 response repeated an earlier one in the file (the same response ID, or the same answers) and was counted once.'
		);
		expect(await db.query('SELECT response_id FROM survey_records ORDER BY response_id')).toEqual([
			{ response_id: 'r1' },
			{ response_id: 'r2' },
			{ response_id: 'r3' }
		]);
		const [logged] = await db.query<{ notes: string }>('SELECT notes FROM import_log WHERE status = $1', ['imported']);
		expect(logged!.notes).toContain('was counted once');
	});

	it('with no response IDs, keeps one of two identical rows and both of two that differ', async () => {
		const result = await importFile(db, join(DAMAGED, 'project-outcome-repeated-rows.csv'));
		expect(result).toMatchObject({ status: 'imported', rowsLoaded: 2 });
		expect(result.notes).toEqual([expect.stringContaining('1 response repeated an earlier one')]);
		expect(await db.query('SELECT knowledge, liked_most FROM survey_records ORDER BY knowledge')).toEqual([
			{ knowledge: 2, liked_most: null },
			{ knowledge: 4, liked_most: 'Patient teacher' }
		]);
	});

	it('keeps every response of a file without repeats, with no note', async () => {
		const result = await importFile(db, join(SOURCE_FIXTURES, 'project_outcome_responses.csv'));
		expect(result.status).toBe('imported');
		expect(result.notes ?? []).not.toEqual(expect.arrayContaining([expect.stringContaining('counted once')]));
	});
});
