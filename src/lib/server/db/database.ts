import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { migrate } from './migrations';

export type SqlParams = DuckDBValue[] | Record<string, DuckDBValue>;
export type Row = Record<string, unknown>;

/** The one DuckDB file a process works on. Connections are cheap; the instance is shared. */
export interface Database {
	readonly path: string;
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

async function createDatabase(path: string): Promise<Database> {
	if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
	let instance: DuckDBInstance;
	try {
		// fromCache: a CLI that serves the print route in-process shares this same instance. The memory
		// limit makes DuckDB spill big imports to disk (beside the file) instead of growing past ~1 GB.
		instance = await DuckDBInstance.fromCache(path, { memory_limit: process.env.LANTERN_MEMORY_LIMIT ?? '640MB' });
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
	if (/lock/i.test(message)) {
		return new Error(
			`The database ${path} is in use by another Lantern process (the web server or another command). ` +
				`Stop that process, or point this one at another file with --db PATH or LANTERN_DB.`
		);
	}
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
export async function inTransaction<T>(
	connection: DuckDBConnection,
	work: () => Promise<T>
): Promise<T> {
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
