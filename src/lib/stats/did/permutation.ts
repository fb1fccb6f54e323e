/**
 * Randomisation inference over units that carry a label (promoted programs, campaign branches):
 * relabel within strata, read a p-value off the relabelled statistics, and turn the test into an
 * interval by inverting it. With a handful of units no sampling distribution can be trusted, but
 * the set of ways the labels could have fallen is known exactly.
 */
import type { Random } from '../../demo/random';

/** A stratum of `size` units, `labelled` of which carry the label; units are numbered across strata in order. */
export interface Stratum {
	size: number;
	labelled: number;
}

/** Each labelling marks, per unit (strata concatenated), 1 if it carries the label. */
export interface Relabellings {
	labellings: Uint8Array[];
	/** true: every distinct labelling once (the observed one among them); false: a uniform sample. */
	exact: boolean;
	/** How many distinct labellings exist (a float; Infinity past 2^1024). */
	distinct: number;
}

/** n choose k as a float: exact below 2^53, which is all a permutation count needs. */
export function choose(n: number, k: number): number {
	if (k < 0 || k > n) return 0;
	let result = 1;
	for (let i = 1; i <= Math.min(k, n - k); i++) result = (result * (n - Math.min(k, n - k) + i)) / i;
	return Math.round(result);
}

export function countRelabellings(strata: readonly Stratum[]): number {
	return strata.reduce((product, { size, labelled }) => product * choose(size, labelled), 1);
}

/**
 * Every distinct within-stratum labelling when there are at most `limit` of them (an exact test
 * needs no sampling), otherwise `limit` labellings drawn uniformly and independently.
 */
export function relabellings(strata: readonly Stratum[], limit: number, random: Random): Relabellings {
	const distinct = countRelabellings(strata);
	const units = strata.reduce((sum, s) => sum + s.size, 0);
	if (distinct <= limit) return { labellings: enumerate(strata, units), exact: true, distinct };
	const labellings = Array.from({ length: limit }, () => {
		const labelling = new Uint8Array(units);
		let offset = 0;
		for (const { size, labelled } of strata) {
			for (const unit of sample(size, labelled, random)) labelling[offset + unit] = 1;
			offset += size;
		}
		return labelling;
	});
	return { labellings, exact: false, distinct };
}

/** k of 0..n−1 without replacement: the first k steps of a Fisher-Yates shuffle. */
function sample(n: number, k: number, random: Random): number[] {
	const pool = Array.from({ length: n }, (_, i) => i);
	for (let i = 0; i < k; i++) {
		const j = random.integer(i, n - 1);
		[pool[i], pool[j]] = [pool[j]!, pool[i]!];
	}
	return pool.slice(0, k);
}

function enumerate(strata: readonly Stratum[], units: number): Uint8Array[] {
	let partial: Uint8Array[] = [new Uint8Array(units)];
	let offset = 0;
	for (const { size, labelled } of strata) {
		const subsets = combinations(size, labelled);
		partial = partial.flatMap((labelling) =>
			subsets.map((subset) => {
				const next = labelling.slice();
				for (const unit of subset) next[offset + unit] = 1;
				return next;
			})
		);
		offset += size;
	}
	return partial;
}

function combinations(n: number, k: number): number[][] {
	if (k === 0) return [[]];
	if (k > n) return [];
	const withLast = combinations(n - 1, k - 1).map((subset) => [...subset, n - 1]);
	return [...combinations(n - 1, k), ...withLast];
}

/**
 * Two-sided p: the share of labellings whose statistic is at least as far from 0 as the observed.
 * Exact enumeration counts the observed labelling among its own; a sample adds it once (Phipson
 * and Smyth 2010), so p is never 0 and the test keeps its level. A relative 1e-9 slack counts
 * ties that differ only by rounding, such as a mirror-image labelling.
 */
export function permutationP(observed: number, permuted: ArrayLike<number>, exact: boolean): number {
	const threshold = Math.abs(observed) * (1 - 1e-9) - 1e-12;
	let extreme = 0;
	for (let i = 0; i < permuted.length; i++) if (Math.abs(permuted[i]!) >= threshold) extreme++;
	return exact ? extreme / permuted.length : (extreme + 1) / (permuted.length + 1);
}

export interface InvertOptions {
	/** First step out from the estimate; doubled until the test rejects. */
	step?: number;
	/** Furthest distance searched; beyond it the bound is reported as infinite. */
	limit?: number;
	/** Bisection stops when the bracket is this narrow. */
	tolerance?: number;
}

/**
 * The confidence set {θ : p(θ) > alpha} of a test of "the effect is θ", as an interval: from the
 * estimate (where p is largest) step outward, doubling, until the test rejects, then bisect. The
 * bound returned is the outermost value not rejected, so the interval errs wide, not narrow.
 */
export function invertTest(
	pAt: (theta: number) => number,
	estimate: number,
	alpha: number,
	options: InvertOptions = {}
): { lower: number; upper: number } {
	const { step = 0.05, limit = 20, tolerance = 1e-7 } = options;
	const bound = (direction: 1 | -1): number => {
		let inside = estimate;
		let distance = step;
		while (pAt(estimate + direction * distance) > alpha) {
			inside = estimate + direction * distance;
			distance *= 2;
			if (distance > limit) return direction * Infinity;
		}
		let outside = estimate + direction * distance;
		while (Math.abs(outside - inside) > tolerance) {
			const middle = (inside + outside) / 2;
			if (pAt(middle) > alpha) inside = middle;
			else outside = middle;
		}
		return inside;
	};
	return { lower: bound(-1), upper: bound(1) };
}
