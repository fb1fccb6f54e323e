import { describe, expect, it } from 'vitest';
import { createRandom } from '../demo/random';
import { autocovariances, levinsonDurbin, prewhitenedCcf } from './ccf';
import { expectClose } from './test-support';

describe('Levinson-Durbin', () => {
	it('solves the Yule-Walker equations of an AR(1) by hand', () => {
		// γ = [1, 0.5, 0.25] is an AR(1) with φ = 0.5: the order-2 fit adds nothing, and σ² = 1 − 0.5².
		const fits = levinsonDurbin([1, 0.5, 0.25], 2);
		expect(fits[1]!.coefficients).toEqual([0.5]);
		expectClose(fits[1]!.variance, 0.75, 1e-15);
		expectClose(fits[2]!.coefficients[0]!, 0.5, 1e-15);
		expectClose(fits[2]!.coefficients[1]!, 0, 1e-15);
		expect(autocovariances([1, 2, 3], 1)).toEqual([2 / 3, 0]);
	});
});

describe('prewhitened cross-correlation', () => {
	it('matches a NumPy/SciPy computation that solves Yule-Walker by a Toeplitz solver', () => {
		/*
		 * Reference: NumPy 2.4.6 / SciPy 1.17.1; AR fits by scipy.linalg.solve_toeplitz, not Levinson-Durbin:
		 *   n = len(x); P = min(8, n // 10); xc = x - x.mean()
		 *   g = np.array([xc[k:] @ xc[:n-k] / n for k in range(P + 1)])
		 *   fits = [(np.array([]), g[0])] + [(phi, g[0] - phi @ g[1:p+1]) for p in range(1, P + 1) for phi in [solve_toeplitz(g[:p], g[1:p+1])]]
		 *   aic = [n*np.log(v) + 2*p for p, (phi, v) in enumerate(fits)]; p = int(np.argmin(aic)); phi = fits[p][0]
		 *   filt = lambda v: np.array([(v[t] - v.mean()) - sum(phi[k]*(v[t-k-1] - v.mean()) for k in range(p)) for t in range(p, n)])
		 *   a, b = filt(x), filt(y); m = len(a); a, b = a - a.mean(), b - b.mean()
		 *   print(p, phi, m, stats.norm.ppf(0.975)/np.sqrt(m), [a[:m-k] @ b[k:] / np.sqrt((a @ a) * (b @ b)) for k in range(9)])
		 * x is an AR(2) (0.6, −0.3) and y = 0.5·x two periods earlier plus noise (numpy seed 77).
		 * Tolerance 1e-12.
		 */
		const x = [
			104.3, 94.3, 121.8, 98.7, 99.3, 98.5, 95.8, 108.6, 88.2, 80.5, 90.7, 117.7, 114.3, 112.2, 84.4, 74.6, 99.1, 100.8,
			100.1, 107.1, 82.2, 75.2, 89.5, 85.7, 87.5, 96.3, 94.9, 95.4, 99.2, 114.2, 124.6, 106.5, 88.3, 99.9, 108.6, 107.7,
			92.9, 99.9, 110.8, 88.7, 100.1, 102.8, 94.2, 79.9, 86.3, 97.2, 98.7, 88.0, 81.2, 99.4, 105.7, 106.5, 108.5, 110.3,
			121.0, 108.8, 96.4, 85.6, 94.9, 103.9, 96.3, 96.3, 98.7, 137.0, 117.5, 111.9, 105.9, 99.1, 101.8, 104.9, 102.1,
			97.3, 94.0, 93.4, 100.6, 101.2, 110.2, 119.5, 108.1, 96.0
		];
		const y = [
			57.9, 49.6, 53.4, 44.8, 61.7, 57.1, 55.0, 42.7, 42.8, 51.8, 42.3, 44.5, 32.6, 66.6, 50.2, 62.3, 34.7, 36.1, 54.8,
			50.6, 57.1, 68.6, 38.0, 31.7, 37.7, 33.8, 42.1, 38.6, 31.5, 43.8, 59.2, 58.7, 54.5, 48.0, 48.9, 51.2, 51.8, 60.5,
			48.2, 47.6, 55.3, 46.2, 57.7, 44.9, 46.2, 38.2, 31.1, 44.5, 39.7, 44.6, 39.4, 51.4, 54.4, 43.5, 54.1, 57.7, 66.0,
			54.4, 44.5, 44.1, 55.4, 53.3, 37.9, 51.0, 49.5, 68.5, 56.1, 56.1, 53.5, 40.9, 55.6, 50.6, 50.2, 46.2, 55.4, 52.7,
			59.0, 48.6, 46.7, 57.9
		];
		const result = prewhitenedCcf(x, y);
		if (!result.ok) throw new Error(result.reason);
		expect(result.order).toBe(2);
		expectClose(result.ar[0]!, 0.5309146883389816, 1e-12);
		expectClose(result.ar[1]!, -0.2326690464038755, 1e-12);
		expect(result.points).toBe(78);
		expectClose(result.band, 0.22192222074452364, 1e-12);
		const expected = [
			0.1253260968989518, -0.06149353905262239, 0.7073404313871929, -0.08437321946669007, 0.1734367799515688,
			0.014611965582854486, -0.06103009458794239, 0.20396382120674983, -0.04047218017755088
		];
		result.lags.forEach(({ lag, correlation }) => expectClose(correlation, expected[lag]!, 1e-12, `lag ${lag}`));
		expect(result.lags.filter((l) => l.outsideBand).map((l) => l.lag)).toEqual([2]);
	});

	it('removes the spurious correlation between two independent drifting series', () => {
		const random = createRandom(5, 'ccf');
		let a = 0;
		let b = 0;
		const x: number[] = [];
		const y: number[] = [];
		for (let t = 0; t < 150; t++) {
			x.push((a = 0.95 * a + random.normal()));
			y.push((b = 0.95 * b + random.normal()));
		}
		const result = prewhitenedCcf(x, y);
		if (!result.ok) throw new Error(result.reason);
		expect(result.order).toBeGreaterThanOrEqual(1);
		expect(result.lags.filter((l) => l.outsideBand).length).toBeLessThanOrEqual(1);
	});

	it('says when there is too little data', () => {
		expect(prewhitenedCcf([1, 2, 3], [3, 2, 1])).toEqual({
			ok: false,
			reason: 'Not enough data to estimate: 3 points; at least 24 are needed for lags up to 8.'
		});
		expect(prewhitenedCcf(Array(30).fill(1), Array(30).fill(2)).ok).toBe(false);
	});
});
