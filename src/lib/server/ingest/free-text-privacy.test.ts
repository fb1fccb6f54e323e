import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { tempDatabase } from '../db/test-support';
import { importFile } from './pipeline';

const OUTCOME_HEADER =
	'Response ID,Survey Topic,Date,Branch,What did you like most about the program?,What could the library do to help you learn more?';

function scratchFile(name: string, content: string): string {
	const path = join(mkdtempSync(join(tmpdir(), 'lantern-privacy-')), name);
	writeFileSync(path, content);
	return path;
}

describe('free-text answers are stored without the personal data in them', () => {
	let db: Database;
	beforeAll(async () => {
		db = await tempDatabase();
	});

	it('scrubs a child named after "my daughter", a phone, an e-mail, a street address and a listed name', async () => {
		const answers = [
			`r1,Digital Learning,2026-03-20,Central,"My daughter Lucia loved it, call me at (319) 555-0147","Email me at jane.doe@example.com"`,
			`r2,Digital Learning,2026-03-21,Central,"Olivia Bennett and her mom enjoyed it","Come to 1421 Maple Grove Road please"`,
			`r3,Digital Learning,2026-03-22,Central,"Our son, Tomasz, asked great questions; Ms. Patel was kind","Text +44 20 7946 0958 or 555-0100"`,
			`r4,Digital Learning,2026-03-23,Central,"Grace period on fines was great","More evening sessions"`
		];
		const result = await importFile(db, scratchFile('po.csv', `${OUTCOME_HEADER}\n${answers.join('\n')}\n`));
		expect(result).toMatchObject({ status: 'imported', rowsLoaded: 4 });
		const rows = await db.query<{ response_id: string; liked_most: string; learn_more: string }>(
			'SELECT response_id, liked_most, learn_more FROM survey_records ORDER BY response_id'
		);
		const stored = rows.map((row) => `${row.liked_most} | ${row.learn_more}`);
		expect(stored).toEqual([
			'My daughter [name] loved it, call me at [phone] | Email me at [e-mail]',
			'[name] and her mom enjoyed it | Come to [address] please',
			'Our son, [name], asked great questions; [name] was kind | Text [phone] or [phone]',
			'Grace period on fines was great | More evening sessions'
		]);
	});
});

describe('a refusal quotes a cell by its shape, and the import log keeps no cell value', () => {
	it('describes "Jane Smith 555-0100" in a date column as a 19-character text', async () => {
		const db = await tempDatabase();
		const path = scratchFile(
			'usage.csv',
			'period_start,period,branch,metric,value\n2026-01-01,month,Central,visits,10\nJane Smith 555-0100,month,Central,visits,11\n'
		);
		const result = await importFile(db, path);
		expect(result.status).toBe('rejected');
		expect(result.errors[0]).toMatchObject({ row: 3, column: 'period_start' });
		expect(result.errors[0]!.message).toMatch(/^a 19-character text is not a real date/);
		const [log] = await db.query<{ errors: string }>('SELECT CAST(errors AS VARCHAR) AS errors FROM import_log');
		expect(log!.errors).not.toMatch(/Jane|Smith|555/);
	});
});
