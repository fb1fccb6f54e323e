import type { Database } from './database';
import { writesUnderWay } from './write-lock';

/** Entries kept before the oldest go: each is one page's figures, a few KB to a few hundred. */
const LIMIT = 200;

/**
 * Which opening of its file a database is: data versions start again at 0 when a file is closed and
 * opened again (a test, a restore), so keys name the opening, never only the path.
 */
const openings = new WeakMap<Database, number>();
let opened = 0;
function opening(db: Database): number {
	const root = db.base ?? db;
	let n = openings.get(root);
	if (n === undefined) openings.set(root, (n = ++opened));
	return n;
}
const cache = new Map<string, Promise<unknown>>();

/**
 * The result of `compute` for this database, its scope and its data version: every write that changes
 * data bumps the version (Database.markChanged), so an upload invalidates exactly what it changed and a
 * repeat of the same page asks DuckDB nothing. Requests that arrive while the first is computing share
 * its answer. Callers must not mutate what they get back: it is shared.
 */
export function byDataVersion<T>(db: Database, name: string, args: unknown, compute: () => Promise<T>): Promise<T> {
	const key = JSON.stringify([opening(db), db.scope ?? null, db.dataVersion, name, args]);
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

/** A dashboard page's figures, and whether they are from before the newest change (see pageFigures). */
export interface PageFigures<T> {
	figures: T;
	/** true: the figures are from an earlier data version; the current one's are still being computed */
	updating: boolean;
}

interface Latest {
	/** the newest data version whose figures are ready, and those figures */
	ready?: { version: number; figures: unknown };
	/** the figures being computed, at the data version they were started at */
	computing?: { version: number; promise: Promise<unknown>; waitedOn: boolean };
}

/** Pages kept, each with its newest ready figures; the least recently asked for go first. */
const PAGE_LIMIT = 200;
const pages = new Map<string, Latest>();
/** The data version each session's latest change left (noteChangeBy): its own pages wait for it. */
const changedBy = new Map<string, number>();

/** Waited for the figures of a change before answering with the previous ones, once per page and change. */
export const FRESH_WAIT_MS = 5_000;

/**
 * Records that the session `reader` changed something (an upload, a correction, a removal): from now on
 * its pages wait for figures that include it, even where others are shown the previous ones meanwhile.
 * 'changing': its request is still under way, so any page that request loads waits for the newest figures.
 */
export function noteChangeBy(db: Database | 'changing', reader: string): void {
	changedBy.set(reader, db === 'changing' ? Infinity : db.dataVersion);
	while (changedBy.size > 1_000) changedBy.delete(changedBy.keys().next().value!);
}

/**
 * A whole page's figures for this database, its scope and its data version, computed once per version
 * (as byDataVersion). While an import, a relinking or a backup is under way, a page that has figures
 * from before it is answered with those at once. After a change, the first request for a page waits
 * up to FRESH_WAIT_MS for the new figures; if they take longer (a large import's posts being copied, a consortium's relinking) it
 * and everyone after it get the page's previous figures, whole and from one data version, marked
 * `updating`, until the new ones are ready. So 30 people browsing while staff import a million rows
 * are answered at once and never shown a page mixed from two states of the library, and a page is
 * never slower than its cached figures while DuckDB is busy. The session that made the change (`reader`,
 * after noteChangeBy) always waits for figures that include it. Shared: callers must not mutate the figures.
 */
export async function pageFigures<T>(
	db: Database,
	name: string,
	args: unknown,
	compute: () => Promise<T>,
	{ reader, waitMs = FRESH_WAIT_MS }: { reader?: string | null; waitMs?: number } = {}
): Promise<PageFigures<T>> {
	// The day too: a page's default range ends today.
	const key = JSON.stringify([opening(db), db.scope ?? null, name, args, new Date().toISOString().slice(0, 10)]);
	const version = db.dataVersion;
	let page = pages.get(key);
	if (page) pages.delete(key);
	else page = {};
	pages.set(key, page);
	while (pages.size > PAGE_LIMIT) pages.delete(pages.keys().next().value!);
	const { ready } = page;
	if (ready && ready.version === version) return { figures: ready.figures as T, updating: false };
	const mustInclude = reader ? (changedBy.get(reader) ?? -1) : -1;
	const mayWait = !ready || ready.version < mustInclude;
	// An import or relinking under way: the data may be between two states, and DuckDB is busy. The figures
	// from before it, at once; the new ones are worked out when it is over.
	if (!mayWait && writesUnderWay(db)) return { figures: ready.figures as T, updating: true };
	let computing = page.computing;
	if (!computing || computing.version !== version) {
		const promise = compute();
		const mine = { version, promise, waitedOn: false };
		page.computing = computing = mine;
		const entry = page;
		promise.then(
			(figures) => {
				if (!entry.ready || entry.ready.version < version) entry.ready = { version, figures };
				if (entry.computing === mine) entry.computing = undefined;
			},
			() => {
				if (entry.computing === mine) entry.computing = undefined;
			}
		);
	}
	if (mayWait) return { figures: (await computing.promise) as T, updating: false };
	// Someone already waited for these figures and gave up: answer at once with the previous ones.
	if (computing.waitedOn) return { figures: ready.figures as T, updating: true };
	computing.waitedOn = true;
	let timer: ReturnType<typeof setTimeout> | undefined;
	const late = Symbol('late');
	const first = await Promise.race([
		computing.promise,
		new Promise<typeof late>((resolve) => (timer = setTimeout(() => resolve(late), waitMs)))
	]).finally(() => clearTimeout(timer));
	if (first === late) return { figures: ready.figures as T, updating: true };
	return { figures: first as T, updating: false };
}
