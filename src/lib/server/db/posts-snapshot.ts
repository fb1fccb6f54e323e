import type { DuckDBConnection } from '@duckdb/node-api';
import { onDataChanged, queryRows, type Database } from './database';
import { withWriteLock } from './write-lock';

/**
 * The posts view, copied once per data version into a table in memory.
 *
 * The `posts` view de-duplicates every observation of every post with a window function and joins
 * X's note texts and the own-account rule: about 150 ms a scan at 250,000 posts, and a dashboard page
 * scans it five to fifteen times. A copy read instead costs one scan per data change. The copy lives in
 * an in-memory database attached to the DuckDB instance (`lantern_derived`), one table per data
 * version: nothing is written to the library's file, an import never waits on it, and a restart
 * starts afresh. A copy is read only while the data version it was made at is the current one, so
 * figures are never computed from posts of another version; made after the change that bumped the
 * version, it holds at least that change.
 *
 * Analytics read it through `withPostsSnapshot(db)`, which gives each of its connections a temporary
 * view named `posts` over the copy (DuckDB looks in the temporary schema first, as scoped.ts relies on).
 * Only reads go through it: an import's own connection always sees the live view.
 */

const SCHEMA = 'lantern_derived';
/** How long a superseded copy stays for queries still reading it. */
const KEEP_SUPERSEDED_MS = 60_000;
/** A burst of changes (an import, then its relinking) is copied once, after it settles. */
const SETTLE_MS = 1_000;

interface State {
	/** the copy of each data version being made or made: its table's name, or null when it failed */
	copies: Map<number, Promise<string | null>>;
	timer?: ReturnType<typeof setTimeout>;
}

const states = new WeakMap<Database, State>();

const rootOf = (db: Database) => db.base ?? db;

function stateOf(root: Database): State {
	let state = states.get(root);
	if (!state) states.set(root, (state = { copies: new Map() }));
	return state;
}

function enabled(): boolean {
	return process.env.LANTERN_POSTS_SNAPSHOT !== '0';
}

/** The table holding the posts of `version`, made now if no one has started it. */
function copyFor(root: Database, version: number): Promise<string | null> {
	const state = stateOf(root);
	const found = state.copies.get(version);
	if (found) return found;
	const table = `${SCHEMA}.posts_v${version}`;
	const made = root
		.withConnection(async (connection) => {
			await connection.run(`ATTACH IF NOT EXISTS ':memory:' AS ${SCHEMA}`);
			await connection.run(`CREATE OR REPLACE TABLE ${table} AS SELECT * FROM main.posts`);
			return table;
		})
		.catch((error: unknown) => {
			console.warn(`Lantern: could not copy the posts for data version ${version}; reading the view instead.`, error);
			return null;
		});
	state.copies.set(version, made);
	// Older copies go once this one is made, after a grace period for queries that still read them.
	void made.then(() => {
		const old = [...state.copies.keys()].filter((v) => v < version);
		if (old.length === 0) return;
		setTimeout(() => {
			for (const v of old) {
				const gone = state.copies.get(v);
				state.copies.delete(v);
				void gone
					?.then(async (name) => {
						if (name) await root.withConnection((c) => c.run(`DROP TABLE IF EXISTS ${name}`));
					})
					.catch(() => undefined);
			}
		}, KEEP_SUPERSEDED_MS).unref();
	});
	return made;
}

/**
 * `db` reading the posts from the current data version's copy, made now if needed (the first
 * request after a change waits one scan, and every later read is a table scan). Falls back to `db`
 * itself when the copy cannot be made or the data changed while it was being made.
 */
export async function withPostsSnapshot(db: Database): Promise<Database> {
	if (!enabled()) return db;
	const root = rootOf(db);
	const version = root.dataVersion;
	const table = await copyFor(root, version);
	if (!table || root.dataVersion !== version) return db;
	const prepare = async (connection: DuckDBConnection) => {
		await connection.run(`CREATE OR REPLACE TEMP VIEW posts AS SELECT * FROM ${table}`);
		return connection;
	};
	const reading: Database = {
		path: db.path,
		scope: db.scope,
		base: root,
		connect: async () => prepare(await db.connect()),
		withConnection: (work) => db.withConnection(async (connection) => work(await prepare(connection))),
		query: (sql, params) => reading.withConnection((connection) => queryRows(connection, sql, params)),
		get dataVersion() {
			return db.dataVersion;
		},
		markChanged: () => db.markChanged(),
		close: () => db.close()
	};
	return reading;
}

/**
 * Makes the current data version's copy in the background: at start and after each burst of data
 * changes, behind the writes queued on the database, so the next page need not.
 */
export function preparePostsSnapshot(db: Database): void {
	if (!enabled()) return;
	const root = rootOf(db);
	const state = stateOf(root);
	clearTimeout(state.timer);
	state.timer = setTimeout(() => {
		void withWriteLock(root, () => copyFor(root, root.dataVersion));
	}, SETTLE_MS);
	state.timer.unref();
}

let listening = false;

/** Keeps a copy ready for every database this process opens: called once by the server at start. */
export function keepPostsSnapshots(db: Database): void {
	if (!listening) {
		listening = true;
		onDataChanged(preparePostsSnapshot);
	}
	preparePostsSnapshot(db);
}
