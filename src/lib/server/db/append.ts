import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import type { SqlParams } from './database';

export type ColumnKind = 'integer' | 'bigint' | 'double' | 'varchar' | 'boolean';
export type Cell = string | number | boolean | null;

const SQL_TYPE: Record<ColumnKind, string> = {
	integer: 'INTEGER',
	bigint: 'BIGINT',
	double: 'DOUBLE',
	varchar: 'VARCHAR',
	boolean: 'BOOLEAN'
};

function appendCell(appender: DuckDBAppender, kind: ColumnKind, value: Cell): void {
	if (value === null) appender.appendNull();
	else if (kind === 'integer') appender.appendInteger(value as number);
	else if (kind === 'bigint') appender.appendBigInt(BigInt(value));
	else if (kind === 'double') appender.appendDouble(value as number);
	else if (kind === 'boolean') appender.appendBoolean(value as boolean);
	else appender.appendVarchar(value as string);
}

/**
 * A new temporary table on this connection, filled row by row through DuckDB's appender: rows
 * computed in JavaScript reach a table tens of times faster than as INSERT statements or JSON.
 */
export async function tempTableWriter<Columns extends Record<string, ColumnKind>>(
	connection: DuckDBConnection,
	table: string,
	columns: Columns
) {
	const names = Object.keys(columns);
	const kinds = Object.values(columns);
	await connection.run(
		`CREATE OR REPLACE TEMP TABLE ${table} (${names.map((name, i) => `${name} ${SQL_TYPE[kinds[i]!]}`).join(', ')})`
	);
	const appender = await connection.createAppender(table, 'main', 'temp');
	return {
		row(...values: Cell[]): void {
			values.forEach((value, i) => appendCell(appender, kinds[i]!, value));
			appender.endRow();
		},
		close(): void {
			appender.flushSync();
			appender.closeSync();
		}
	};
}

/** A query's result as columns (arrays by column name): far cheaper than row objects for many rows. */
export async function queryColumns<T extends Record<string, unknown[]>>(
	connection: DuckDBConnection,
	sql: string,
	params?: SqlParams
): Promise<T> {
	const reader = await connection.runAndReadAll(sql, params);
	return reader.getColumnsObjectJS() as T;
}
