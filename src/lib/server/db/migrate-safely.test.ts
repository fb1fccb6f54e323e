/**
 * Migrations run on a copy that replaces the file once done: DuckDB 1.5 cannot replay ALTER TABLE …
 * ADD COLUMN from its write-ahead log, so a kill mid-migration must never leave one in the real file.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './database';
import { MIGRATIONS } from './migrations';

describe('migrating a file', () => {
	it('upgrades an older file on a copy, keeping its data, and replaces a copy a killed run left behind', async () => {
		const path = join(mkdtempSync(join(tmpdir(), 'lantern-migrate-')), 'lantern.duckdb');
		// A file from an older Lantern: the first two migrations and a row of data.
		const old = await DuckDBInstance.create(path);
		const connection = await old.connect();
		await connection.run(
			'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())'
		);
		for (const migration of MIGRATIONS.slice(0, 2)) {
			await connection.run(migration.sql);
			await connection.run(
				`INSERT INTO schema_migrations (version, name) VALUES (${migration.version}, '${migration.name}')`
			);
		}
		await connection.run(
			`INSERT INTO usage_records (import_id, branch, period_start, period, metric, value) VALUES (1, 'Central', DATE '2026-01-01', 'month', 'visits', 42)`
		);
		await connection.run('CHECKPOINT');
		connection.closeSync();
		old.closeSync();
		writeFileSync(`${path}.migrating`, 'half-written copy from a killed run');

		const db = await openDatabase(path);
		expect(await db.query('SELECT max(version) AS v FROM schema_migrations')).toEqual([
			{ v: MIGRATIONS.at(-1)!.version }
		]);
		expect(await db.query('SELECT value FROM usage_records')).toEqual([{ value: 42 }]);
		expect(
			await db.query(
				`SELECT count(*) AS n FROM duckdb_columns() WHERE table_name = 'account_daily_records' AND column_name = 'viewers'`
			)
		).toEqual([{ n: 1 }]);
		expect(existsSync(`${path}.migrating`)).toBe(false);
		await db.close();
	});
});
