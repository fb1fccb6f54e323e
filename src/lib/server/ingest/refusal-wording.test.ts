import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ImportResult } from '../../domain/imports';
import type { Database } from '../db/database';
import { fingerprint, SOURCE_FIXTURES, tempDatabase } from '../db/test-support';
import { importFile } from './pipeline';

const HEADER = 'period_start,period,branch,metric,value';
const ENGINE_TEXT =
	/sniff|dialect|Malformed JSON|record\/value|Invalid Input|Error:|Line: \d|Original Line|read_csv|Out of Memory|column\d/i;

/** Written as an upload is (a random name in a temporary folder), so a message showing that path is caught. */
function upload(content: string | Buffer): string {
	const path = join(mkdtempSync(join(tmpdir(), 'lantern-wording-')), `${randomUUID()}.upload`);
	writeFileSync(path, content);
	return path;
}

function everyText(result: ImportResult): string {
	return [result.summary ?? '', ...result.errors.map((e) => `${e.column ?? ''} ${e.message}`)].join('\n');
}

function expectPlainWords(result: ImportResult, path: string) {
	const text = everyText(result);
	expect(text).not.toContain(path);
	expect(text).not.toMatch(/\.upload|\/tmp\//);
	expect(text).not.toMatch(ENGINE_TEXT);
}

describe('a refused CSV says where it breaks, in words, without the server path or the engine text', () => {
	let db: Database;
	beforeAll(async () => {
		db = await tempDatabase();
		await importFile(db, join(SOURCE_FIXTURES, 'usage_monthly.csv'));
	});

	it('names line 3 and its cell count when one extra cell sits there (DuckDB only says it cannot detect the dialect)', async () => {
		const before = await fingerprint(db);
		const path = upload(
			`${HEADER}\n2026-01-01,month,Central,visits,10\n2026-02-01,month,Central,visits,11,extra\n2026-03-01,month,Central,visits,12\n`
		);
		const result = await importFile(db, path, { fileName: 'usage.csv' });
		expect(result.status).toBe('rejected');
		expectPlainWords(result, path);
		expect(result.errors[0]).toMatchObject({ row: 3, column: 'column 6, after value' });
		expect(result.errors[0]!.message).toContain('line 3 has 6 cells where the header has 5');
		expect(await fingerprint(db)).toEqual(before);
	});

	it('names the line of a quote mark that is never closed', async () => {
		const path = upload(
			`${HEADER}\n2026-01-01,month,Central,visits,10\n2026-02-01,month,"Central,visits,11\n2026-03-01,month,Central,visits,12\n`
		);
		const result = await importFile(db, path, { fileName: 'usage.csv' });
		expect(result.status).toBe('rejected');
		expectPlainWords(result, path);
		expect(result.errors[0]).toMatchObject({ row: 3, column: 'branch' });
		expect(result.errors[0]!.message).toMatch(/quote mark.*line 3.*never closed/);
	});

	it('reports a 12 MB cell on line 2 as line 2 (DuckDB said "Line: 1" for a 50 MB one)', async () => {
		const path = join(mkdtempSync(join(tmpdir(), 'lantern-wording-')), `${randomUUID()}.upload`);
		const out = createWriteStream(path);
		out.write(`${HEADER}\n2026-01-01,month,"`);
		const block = 'x'.repeat(1 << 20);
		for (let i = 0; i < 12; i += 1) if (!out.write(block)) await once(out, 'drain');
		out.end(`",visits,1\n2026-02-01,month,Central,visits,2\n`);
		await once(out, 'finish');
		const result = await importFile(db, path, { fileName: 'usage.csv' });
		expect(result.status).toBe('rejected');
		expectPlainWords(result, path);
		expect(result.errors[0]).toMatchObject({ row: 2, column: 'branch' });
		expect(result.errors[0]!.message).toMatch(/^line 2 is longer than/);
	});

	it('refuses a 100,000-column header early as too many columns, not as a row-shape problem', async () => {
		const wide = [HEADER, ...Array.from({ length: 100_000 - 5 }, (_, i) => `extra_${i}`)].join(',');
		const path = upload(`${wide}\n2026-01-01,month,Central,visits,1${','.repeat(100_000 - 5)}\n`);
		const result = await importFile(db, path, { fileName: 'usage.csv' });
		expect(result.status).toBe('rejected');
		expectPlainWords(result, path);
		expect(result.errors[0]!.message).toMatch(/^Too many columns \(100,000; Lantern reads up to 2,000\)/);
	});

	it('says a damaged JSON archive file is damaged, without the engine text', async () => {
		const outbox = readFileSync(join(SOURCE_FIXTURES, 'mastodon_outbox.json'));
		const path = upload(outbox.subarray(0, Math.floor(outbox.length / 2)));
		const result = await importFile(db, path, { fileName: 'outbox.json' });
		expect(result.status).toBe('rejected');
		expectPlainWords(result, path);
	});
});
