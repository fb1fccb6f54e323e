import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { formatCount } from '../../format';
import { queryRows, type Database } from './database';
import { withWriteLock } from './write-lock';

/**
 * A snapshot is a folder written by DuckDB's EXPORT DATABASE (the schema, then one Parquet file per
 * table) with Lantern's manifest beside it: every table's row count and every file's SHA-256, so a
 * restore can check the snapshot before it touches anything.
 *
 * Why EXPORT DATABASE and not a copy of the file: the export runs inside one read transaction, so
 * it sees one consistent state while the server keeps serving pages (a copy of the file and its
 * write-ahead log taken mid-write may not open at all), and its Parquet files are readable by any
 * tool. It also runs under the app's import lock (write-lock.ts), so no import is half-committed
 * in the snapshot's neighbourhood and its relinking has finished.
 */
export const MANIFEST = 'lantern-backup.json';

export interface BackupManifest {
	lantern: 'backup';
	version: 1;
	createdAt: string;
	tables: Record<string, number>;
	files: Record<string, string>;
}

export class BackupError extends Error {}

async function sha256(path: string): Promise<string> {
	return createHash('sha256')
		.update(await readFile(path))
		.digest('hex');
}

/** Writes a snapshot of the database into `folder` (which must not exist or be empty). */
export async function backupDatabase(db: Database, folder: string, now = new Date()): Promise<BackupManifest> {
	const target = resolve(folder);
	if (existsSync(target) && (await readdir(target)).length > 0)
		throw new BackupError(`${target} is not empty: choose a new folder for the backup.`);
	await mkdir(target, { recursive: true });
	return withWriteLock(db, async () => {
		const tables = await db.withConnection(async (connection) => {
			await connection.run('BEGIN TRANSACTION');
			try {
				// One transaction: the counts and the export see the same state.
				const counts: Record<string, number> = {};
				const names = await queryRows<{ table_name: string }>(
					connection,
					'SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND NOT temporary ORDER BY table_name'
				);
				for (const { table_name } of names) {
					const [row] = await queryRows<{ n: number }>(
						connection,
						`SELECT count(*) AS n FROM "${table_name.replaceAll('"', '""')}"`
					);
					counts[table_name] = Number(row!.n);
				}
				await connection.run(`EXPORT DATABASE '${target.replaceAll("'", "''")}' (FORMAT parquet)`);
				return counts;
			} finally {
				await connection.run('COMMIT').catch(() => undefined);
			}
		});
		const files: Record<string, string> = {};
		for (const name of (await readdir(target)).sort()) files[name] = await sha256(join(target, name));
		const manifest: BackupManifest = { lantern: 'backup', version: 1, createdAt: now.toISOString(), tables, files };
		await writeFile(join(target, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
		return manifest;
	});
}

/** Reads the snapshot's manifest and checks every file against it; throws what is wrong, in words. */
export async function checkBackup(folder: string): Promise<BackupManifest> {
	const source = resolve(folder);
	const manifestPath = join(source, MANIFEST);
	if (!existsSync(manifestPath))
		throw new BackupError(
			`${source} is not a Lantern backup (it has no ${MANIFEST}). Choose the folder \`lantern backup\` wrote.`
		);
	let manifest: BackupManifest;
	try {
		manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as BackupManifest;
	} catch {
		throw new BackupError(`The backup's ${MANIFEST} is damaged; this backup cannot be restored.`);
	}
	if (manifest.lantern !== 'backup' || manifest.version !== 1)
		throw new BackupError(`${source} was written by another version of Lantern's backup and cannot be restored here.`);
	for (const [name, hash] of Object.entries(manifest.files)) {
		const path = join(source, name);
		if (!existsSync(path)) throw new BackupError(`The backup is incomplete: ${name} is missing. Nothing was restored.`);
		if ((await sha256(path)) !== hash)
			throw new BackupError(`The backup is damaged: ${name} has changed since it was written. Nothing was restored.`);
	}
	return manifest;
}

/**
 * Restores a snapshot into `databasePath`: checks it, imports it into a new file beside the target,
 * compares every table's row count with the manifest, and only then swaps the file in (the previous
 * one is kept as `…before-restore`). Refuses while another process has the database open.
 */
export async function restoreDatabase(folder: string, databasePath: string): Promise<BackupManifest> {
	const manifest = await checkBackup(folder);
	const target = resolve(databasePath);
	if (existsSync(target)) await refuseIfInUse(target);
	await mkdir(dirname(target), { recursive: true });
	const staging = `${target}.restoring`;
	await Promise.all([rm(staging, { force: true }), rm(`${staging}.wal`, { force: true })]);
	const instance = await DuckDBInstance.create(staging);
	const connection = await instance.connect();
	try {
		await connection.run(`IMPORT DATABASE '${resolve(folder).replaceAll("'", "''")}'`);
		for (const [table, expected] of Object.entries(manifest.tables)) {
			const reader = await connection.runAndReadAll(`SELECT count(*) AS n FROM "${table.replaceAll('"', '""')}"`);
			const found = Number(reader.getRowObjectsJS()[0]?.n ?? -1);
			if (found !== expected)
				throw new BackupError(
					`The backup's ${table} table restored ${formatCount(found)} rows where it had ${formatCount(expected)}. Nothing was restored.`
				);
		}
		await connection.run('CHECKPOINT');
	} catch (error) {
		connection.closeSync();
		instance.closeSync();
		await rm(staging, { force: true });
		throw error instanceof BackupError
			? error
			: new BackupError(
					`The backup could not be read back (${(error as Error).message.split('\n')[0]}). Nothing was restored.`
				);
	}
	connection.closeSync();
	instance.closeSync();
	if (existsSync(target)) {
		await rm(`${target}.before-restore`, { force: true });
		await rename(target, `${target}.before-restore`);
	}
	await rm(`${target}.wal`, { force: true });
	await rename(staging, target);
	return manifest;
}

/** DuckDB's own lock says whether another process has the file open: try it, and let go at once. */
async function refuseIfInUse(path: string): Promise<void> {
	if (!(await stat(path)).isFile()) throw new BackupError(`${path} is not a database file.`);
	try {
		const probe = await DuckDBInstance.create(path);
		probe.closeSync();
	} catch (error) {
		if (/lock/i.test((error as Error).message))
			throw new BackupError(
				`The database ${path} is in use (the web server or another command has it open). Stop Lantern first; nothing was restored.`
			);
		throw error;
	}
}
