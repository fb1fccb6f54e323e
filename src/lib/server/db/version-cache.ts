import type { Database } from './database';

/** Entries kept before the oldest go: each is one page's figures, a few KB to a few hundred. */
const LIMIT = 200;
const cache = new Map<string, Promise<unknown>>();

/**
 * The result of `compute` for this database, its scope and its data version: every write that changes
 * data bumps the version (Database.markChanged), so an upload invalidates exactly what it changed and a
 * repeat of the same page asks DuckDB nothing. Requests that arrive while the first is computing share
 * its answer. Callers must not mutate what they get back: it is shared.
 */
export function byDataVersion<T>(db: Database, name: string, args: unknown, compute: () => Promise<T>): Promise<T> {
	const key = JSON.stringify([db.path, db.scope ?? null, db.dataVersion, name, args]);
	const found = cache.get(key);
	if (found) {
		// Most recently used last, so the oldest is the first to go.
		cache.delete(key);
		cache.set(key, found);
		return found as Promise<T>;
	}
	const computed = compute();
	cache.set(key, computed);
	computed.catch(() => cache.delete(key));
	while (cache.size > LIMIT) cache.delete(cache.keys().next().value!);
	return computed;
}
