import type { DuckDBConnection } from '@duckdb/node-api';
import type { Database } from './database';

/**
 * Tables derived from the library's data, kept in an in-memory database attached to the DuckDB
 * instance (`lantern_derived`): nothing is written to the library's file, an import never waits on
 * them, and a restart starts afresh, so a crash can never leave one stale. Each is made once per key
 * (the version of the data it reads, see posts-snapshot.ts and lens-facts.ts) and shared by every
 * page and person until the key changes; the one it replaces is dropped a minute later, when the
 * queries still reading it are done.
 */
export const DERIVED_SCHEMA = 'lantern_derived';
/** How long a superseded table stays for queries still reading it. */
const KEEP_SUPERSEDED_MS = 60_000;

interface Made {
	key: string;
	/** the table, or null when making it failed */
	table: Promise<string | null>;
	/** the table once it is made */
	ready?: string;
}

/** Per database: per kind of table, the ones made (the current one last). */
const made = new WeakMap<Database, Map<string, Made[]>>();
let serial = 0;

const rootOf = (db: Database) => db.base ?? db;

/**
 * The table of kind `kind` for `key`, made now by `build` if no one has started it. `build` gets a
 * connection of `db` (so a scoped person's temporary views apply) and the table's name, and creates
 * it. Resolves to null when it failed (the caller then reads the live views).
 */
export function derivedTable(
	db: Database,
	kind: string,
	key: string,
	build: (connection: DuckDBConnection, table: string) => Promise<unknown>
): Promise<string | null> {
	const root = rootOf(db);
	let kinds = made.get(root);
	if (!kinds) made.set(root, (kinds = new Map<string, Made[]>()));
	// A scoped person's tables hold only their branches: kept apart from everyone else's.
	const group = JSON.stringify([kind, db.scope ?? null]);
	const list = kinds.get(group) ?? [];
	kinds.set(group, list);
	const found = list.find((entry) => entry.key === key);
	if (found) {
		// The current one last: it is never the one dropped.
		list.splice(list.indexOf(found), 1);
		list.push(found);
		return found.table;
	}
	serial += 1;
	const name = `${DERIVED_SCHEMA}.${kind}_${serial}`;
	// eslint-disable-next-line prefer-const -- the entry names the promise that removes it on failure
	let entry: Made;
	const table = db
		.withConnection(async (connection) => {
			await connection.run(`ATTACH IF NOT EXISTS ':memory:' AS ${DERIVED_SCHEMA}`);
			await build(connection, name);
			return name;
		})
		.catch((error: unknown) => {
			console.warn(`Lantern: could not make ${kind}; reading the live views instead.`, error);
			// Tried again by the next request, not remembered as failed.
			const at = list.indexOf(entry);
			if (at >= 0) list.splice(at, 1);
			return null;
		});
	entry = { key, table };
	list.push(entry);
	void table.then((name) => {
		if (name) entry.ready = name;
	});
	// The others go once this one is made, after a grace period for queries that still read them.
	void table.then(() => {
		const old = list.filter((other) => other !== entry);
		if (old.length === 0) return;
		setTimeout(() => {
			for (const other of old) {
				const at = list.indexOf(other);
				if (at < 0 || at === list.length - 1) continue;
				list.splice(at, 1);
				void other.table
					.then(async (gone) => {
						if (gone) await root.withConnection((c) => c.run(`DROP TABLE IF EXISTS ${gone}`));
					})
					.catch(() => undefined);
			}
		}, KEEP_SUPERSEDED_MS).unref();
	});
	return table;
}

/** The table of kind `kind` for `key` if it is already made, else null (nothing is started). */
export function madeTable(db: Database, kind: string, key: string): string | null {
	const list = made.get(rootOf(db))?.get(JSON.stringify([kind, db.scope ?? null]));
	return list?.find((entry) => entry.key === key)?.ready ?? null;
}
