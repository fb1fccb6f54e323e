import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows, type Database } from './database';

/** The public views that hold one row per branch; a scoped person sees only their branches' rows. */
const BRANCH_VIEWS = ['programs', 'usage', 'literacy', 'survey_responses'];

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * The database as a person scoped to some branches sees it (a consortium's branch manager). Every
 * connection gets temporary views, named like the public ones, that keep only those branches' rows:
 * DuckDB looks in the temporary schema first, so every query, chart, estimate and report built on
 * the public views is scoped without knowing it. Library-wide rows (no branch) are not theirs either.
 */
export function scopedDatabase(db: Database, branches: string[] | null): Database {
	if (!branches || branches.length === 0) return db;
	const list = branches.map(quote).join(', ');
	let catalog: Promise<string> | null = null;
	const prepare = async (connection: DuckDBConnection) => {
		catalog ??= queryRows<{ name: string }>(connection, 'SELECT current_database() AS name').then(
			(rows) => rows[0]!.name
		);
		const name = `"${(await catalog).replaceAll('"', '""')}"`;
		const views = BRANCH_VIEWS.map(
			(view) => `CREATE OR REPLACE TEMP VIEW ${view} AS SELECT * FROM ${name}.main.${view} WHERE branch IN (${list});`
		);
		await connection.run(views.join('\n'));
		return connection;
	};
	const scoped: Database = {
		path: db.path,
		scope: [...branches].sort(),
		base: db.base ?? db,
		connect: async () => prepare(await db.connect()),
		withConnection: (work) => db.withConnection(async (connection) => work(await prepare(connection))),
		query: (sql, params) => scoped.withConnection((connection) => queryRows(connection, sql, params)),
		get dataVersion() {
			return db.dataVersion;
		},
		markChanged: () => db.markChanged(),
		close: () => db.close()
	};
	return scoped;
}
