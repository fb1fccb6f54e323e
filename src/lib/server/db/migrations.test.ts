import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate } from './migrations';
import { openDatabase } from './database';

const freshPath = () => join(mkdtempSync(join(tmpdir(), 'lantern-migrate-')), 'lantern.duckdb');

describe('migrations', () => {
	it('creates the database and its public views, each migration once', async () => {
		const db = await openDatabase(freshPath());
		const versions = await db.query('SELECT version FROM schema_migrations ORDER BY version');
		expect(versions.map((row) => row.version)).toEqual(MIGRATIONS.map((m) => m.version));
		await db.withConnection(migrate);
		expect(await db.query('SELECT count(*) AS n FROM schema_migrations')).toEqual([{ n: MIGRATIONS.length }]);
		const views = await db.query(`SELECT view_name FROM duckdb_views() WHERE NOT internal ORDER BY view_name`);
		expect(views.map((v) => v.view_name)).toEqual(
			expect.arrayContaining(['campaigns', 'imports', 'literacy', 'posts', 'programs', 'usage'])
		);
		const postColumns = await db.query(
			`SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = 'posts'`
		);
		expect(postColumns).toEqual(
			expect.arrayContaining([
				{ column_name: 'published_at', data_type: 'TIMESTAMP WITH TIME ZONE' },
				{ column_name: 'hashtags', data_type: 'VARCHAR[]' },
				{ column_name: 'video_views', data_type: 'BIGINT' }
			])
		);
	});

	it('leaves no write-ahead log to replay after closing, and reopens with its data', async () => {
		const path = freshPath();
		const db = await openDatabase(path);
		await db.query(`INSERT INTO settings VALUES ('libraryName', 'Reopened Library')`);
		await db.close();
		expect(existsSync(`${path}.wal`)).toBe(false);
		const again = await openDatabase(path);
		expect(await again.query(`SELECT value FROM settings WHERE key = 'libraryName'`)).toEqual([
			{ value: 'Reopened Library' }
		]);
		await again.close();
	});

	it('decodes the HTML entities older imports left in X text, once, and reads its hashtags again (migration 11)', async () => {
		const path = freshPath();
		const db = await openDatabase(path);
		// What Lantern stored before version 11: X text as exported, with "39" taken for a hashtag.
		await db.query(`INSERT INTO post_observations (import_id, platform, post_id, observed_at, text, hashtags) VALUES
			(1, 'x', '1', TIMESTAMPTZ '2026-03-01 00:00:00+00', 'it&#39;s stories &amp; wiggles &amp;lt;3 #StoryTime', ['39', 'storytime']),
			(1, 'facebook', '2', TIMESTAMPTZ '2026-03-01 00:00:00+00', 'Parks &amp; Rec', [])`);
		await db.query(
			`INSERT INTO x_note_texts VALUES (1, '3', NULL, TIMESTAMPTZ '2026-03-01 00:00:00+00', 'the full text &amp; more')`
		);
		await db.query('DELETE FROM schema_migrations WHERE version = 11');
		await db.close();
		const again = await openDatabase(path);
		expect(await again.query('SELECT platform, text, hashtags FROM post_observations ORDER BY post_id')).toEqual([
			{ platform: 'x', text: "it's stories & wiggles &lt;3 #StoryTime", hashtags: ['storytime'] },
			// Only X escapes its text; another platform's is left as it was.
			{ platform: 'facebook', text: 'Parks &amp; Rec', hashtags: [] }
		]);
		expect(await again.query('SELECT text FROM x_note_texts')).toEqual([{ text: 'the full text & more' }]);
		await again.close();
	});

	it('refuses a file written by a newer Lantern instead of damaging it', async () => {
		const path = freshPath();
		const instance = await DuckDBInstance.create(path);
		const connection = await instance.connect();
		await connection.run(
			'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())'
		);
		await connection.run("INSERT INTO schema_migrations (version, name) VALUES (999, 'from the future')");
		await expect(migrate(connection)).rejects.toThrow(/newer Lantern/);
		connection.closeSync();
		instance.closeSync();
	});
});
