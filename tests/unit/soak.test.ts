/**
 * The soak in a small setting (`npm run soak` runs 5,000 files and 50 kills): mutated exports through
 * the import path with no crash, no hang, no partial import and no change from a refused file; then
 * importers killed at random moments, each next start finding the database whole and its links and
 * labels those a full relink gives, with nothing left beside the file.
 */
import { describe, expect, it } from 'vitest';
import { HAVE_REAL_FIXTURES, REAL_FIXTURES, REPO_ROOT, SOURCE_FIXTURES } from '../../src/lib/server/db/test-support';
import { seedFiles, syntheticFiles } from '../support/mutate-exports';
import { soakFiles, soakKills } from '../support/soak';

describe('the soak, small', () => {
	it('imports 40 mutated files: no crash, hang or partial import, and a refused file changes nothing', async () => {
		const seeds = [
			...seedFiles([SOURCE_FIXTURES, ...(HAVE_REAL_FIXTURES ? [REAL_FIXTURES] : [])]),
			...syntheticFiles()
		];
		const figures = await soakFiles(seeds, 40);
		console.log('soak, files:', { ...figures, failures: figures.failures.length });
		expect(figures.failures).toEqual([]);
		expect(figures.refused).toBeGreaterThan(12);
		expect(figures.imported).toBeGreaterThan(2);
	}, 240_000);

	it('survives 2 SIGKILLs of an importer: the database opens, imports all or nothing, links consistent, nothing left over', async () => {
		const figures = await soakKills(REPO_ROOT, 2, { rows: 5_000 });
		console.log('soak, kills:', figures);
		expect(figures.failures).toEqual([]);
		expect(figures.openedAfter).toBe(2);
	}, 300_000);
});
