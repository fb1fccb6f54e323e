/**
 * The refusal fuzzer in the suite: mutants of the format fixtures (and of the real exports when they
 * are beside the clone) through the upload path. At least 95% of refusals name the row and column,
 * a line, or the file-level reason in words; none shows a server path or the engine's own text.
 * `npm run fuzz:refusals -- 1000` runs more and prints the table.
 */
import { describe, expect, it } from 'vitest';
import { HAVE_REAL_FIXTURES, REAL_FIXTURES, SOURCE_FIXTURES } from '../../src/lib/server/db/test-support';
import { seedFiles, syntheticFiles } from '../support/mutate-exports';
import { fuzzRefusals } from '../support/refusal-fuzz';

describe('refusals of mutated exports', () => {
	it('name where the file breaks, or why, in words, and never a server path or engine text', async () => {
		const seeds = [
			...seedFiles([SOURCE_FIXTURES, ...(HAVE_REAL_FIXTURES ? [REAL_FIXTURES] : [])]),
			...syntheticFiles()
		];
		const figures = await fuzzRefusals(seeds, 80);
		console.log(
			`refusal fuzzer: ${figures.refused} refused of ${figures.files}; actionable ${(figures.actionableShare * 100).toFixed(1)}%`,
			figures.grades
		);
		expect(figures.refused).toBeGreaterThan(30);
		expect(figures.grades['server path']).toBe(0);
		expect(figures.grades['engine text']).toBe(0);
		expect(figures.actionableShare).toBeGreaterThanOrEqual(0.95);
	}, 180_000);
});
