import { describe, expect, it } from 'vitest';
import { fingerprintEveryTable } from './fingerprint';
import { tempDatabase } from './test-support';

describe('table fingerprints (the soak tests prove "nothing changed" with them)', () => {
	it('are equal for the same rows in any order, and change with any cell, added row or repeated row', async () => {
		const db = await tempDatabase();
		const fill = async (rows: string) => {
			await db.query('CREATE OR REPLACE TABLE t (a INTEGER, b VARCHAR)');
			await db.query(`INSERT INTO t VALUES ${rows}`);
			return (await fingerprintEveryTable(db)).t!;
		};
		const base = await fill(`(1, 'x'), (2, 'y'), (3, NULL)`);
		expect(await fill(`(3, NULL), (1, 'x'), (2, 'y')`)).toBe(base);
		const changed = [
			await fill(`(1, 'x'), (2, 'z'), (3, NULL)`),
			await fill(`(1, 'x'), (2, 'y'), (3, '')`),
			await fill(`(1, 'x'), (2, 'y'), (3, NULL), (4, 'w')`),
			await fill(`(1, 'x'), (2, 'y'), (3, NULL), (3, NULL)`),
			await fill(`(1, 'x'), (2, 'y')`)
		];
		for (const other of changed) expect(other).not.toBe(base);
		expect(new Set(changed).size).toBe(changed.length);
		// Two swapped cells across rows are different contents.
		expect(await fill(`(1, 'y'), (2, 'x'), (3, NULL)`)).not.toBe(base);
	});

	it('read a table of millions of rows within the database memory limit', async () => {
		const db = await tempDatabase();
		await db.query(
			`CREATE TABLE big AS SELECT range AS id, 'post text number ' || range || repeat('x', 200) AS text FROM range(2000000)`
		);
		expect((await fingerprintEveryTable(db)).big).toMatch(/^2000000:\d+:\d+$/);
	}, 120_000);
});
