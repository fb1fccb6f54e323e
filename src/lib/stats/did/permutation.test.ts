import { describe, expect, it } from 'vitest';
import { createRandom } from '../../demo/random';
import { normalCdf, normalQuantile } from '../numeric';
import { expectClose, expectRelative } from '../test-support';
import { choose, countRelabellings, invertTest, permutationP, relabellings } from './permutation';

const key = (labelling: Uint8Array) => labelling.join('');
const labelledIn = (labelling: Uint8Array, from: number, to: number) =>
	labelling.slice(from, to).reduce((a, b) => a + b, 0);

describe('relabellings within strata', () => {
	it('counts subsets exactly', () => {
		expect([choose(5, 2), choose(8, 4), choose(6, 0), choose(6, 6), choose(3, 4)]).toEqual([10, 70, 1, 1, 0]);
		// C(60, 30) = 118264581564861424 (Python math.comb); past 2^53, so relative.
		expectRelative(choose(60, 30), 118264581564861424, 1e-14);
		expect(
			countRelabellings([
				{ size: 5, labelled: 2 },
				{ size: 4, labelled: 2 }
			])
		).toBe(60);
	});

	it('enumerates every distinct labelling once when there are few', () => {
		const strata = [
			{ size: 5, labelled: 2 },
			{ size: 4, labelled: 2 }
		];
		const { labellings, exact, distinct } = relabellings(strata, 2000, createRandom(1));
		expect(exact).toBe(true);
		expect(distinct).toBe(60);
		expect(new Set(labellings.map(key)).size).toBe(60);
		for (const l of labellings) expect([labelledIn(l, 0, 5), labelledIn(l, 5, 9)]).toEqual([2, 2]);
	});

	it('samples uniformly within each stratum when there are many, reproducibly by seed', () => {
		const strata = Array.from({ length: 4 }, () => ({ size: 6, labelled: 3 }));
		const first = relabellings(strata, 4000, createRandom(5, 'test'));
		expect(first.exact).toBe(false);
		expect(first.distinct).toBe(160_000);
		expect(first.labellings).toHaveLength(4000);
		for (const l of first.labellings) for (let g = 0; g < 4; g++) expect(labelledIn(l, 6 * g, 6 * g + 6)).toBe(3);
		// Each unit is labelled half the time; 4,000 draws put the share within ±0.03 (4 SE).
		for (let unit = 0; unit < 24; unit++) {
			const share = first.labellings.filter((l) => l[unit] === 1).length / 4000;
			expect(Math.abs(share - 0.5)).toBeLessThan(0.032);
		}
		expect(relabellings(strata, 4000, createRandom(5, 'test')).labellings.map(key)).toEqual(first.labellings.map(key));
	});
});

describe('permutation p-values', () => {
	it('counts the observed labelling among an exact enumeration, and adds it to a sample', () => {
		const permuted = [2, -2, 1, 0.5];
		expect(permutationP(2, permuted, true)).toBe(0.5);
		expect(permutationP(2, permuted, false)).toBe(0.6);
		expect(permutationP(-2, permuted, true)).toBe(0.5);
	});

	it('counts ties that differ only by rounding', () => {
		expect(permutationP(0.3, [0.1 + 0.2, -0.3, 0], true)).toBe(2 / 3);
	});
});

describe('test inversion', () => {
	it('recovers a Wald interval from its own p-value function', () => {
		// p(θ) of a z test with estimate 1 and standard error 0.5: the 95% set is 1 ± 1.959964 · 0.5.
		const pAt = (theta: number) => 2 * normalCdf(-Math.abs(theta - 1) / 0.5);
		const { lower, upper } = invertTest(pAt, 1, 0.05);
		const half = normalQuantile(0.975) * 0.5;
		// Bisection to 1e-7.
		expectClose(lower, 1 - half, 1e-6);
		expectClose(upper, 1 + half, 1e-6);
		expect(pAt(lower)).toBeGreaterThan(0.05);
	});

	it('reports an infinite bound when the test never rejects', () => {
		expect(invertTest(() => 1, 0, 0.05)).toEqual({ lower: -Infinity, upper: Infinity });
	});
});
