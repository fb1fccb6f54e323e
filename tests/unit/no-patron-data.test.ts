/**
 * Lantern stores no patron-level personal data. Files full of realistic fake personal data go
 * through the real import path into a real database file; then every byte of that file is searched
 * for every personal value the files held.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeLibcalRegistrantsExport, fakeSummerReadingExport } from '../../src/lib/privacy/fake-patrons';
import { tempDatabase } from '../../src/lib/server/db/test-support';
import { importFile, previewImport } from '../../src/lib/server/ingest/pipeline';
import { listImports } from '../../src/lib/server/ingest/import-log';

describe('no patron data', () => {
	it('aggregates reader- and registrant-level files, names the dropped columns, and keeps none of their personal values', async () => {
		const db = await tempDatabase();
		// DuckDB compresses text (FSST), which would hide a stored value from a byte search: store it plain.
		await db.query(`SET force_compression = 'uncompressed'`);
		const exports = [fakeSummerReadingExport(), fakeLibcalRegistrantsExport()];
		for (const fake of exports) {
			const path = join(dirname(db.path), fake.fileName);
			writeFileSync(path, fake.csv);
			const result = await importFile(db, path);
			expect(result.status, JSON.stringify(result.errors)).toBe('imported');
			expect(result.notes?.join(' ')).toMatch(/Email/);
		}
		const [summer] = await db.query<{ n: number }>(
			`SELECT sum(value) AS n FROM literacy WHERE metric = 'registrations'`
		);
		expect(summer!.n).toBe(200);
		const [events] = await db.query<{ events: number; registrations: number }>(
			`SELECT count(*) AS events, sum(registrations) AS registrations FROM programs`
		);
		expect(events!.events).toBe(8);
		expect(events!.registrations).toBe(exports[1]!.csv.trim().split('\n').length - 1);
		expect((await listImports(db)).every((i) => i.notes && /dropped|personal/i.test(i.notes))).toBe(true);

		const values = exports.flatMap((fake) => fake.personalValues.filter((v) => v.distinctive).map((v) => v.value));
		// Every text column of every table, through SQL too.
		const columns = await db.query<{ table_name: string; column_name: string }>(
			`SELECT table_name, column_name FROM duckdb_columns() WHERE data_type LIKE 'VARCHAR%' AND NOT internal AND schema_name = 'main'`
		);
		for (const { table_name, column_name } of columns) {
			const [hit] = await db.query<{ n: number }>(
				`SELECT count(*) AS n FROM "${table_name}" WHERE list_contains(CAST(CAST($1 AS JSON) AS VARCHAR[]), CAST("${column_name}" AS VARCHAR))`,
				[JSON.stringify(values)]
			);
			expect(hit!.n, `${table_name}.${column_name}`).toBe(0);
		}
		// A canary proves the byte search can find a stored value.
		const canary = 'zqx-canary-reader@example.org';
		await db.query(`INSERT INTO settings VALUES ('canary', $1)`, [canary]);
		await db.close();
		const bytes = Buffer.concat([
			readFileSync(db.path),
			existsSync(`${db.path}.wal`) ? readFileSync(`${db.path}.wal`) : Buffer.alloc(0)
		]);
		expect(bytes.includes(Buffer.from(canary))).toBe(true);
		expect(values.length).toBeGreaterThan(500);
		const found = values.filter((value) => bytes.includes(Buffer.from(value, 'utf8')));
		expect(found).toEqual([]);
	});

	it('refuses a mapping that would store a personal column, saying why', async () => {
		const db = await tempDatabase();
		const fake = fakeSummerReadingExport(7, 40);
		const path = join(dirname(db.path), 'readers.csv');
		writeFileSync(path, fake.csv);
		const { specFromMapping } = await import('../../src/lib/server/ingest/mapper');
		const header = fake.csv
			.split('\n')[0]!
			.split(',')
			.map((h) => h.trim().toLowerCase());
		const spec = specFromMapping({
			name: 'bad',
			target: 'programs',
			sheet: null,
			headerLine: 0,
			columns: { title: 'first name', date: 'registered on', attendance: 'minutes read' },
			period: 'month',
			monthColumns: [],
			header
		});
		const result = await importFile(db, path, { source: spec });
		expect(result.status).toBe('rejected');
		expect(result.errors[0]!.message).toMatch(/First Name/);
		// The mapper's preview refuses it too, so no patron's name is shown as a program title.
		const preview = await previewImport(db, path, 'readers.csv', spec);
		expect(preview.rows).toEqual([]);
		expect(preview.refusal).toMatch(/First Name/);
	});
});
