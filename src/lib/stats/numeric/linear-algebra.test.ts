import { describe, expect, it } from 'vitest';
import { expectClose } from '../test-support';
import {
	cholesky,
	CollinearityError,
	fromRows,
	multiply,
	quadraticForm,
	solvePositiveDefinite,
	toRows,
	weightedLeastSquares
} from './linear-algebra';

describe('weighted least squares by QR', () => {
	it('solves a hand-checkable line and returns (XᵀX)⁻¹', () => {
		// y = 1 + 2x through (0,1), (1,3), (2,5); XᵀX = [[3,3],[3,5]], whose inverse is [[5,−3],[−3,3]]/6.
		const x = fromRows([
			[1, 0],
			[1, 1],
			[1, 2]
		]);
		const { beta, inverse } = weightedLeastSquares(x, [1, 3, 5]);
		expectClose(beta[0]!, 1, 1e-14);
		expectClose(beta[1]!, 2, 1e-14);
		const expected = [
			[5 / 6, -0.5],
			[-0.5, 0.5]
		];
		toRows(inverse).forEach((row, i) => row.forEach((v, j) => expectClose(v, expected[i]![j]!, 1e-14)));
	});

	it('weights each row', () => {
		// W = diag(1,2,1): XᵀWX = [[4,4],[4,6]], XᵀWz = [9,12]; solution [6·9 − 4·12, −4·9 + 4·12]/8 = [0.75, 1.5].
		const { beta, inverse } = weightedLeastSquares(
			fromRows([
				[1, 0],
				[1, 1],
				[1, 2]
			]),
			[1, 2, 4],
			[1, 2, 1]
		);
		expectClose(beta[0]!, 0.75, 1e-14);
		expectClose(beta[1]!, 1.5, 1e-14);
		expectClose(inverse.data[0]!, 6 / 8, 1e-14);
		expectClose(inverse.data[1]!, -4 / 8, 1e-14);
	});

	it('stays accurate where the normal equations would lose half the digits', () => {
		// x around a million: cond(XᵀX) ≈ 1e22, beyond double precision, while cond(X) ≈ 1e11 is not.
		const rows = Array.from({ length: 21 }, (_, i) => [1, 1e6 + i]);
		const z = rows.map(([, t]) => 3 - 0.5 * t!);
		const { beta } = weightedLeastSquares(fromRows(rows), z);
		expectClose(beta[1]!, -0.5, 1e-8);
		expectClose(beta[0]!, 3, 1e-4);
	});

	it('names the first column that repeats the others', () => {
		const x = fromRows([
			[1, 0, 1],
			[1, 1, 2],
			[1, 2, 3],
			[1, 3, 4]
		]);
		expect(() => weightedLeastSquares(x, [1, 2, 3, 4])).toThrow(CollinearityError);
		try {
			weightedLeastSquares(x, [1, 2, 3, 4]);
		} catch (error) {
			expect((error as CollinearityError).column).toBe(2);
		}
		expect(() =>
			weightedLeastSquares(
				fromRows([
					[1, 0],
					[1, 0],
					[1, 0]
				]),
				[1, 2, 3]
			)
		).toThrow(CollinearityError);
	});
});

describe('small matrix helpers', () => {
	it('multiplies and forms quadratic forms', () => {
		const a = fromRows([
			[1, 2],
			[3, 4]
		]);
		expect(toRows(multiply(a, a))).toEqual([
			[7, 10],
			[15, 22]
		]);
		// [1, −1]·A·[1, −1]ᵀ = 1 − 2 − 3 + 4 = 0
		expect(quadraticForm(a, [1, -1])).toBe(0);
		expect(quadraticForm(a, [2, 1])).toBe(4 + 4 + 6 + 4);
	});
});

describe('Cholesky', () => {
	it('factors and solves a hand-checkable positive definite system, and refuses an indefinite one', () => {
		// A = LLᵀ with L = [[2,0,0],[1,3,0],[−1,2,1]]: A = [[4,2,−2],[2,10,5],[−2,5,6]]; A·[1,−1,2] = [−2,2,5].
		const a = fromRows([
			[4, 2, -2],
			[2, 10, 5],
			[-2, 5, 6]
		]);
		expect(Array.from(cholesky(a)!)).toEqual([2, 0, 0, 1, 3, 0, -1, 2, 1]);
		const x = solvePositiveDefinite(a, [-2, 2, 5])!;
		[1, -1, 2].forEach((v, i) => expectClose(x[i]!, v, 1e-14));
		expect(
			solvePositiveDefinite(
				fromRows([
					[1, 2],
					[2, 1]
				]),
				[1, 1]
			)
		).toBeNull();
	});
});
