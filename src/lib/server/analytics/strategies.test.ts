import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { tempDatabase } from '../db/test-support';
import { loadDemoLibrary } from '../demo';
import { strategyComparison } from './strategies';

describe('strategy comparison on the demo library', () => {
	let db: Database;
	beforeAll(async () => {
		db = await tempDatabase();
		await loadDemoLibrary(db);
	}, 180_000);

	it('counts the posts that carry no strategy, which the rows leave out', async () => {
		const { rows, coverage } = await strategyComparison(db);
		const [all] = await db.query<{ n: number }>('SELECT count(*) AS n FROM posts');
		expect(coverage.posts).toBe(Number(all!.n));
		const classified = rows.reduce((sum, row) => sum + row.posts, 0);
		expect(coverage.posts - coverage.unclassified).toBe(classified);
		// The demo's posts include everyday ones no strategy's words match (about 7% of them).
		expect(coverage.unclassified).toBeGreaterThan(0);
		expect(coverage.unclassified / coverage.posts).toBeLessThan(0.2);
	});
});
