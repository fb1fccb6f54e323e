import type { DuckDBConnection } from '@duckdb/node-api';
import { inTransaction, onDataChanged, queryRows, type Database } from './database';
import { derivedTable, madeTable } from './derived-tables';
import { withWriteLock } from './write-lock';

/**
 * The posts view, copied into a table in memory once per change of the posts.
 *
 * The `posts` view de-duplicates every observation of every post with a window function and joins
 * X's note texts and the own-account rule: about 150 ms a scan at 250,000 posts, and a dashboard page
 * scans it five to fifteen times. A copy read instead costs one scan (4.6 s at 250,000 posts on a
 * busy machine) per change of the posts: imports and removals of post files, not a LibCal import, a
 * relink or a settings change, which keep the copy (the posts stamp below is unchanged). The copy
 * lives in the in-memory `lantern_derived` database (derived-tables.ts): nothing is written to the
 * library's file, an import never waits on it, and a restart starts afresh. A copy is read only while
 * the posts are as they were when it was made, so figures are never computed from other posts.
 *
 * Analytics read it through `withPostsSnapshot(db)`, which gives each of its connections a temporary
 * view named `posts` over the copy (DuckDB looks in the temporary schema first, as scoped.ts relies on).
 * Only reads go through it: an import's own connection always sees the live view.
 */

/** A burst of changes (an import, then its relinking) is copied once, after it settles. */
const SETTLE_MS = 1_000;

/**
 * What the posts view reads, as one string that changes whenever its rows do. Rows of these tables
 * are only ever added by an import (each with a new, larger import_id from a sequence) or deleted with
 * their import, never updated after start: so their count and the sum and largest of their import
 * IDs change with every import and removal, and come back to the same values only when the rows do.
 * Two milliseconds at 250,000 posts, against seconds for a copy.
 */
export const POSTS_STAMP_SQL = `SELECT (SELECT count(*) || ':' || coalesce(sum(import_id), 0) || ':' || coalesce(max(import_id), 0) FROM main.post_observations)
	|| '/' || (SELECT count(*) || ':' || coalesce(sum(import_id), 0) || ':' || coalesce(max(import_id), 0) FROM main.x_note_texts) AS stamp`;

interface State {
	/** the posts stamp at each data version asked about (the newest few) */
	stamps: Map<number, Promise<string>>;
	timer?: ReturnType<typeof setTimeout>;
}

const states = new WeakMap<Database, State>();

const rootOf = (db: Database) => db.base ?? db;

function stateOf(root: Database): State {
	let state = states.get(root);
	if (!state) states.set(root, (state = { stamps: new Map() }));
	return state;
}

function enabled(): boolean {
	return process.env.LANTERN_POSTS_SNAPSHOT !== '0';
}

/** The posts stamp at `version`, read once per data version. */
export function postsStamp(root: Database, version: number): Promise<string> {
	const state = stateOf(root);
	let stamp = state.stamps.get(version);
	if (!stamp) {
		stamp = root.query<{ stamp: string }>(POSTS_STAMP_SQL).then((rows) => rows[0]!.stamp);
		state.stamps.set(version, stamp);
		stamp.catch(() => state.stamps.delete(version));
		for (const old of state.stamps.keys()) if (old < version - 8) state.stamps.delete(old);
	}
	return stamp;
}

/**
 * The table holding the posts as they are at `stamp`, made now if no one has started it. The copy
 * and its stamp are read in one transaction, so a write between them cannot leave a copy filed
 * under a stamp it does not hold: such a copy is refused (null) and the live view read.
 */
function copyFor(root: Database, stamp: string): Promise<string | null> {
	return derivedTable(root, 'posts', stamp, async (connection, table) => {
		await inTransaction(connection, async () => {
			const [row] = await queryRows<{ stamp: string }>(connection, POSTS_STAMP_SQL);
			if (row?.stamp !== stamp) throw new Error('the posts changed while they were being copied');
			await connection.run(`CREATE OR REPLACE TABLE ${table} AS SELECT * FROM main.posts`);
		});
	});
}

/**
 * The copy of the posts as they are now, or null when it cannot be made or the data changed meanwhile.
 * With `wait: false`, null also when the copy is not made yet (it is started): for a page that reads
 * a few posts, one scan of the view costs less than waiting for the whole copy after a start or an import.
 */
export async function postsCopy(db: Database, { wait = true } = {}): Promise<string | null> {
	if (!enabled()) return null;
	const root = rootOf(db);
	const version = root.dataVersion;
	const stamp = await postsStamp(root, version);
	const made = copyFor(root, stamp);
	const table = wait ? await made : madeTable(root, 'posts', stamp);
	return table && root.dataVersion === version ? table : null;
}

/**
 * `db` reading the posts from the copy of the posts as they are now, made now if needed (the first
 * request after a change of the posts waits for it, and every later read is a table scan). Falls back
 * to `db` itself when the copy cannot be made, the data changed while it was being made, or (with
 * `wait: false`) it is not made yet.
 */
export async function withPostsSnapshot(db: Database, options: { wait?: boolean } = {}): Promise<Database> {
	const table = await postsCopy(db, options);
	if (!table) return db;
	const root = rootOf(db);
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
		void withWriteLock(root, () => postsCopy(root));
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
