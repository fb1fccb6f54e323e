import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './database';
import { scopedDatabase } from './scoped';
import { tempDatabase } from './test-support';
import { noteChangeBy, pageFigures } from './version-cache';
import { withWriteLock, writesUnderWay } from './write-lock';

/** A computation that finishes when the test says so, counting how often it was started. */
function gate<T>(value: T) {
	let open!: () => void;
	const opened = new Promise<void>((resolve) => (open = resolve));
	const calls = { n: 0 };
	return {
		calls,
		open: () => open(),
		compute: async () => {
			calls.n += 1;
			await opened;
			return value;
		}
	};
}

const WAIT = { waitMs: 50 };

describe('pageFigures: a page computed once per data version, the previous figures while a change is worked out', () => {
	let db: Database;
	beforeAll(async () => {
		db = await tempDatabase();
	});

	it('computes once per data version and answers repeats from it', async () => {
		let computed = 0;
		const compute = () => Promise.resolve({ n: ++computed });
		const first = await pageFigures(db, 'once', 1, compute, WAIT);
		const again = await pageFigures(db, 'once', 1, compute, WAIT);
		expect(first).toEqual({ figures: { n: 1 }, updating: false });
		expect(again.figures).toBe(first.figures);
		expect(await pageFigures(db, 'once', 2, compute, WAIT)).toEqual({ figures: { n: 2 }, updating: false });
		db.markChanged();
		expect(await pageFigures(db, 'once', 1, compute, WAIT)).toEqual({ figures: { n: 3 }, updating: false });
	});

	it('a page never asked for before waits for its figures, however long they take', async () => {
		const slow = gate({ n: 'only' });
		const answer = pageFigures(db, 'never-before', null, slow.compute, WAIT);
		await new Promise((resolve) => setTimeout(resolve, 120));
		slow.open();
		expect(await answer).toEqual({ figures: { n: 'only' }, updating: false });
	});

	it('after a change, slow new figures: the previous ones, marked updating, until the new ones are ready', async () => {
		await pageFigures(db, 'slow', null, () => Promise.resolve('before'), WAIT);
		db.markChanged();
		const after = gate('after');
		// The first to ask waits a little (50 ms here) for the new figures, then gets the previous ones.
		expect(await pageFigures(db, 'slow', null, after.compute, WAIT)).toEqual({ figures: 'before', updating: true });
		// Everyone after them is answered at once, however long they would wait (the new ones are still held back).
		expect(await pageFigures(db, 'slow', null, after.compute, { waitMs: 600_000 })).toEqual({
			figures: 'before',
			updating: true
		});
		expect(after.calls.n).toBe(1);
		after.open();
		await new Promise((resolve) => setTimeout(resolve, 10));
		expect(await pageFigures(db, 'slow', null, after.compute, WAIT)).toEqual({ figures: 'after', updating: false });
		expect(after.calls.n).toBe(1);
	});

	it('after a change, new figures ready within the wait are the answer', async () => {
		await pageFigures(db, 'quick', null, () => Promise.resolve('before'), WAIT);
		db.markChanged();
		expect(await pageFigures(db, 'quick', null, () => Promise.resolve('after'), WAIT)).toEqual({
			figures: 'after',
			updating: false
		});
	});

	it('whoever made the change waits for figures that include it; others get the previous ones meanwhile', async () => {
		await pageFigures(db, 'mine', null, () => Promise.resolve('before'), WAIT);
		// Their request is under way: anything it loads waits for the newest figures.
		noteChangeBy('changing', 'user:staff@library.org');
		db.markChanged();
		noteChangeBy(db, 'user:staff@library.org');
		const after = gate('after');
		const theirs = pageFigures(db, 'mine', null, after.compute, { ...WAIT, reader: 'user:staff@library.org' });
		expect(
			await pageFigures(db, 'mine', null, after.compute, { ...WAIT, reader: 'user:director@library.org' })
		).toEqual({ figures: 'before', updating: true });
		after.open();
		expect(await theirs).toEqual({ figures: 'after', updating: false });
	});

	it('a change under way: the person making it is never shown the figures from before it', async () => {
		await pageFigures(db, 'under-way', null, () => Promise.resolve('before'), WAIT);
		noteChangeBy('changing', 'user:admin@library.org');
		db.markChanged();
		const after = gate('after');
		const theirs = pageFigures(db, 'under-way', null, after.compute, { ...WAIT, reader: 'user:admin@library.org' });
		await new Promise((resolve) => setTimeout(resolve, 120));
		after.open();
		expect(await theirs).toEqual({ figures: 'after', updating: false });
		noteChangeBy(db, 'user:admin@library.org');
	});

	it('a branch manager never gets figures computed for every branch, nor the other way round', async () => {
		const eastside = scopedDatabase(db, ['Eastside']);
		expect((await pageFigures(db, 'scoped', null, () => Promise.resolve('every branch'), WAIT)).figures).toBe(
			'every branch'
		);
		expect((await pageFigures(eastside, 'scoped', null, () => Promise.resolve('Eastside'), WAIT)).figures).toBe(
			'Eastside'
		);
		db.markChanged();
		const slow = gate('Eastside, after');
		expect(await pageFigures(eastside, 'scoped', null, slow.compute, WAIT)).toEqual({
			figures: 'Eastside',
			updating: true
		});
		slow.open();
	});

	it('an import under way: its figures from before it at once, nothing worked out until it is over', async () => {
		await pageFigures(db, 'importing', null, () => Promise.resolve('before'), WAIT);
		const importing = gate(undefined);
		const held = withWriteLock(scopedDatabase(db, ['Eastside']), importing.compute);
		expect(writesUnderWay(db)).toBe(true);
		db.markChanged(); // the import committed; its relinking is still to come
		let computed = 0;
		const compute = () => Promise.resolve(`after ${++computed}`);
		expect(await pageFigures(db, 'importing', null, compute, { waitMs: 600_000 })).toEqual({
			figures: 'before',
			updating: true
		});
		expect(computed).toBe(0);
		importing.open();
		await held;
		expect(writesUnderWay(db)).toBe(false);
		expect(await pageFigures(db, 'importing', null, compute, WAIT)).toEqual({ figures: 'after 1', updating: false });
	});

	it('a failed computation is not kept: it is the answer, and the next request tries again', async () => {
		const failing = () => Promise.reject(new Error('DuckDB said no'));
		await expect(pageFigures(db, 'fails', null, failing, WAIT)).rejects.toThrow('DuckDB said no');
		expect(await pageFigures(db, 'fails', null, () => Promise.resolve('second try'), WAIT)).toEqual({
			figures: 'second try',
			updating: false
		});
	});
});
