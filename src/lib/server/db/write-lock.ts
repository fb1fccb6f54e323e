import type { Database } from './database';

/**
 * The app's write lock: imports, previews and backups on one database run one at a time. Each
 * import is a large write, and the direct path relaxes the insertion-order setting of the whole
 * DuckDB instance while it inserts, which a staging read beside it relies on; a backup waits for
 * the import in progress, so it never holds one whose relinking is still to come.
 */
const queues = new WeakMap<Database, Promise<unknown>>();

export function withWriteLock<T>(db: Database, work: () => Promise<T>): Promise<T> {
	const next = (queues.get(db) ?? Promise.resolve()).catch(() => undefined).then(work);
	queues.set(db, next);
	return next;
}
