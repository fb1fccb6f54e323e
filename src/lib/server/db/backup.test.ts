import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDemoLibrary } from '../demo';
import { backupDatabase, checkBackup, restoreDatabase } from './backup';
import { openDatabase, type Database } from './database';
import { REPO_ROOT } from './test-support';
import { PUBLIC_VIEWS_SQL } from './views';

const PUBLIC_VIEWS = [...PUBLIC_VIEWS_SQL.matchAll(/CREATE OR REPLACE VIEW (\w+) AS/g)].map((match) => match[1]!);

/** Every public view, every row, in a stable order, as text. */
async function everyPublicView(db: Database): Promise<Record<string, string>> {
	const out: Record<string, string> = {};
	for (const view of PUBLIC_VIEWS) {
		const [row] = await db.query<{ n: number; h: string }>(
			`SELECT count(*) AS n, md5(coalesce(string_agg(CAST(v AS VARCHAR), chr(10) ORDER BY CAST(v AS VARCHAR)), '')) AS h FROM ${view} v`
		);
		out[view] = `${row!.n}:${row!.h}`;
	}
	return out;
}

describe('lantern backup and restore', () => {
	it('round-trips the demo library: every public view is the same after a restore', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'lantern-backup-'));
		const db = await openDatabase(join(dir, 'library.duckdb'));
		await loadDemoLibrary(db, join(REPO_ROOT, 'data/demo'));
		const before = await everyPublicView(db);
		expect(Number(before.posts!.split(':')[0])).toBeGreaterThan(0);
		const manifest = await backupDatabase(db, join(dir, 'snapshot'));
		expect(manifest.tables.import_log).toBeGreaterThan(0);
		await db.close();

		await restoreDatabase(join(dir, 'snapshot'), join(dir, 'restored.duckdb'));
		const restored = await openDatabase(join(dir, 'restored.duckdb'));
		expect(await everyPublicView(restored)).toEqual(before);
		await restored.close();
	}, 240_000);

	it('checks the snapshot first and refuses a damaged one, leaving the database as it was', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'lantern-backup-'));
		const db = await openDatabase(join(dir, 'library.duckdb'));
		await db.query("INSERT INTO settings (key, value) VALUES ('libraryName', 'Before')");
		await backupDatabase(db, join(dir, 'snapshot'));
		await db.close();
		const parquet = Object.keys(
			JSON.parse(readFileSync(join(dir, 'snapshot', 'lantern-backup.json'), 'utf8')).files
		).find((name) => name.endsWith('.parquet'))!;
		writeFileSync(join(dir, 'snapshot', parquet), 'not parquet');
		await expect(checkBackup(join(dir, 'snapshot'))).rejects.toThrow(/damaged: .* has changed/);
		await expect(restoreDatabase(join(dir, 'snapshot'), join(dir, 'other.duckdb'))).rejects.toThrow(
			/Nothing was restored/
		);
	});

	it('refuses to restore over a database another process has open', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'lantern-backup-'));
		const db = await openDatabase(join(dir, 'library.duckdb'));
		await backupDatabase(db, join(dir, 'snapshot'));
		await db.close();
		const { spawn } = await import('node:child_process');
		// Another process holds the file, as the web server does.
		const holder = spawn(
			process.execPath,
			[
				'-e',
				`const { DuckDBInstance } = require('@duckdb/node-api'); DuckDBInstance.create(${JSON.stringify(join(dir, 'library.duckdb'))}).then(() => { console.log('open'); setInterval(() => {}, 1000); });`
			],
			{ cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] }
		);
		await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
		try {
			await expect(restoreDatabase(join(dir, 'snapshot'), join(dir, 'library.duckdb'))).rejects.toThrow(/is in use/);
		} finally {
			holder.kill('SIGKILL');
		}
	});
});
