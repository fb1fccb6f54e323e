import { existsSync, mkdirSync } from 'node:fs';
import { copyFile, rename, rm } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { resourceProblem } from '../ingest/refusal';
import { migrate, pendingMigrations } from './migrations';

export type SqlParams = DuckDBValue[] | Record<string, DuckDBValue>;
export type Row = Record<string, unknown>;

/** The one DuckDB file a process works on. Connections are cheap; the instance is shared. */
export interface Database {
	readonly path: string;
	/** the branches this view of the database is limited to (db/scoped.ts); absent: every branch */
	readonly scope?: readonly string[];
	/** the database this one is a view of (scoped.ts, posts-snapshot.ts); absent: it is the database itself */
	readonly base?: Database;
	connect(): Promise<DuckDBConnection>;
	/** Runs `work` on a fresh connection and closes it afterwards. */
	withConnection<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T>;
	query<T extends Row = Row>(sql: string, params?: SqlParams): Promise<T[]>;
	/** Bumped by every write that changes data, so caches can key on it. */
	readonly dataVersion: number;
	markChanged(): void;
	close(): Promise<void>;
}

const opened = new Map<string, Promise<Database>>();
const changeListeners = new Set<(db: Database) => void>();

/** Calls `listener` after every data change (markChanged) of any database this process opened. */
export function onDataChanged(listener: (db: Database) => void): () => void {
	changeListeners.add(listener);
	return () => changeListeners.delete(listener);
}

/** Closes every database this process opened, writing their logs into the files. */
export async function closeAll(): Promise<void> {
	for (const database of [...opened.values()]) await (await database.catch(() => null))?.close();
}

export function defaultDatabasePath(): string {
	return resolve(process.env.LANTERN_DB ?? 'data/lantern.duckdb');
}

/** Opens (creating and migrating on first use) the database at `path`, once per process. */
export function openDatabase(path = defaultDatabasePath()): Promise<Database> {
	const key = path === ':memory:' ? path : resolve(path);
	let database = opened.get(key);
	if (!database) {
		database = createDatabase(key);
		opened.set(key, database);
		database.catch(() => opened.delete(key));
	}
	return database;
}

const MEMORY_LIMIT = () => process.env.LANTERN_MEMORY_LIMIT ?? '640MB';

/**
 * Brings the file's schema up to date on a copy that replaces it only once migrated and
 * checkpointed. DuckDB 1.5 cannot replay ALTER TABLE … ADD COLUMN from its write-ahead log, so a
 * kill in the middle of migrating the file itself could leave one it can never open again; with
 * the copy, a kill leaves the old file (or no file) and a stray copy that the next open replaces.
 */
async function migrateSafely(path: string): Promise<void> {
	const exists = existsSync(path);
	if (exists) {
		const probe = await DuckDBInstance.create(path, { memory_limit: MEMORY_LIMIT() });
		const connection = await probe.connect();
		try {
			if ((await pendingMigrations(connection)) === 0) return;
			await connection.run('CHECKPOINT');
		} finally {
			connection.closeSync();
			probe.closeSync();
		}
	}
	const copy = `${path}.migrating`;
	await Promise.all([rm(copy, { force: true }), rm(`${copy}.wal`, { force: true })]);
	if (exists) await copyFile(path, copy);
	const instance = await DuckDBInstance.create(copy, { memory_limit: MEMORY_LIMIT() });
	const connection = await instance.connect();
	try {
		await migrate(connection);
	} finally {
		connection.closeSync();
		instance.closeSync();
	}
	await rm(`${path}.wal`, { force: true });
	await rename(copy, path);
}

async function createDatabase(path: string): Promise<Database> {
	if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
	let instance: DuckDBInstance;
	try {
		if (path !== ':memory:') await migrateSafely(path);
		// fromCache: a CLI that serves the print route in-process shares this same instance. The memory
		// limit makes DuckDB spill big imports to disk (beside the file) instead of growing past ~1 GB.
		instance = await DuckDBInstance.fromCache(path, { memory_limit: MEMORY_LIMIT() });
	} catch (error) {
		throw explainOpenError(path, error);
	}
	let dataVersion = 0;
	const database: Database = {
		path,
		connect: () => instance.connect(),
		async withConnection(work) {
			const connection = await instance.connect();
			try {
				return await work(connection);
			} finally {
				connection.closeSync();
			}
		},
		query(sql, params) {
			return database.withConnection((connection) => queryRows(connection, sql, params));
		},
		get dataVersion() {
			return dataVersion;
		},
		markChanged() {
			dataVersion += 1;
			for (const listener of changeListeners) listener(database);
		},
		async close() {
			opened.delete(path);
			// Fold the write-ahead log into the file so the next open need not replay it.
			await database.withConnection((connection) => connection.run('CHECKPOINT')).catch(() => undefined);
			instance.closeSync();
		}
	};
	await database.withConnection(migrate);
	return database;
}

function explainOpenError(path: string, error: unknown): Error {
	const message = error instanceof Error ? error.message : String(error);
	// DuckDB says "Could not set lock on file … Conflicting lock is held"; "block" in other errors is not that.
	if (/\block on file|conflicting lock/i.test(message)) {
		return new Error(
			`The database ${path} is in use by another Lantern process (the web server or another command). ` +
				`Stop that process, or point this one at another file with --db PATH or LANTERN_DB.`
		);
	}
	const plain = resourceProblem(error);
	if (plain) return new Error(`Could not open the database ${path}. ${plain}`);
	return new Error(`Could not open the database ${path}: ${message}`);
}

/** Runs a query with bound parameters and returns plain objects; BIGINTs become numbers. */
export async function queryRows<T extends Row = Row>(
	connection: DuckDBConnection,
	sql: string,
	params?: SqlParams
): Promise<T[]> {
	const reader = await connection.runAndReadAll(sql, params);
	return reader.getRowObjectsJS().map((row) => plainRow(row) as T);
}

function plainRow(row: Record<string, unknown>): Row {
	const out: Row = {};
	for (const [key, value] of Object.entries(row)) out[key] = plainValue(value);
	return out;
}

function plainValue(value: unknown): unknown {
	if (typeof value === 'bigint') return Number(value);
	if (Array.isArray(value)) return value.map(plainValue);
	return value;
}

/** Runs `work` inside BEGIN … COMMIT, rolling back on any error. */
export async function inTransaction<T>(connection: DuckDBConnection, work: () => Promise<T>): Promise<T> {
	await connection.run('BEGIN TRANSACTION');
	try {
		const result = await work();
		await connection.run('COMMIT');
		return result;
	} catch (error) {
		await connection.run('ROLLBACK').catch(() => undefined);
		throw error;
	}
}
