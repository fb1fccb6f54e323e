import type { Database } from './database';

/** How many pieces of work each database's queues hold (running or waiting), for writesUnderWay. */
const underWay = new WeakMap<Database, number>();

const rootOf = (db: Database) => db.base ?? db;

/**
 * A queue that runs its work on one database one piece at a time, in the order given, and counts it
 * as under way (writesUnderWay) from the moment it is queued until it has finished.
 */
export function oneAtATime(): <T>(db: Database, work: () => Promise<T>) => Promise<T> {
	const queues = new WeakMap<Database, Promise<unknown>>();
	return <T>(db: Database, work: () => Promise<T>): Promise<T> => {
		const root = rootOf(db);
		underWay.set(root, (underWay.get(root) ?? 0) + 1);
		const next = (queues.get(root) ?? Promise.resolve())
			.catch(() => undefined)
			.then(work)
			.finally(() => underWay.set(root, (underWay.get(root) ?? 1) - 1));
		queues.set(root, next);
		return next;
	};
}

/**
 * The app's write lock: imports, previews and backups on one database run one at a time. Each
 * import is a large write, and the direct path relaxes the insertion-order setting of the whole
 * DuckDB instance while it inserts, which a staging read beside it relies on; a backup waits for
 * the import in progress, so it never holds one whose relinking is still to come.
 */
export const withWriteLock = oneAtATime();

/**
 * Whether an import, a relinking, a backup or the posts copy is running or waiting on this database:
 * its data may be between two states (an import committed, its relinking not yet), so dashboards show
 * the figures from before it rather than work out new ones now (version-cache.ts, pageFigures).
 */
export function writesUnderWay(db: Database): boolean {
	return (underWay.get(rootOf(db)) ?? 0) > 0;
}
