import { describe, expect, it } from 'vitest';
import { fromRows, weightedLeastSquares } from '../numeric';
import { expectClose, expectRelative } from '../test-support';
import { bartlettWeight, longRunVariance, neweyWestCovariance, neweyWestLag } from './newey-west';

describe('Newey-West lag rule', () => {
	it('is floor(4·(n/100)^(2/9))', () => {
		expect(neweyWestLag(52)).toBe(3);
		expect(neweyWestLag(100)).toBe(4);
		expect(neweyWestLag(260)).toBe(4);
		expect(neweyWestLag(500)).toBe(5);
		expect(bartlettWeight(1, 3)).toBe(0.75);
	});
});

describe('Newey-West covariance', () => {
	it('reduces to a hand formula for a mean', () => {
		// Intercept only: bread = 1/n, meat = Σe² + 2Σₗ wₗ Σₜ eₜeₜ₋ₗ, times n/(n − 1).
		const y = [2, 4, 3, 7, 5, 6];
		const mean = 27 / 6;
		const e = y.map((v) => v - mean);
		const x = fromRows(y.map(() => [1]));
		const lag = 2;
		const gamma = (l: number) => e.slice(l).reduce((s, v, t) => s + v * e[t]!, 0);
		const meat = gamma(0) + 2 * (bartlettWeight(1, lag) * gamma(1) + bartlettWeight(2, lag) * gamma(2));
		const { covariance } = neweyWestCovariance(x, e, fromRows([[1 / 6]]), { lag });
		expectClose(covariance.data[0]!, (meat / 36) * (6 / 5), 1e-14);
		// With lag 0 and no correction it is White's HC0 variance of the mean: Σe²/n².
		const white = neweyWestCovariance(x, e, fromRows([[1 / 6]]), { lag: 0, smallSample: false });
		expectClose(white.covariance.data[0]!, gamma(0) / 36, 1e-14);
		// The long-run variance of the same residuals uses the same weights.
		expectClose(longRunVariance(e, lag, 1), meat / 5, 1e-14);
	});

	it('matches an independent matrix-form computation in NumPy', () => {
		/*
		 * Reference (NumPy 2.4.6): the sandwich written as X'ΩX with Ω_ts = w_|t−s|·e_t·e_s, a
		 * different arrangement of the sum from the implementation's lag-by-lag accumulation.
		 *   import numpy as np
		 *   x1 = np.array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]); y = np.array([1.2, 1.9, 3.4, 3.9, 5.6, 5.8, 7.5, 8.1, 8.7, 10.4])
		 *   X = np.column_stack([np.ones(10), x1]); n, p = X.shape; L = 2
		 *   b = np.linalg.lstsq(X, y, rcond=None)[0]; e = y - X @ b
		 *   W = np.array([[max(0, 1 - abs(s - t) / (L + 1)) for s in range(n)] for t in range(n)])
		 *   B = np.linalg.inv(X.T @ X); V = B @ (X.T @ (W * np.outer(e, e)) @ X) @ B * n / (n - p)
		 *   print(V.tolist())
		 * Tolerance 1e-12 relative.
		 */
		const y = [1.2, 1.9, 3.4, 3.9, 5.6, 5.8, 7.5, 8.1, 8.7, 10.4];
		const x = fromRows(y.map((_, i) => [1, i]));
		const { beta, inverse } = weightedLeastSquares(x, y);
		const e = y.map((v, i) => v - beta[0]! - beta[1]! * i);
		const { covariance, lag } = neweyWestCovariance(x, e, inverse, { lag: 2 });
		expect(lag).toBe(2);
		const expected = [
			[0.007429746703195215, -0.0010873626826744813],
			[-0.0010873626826744815, 0.00026487867797827207]
		];
		expected.forEach((row, i) => row.forEach((v, j) => expectRelative(covariance.data[i * 2 + j]!, v, 1e-12)));
	});
});
