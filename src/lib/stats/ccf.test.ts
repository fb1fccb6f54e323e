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

	it('removes a shared 12-month season before prewhitening, matching a NumPy/SciPy computation', () => {
		/*
		 * Reference: NumPy 2.4.6 / SciPy 1.17.1 (R was not available; the AR fit is R's ar.yw rule,
		 * Yule-Walker with AIC, but by scipy.linalg.solve_toeplitz rather than Levinson-Durbin):
		 *   pat = [-10, -25, -5, 0, 5, 10, 60, 40, 20, 5, -20, -50]  # a summer peak and a December dip
		 *   rng = np.random.default_rng(1); t = np.arange(72)
		 *   x = np.round(300 + pat[t % 12] + rng.normal(0, 10, 72), 1); y = np.round(150 + 0.8 * pat[t % 12] + rng.normal(0, 8, 72), 1)
		 *   deseason(v) = v − the mean of v over its month position (t mod 12); then, as in the test above,
		 *   Yule-Walker orders 0..12 by AIC on deseason(x), the filter on both, correlations at lags 0..8;
		 *   Bonferroni band norm.ppf(1 − 0.05/18)/√m.
		 * y shares only the season with x. Without removing it (AR order capped at 7 = n/10), 3 of the 9 lags
		 * cross ±0.243 (0.252 at lag 0, −0.290 at 4, 0.277 at 6); over 200 such seeds the mean is 1.6
		 * crossings against 0.45 expected by chance, and 0.57 with the season removed. Tolerance 1e-12.
		 */
		const x = [
			293.5, 283.2, 298.3, 287.0, 314.1, 314.5, 354.6, 345.8, 323.6, 307.9, 280.3, 255.5, 282.6, 273.4, 290.2, 306.0,
			305.4, 307.1, 352.2, 337.4, 320.1, 302.2, 292.9, 260.1, 262.9, 256.1, 293.3, 295.8, 307.1, 312.2, 381.2, 328.9,
			316.2, 325.4, 286.5, 256.6, 284.9, 258.5, 296.7, 301.1, 292.7, 303.2, 359.3, 330.6, 319.0, 306.0, 280.4, 244.9,
			295.9, 283.9, 298.2, 291.8, 312.3, 305.0, 368.8, 329.3, 329.1, 304.8, 267.5, 246.9, 290.5, 277.7, 285.2, 288.9,
			307.0, 305.3, 362.4, 347.6, 303.5, 307.5, 292.2, 247.0
		];
		const y = [
			135.5, 136.0, 148.0, 157.2, 151.2, 146.1, 197.1, 178.4, 172.2, 155.5, 121.0, 100.4, 149.1, 135.4, 140.9, 150.0,
			157.6, 161.7, 205.0, 184.1, 165.2, 151.9, 142.4, 92.0, 140.9, 130.3, 134.6, 152.7, 148.8, 164.9, 197.0, 187.4,
			175.8, 157.1, 127.0, 97.9, 156.0, 129.1, 140.5, 151.2, 152.5, 164.8, 198.3, 182.1, 160.3, 157.8, 125.7, 115.3,
			154.2, 117.8, 126.3, 154.9, 174.4, 150.0, 188.0, 186.7, 159.3, 150.0, 131.2, 114.3, 138.8, 132.2, 144.6, 143.2,
			151.4, 150.4, 198.1, 173.0, 157.3, 165.7, 133.6, 109.6
		];
		const result = prewhitenedCcf(x, y, { seasonalPeriod: 12 });
		if (!result.ok) throw new Error(result.reason);
		expect(result.seasonRemoved).toBe(true);
		expect(result.order).toBe(2);
		expectClose(result.ar[0]!, -0.015194329066019113, 1e-12);
		expectClose(result.ar[1]!, -0.25347908223216475, 1e-12);
		expect(result.points).toBe(70);
		expectClose(result.band, 0.2342605027587306, 1e-12);
		expectClose(result.familyBand, 0.33142748627488394, 1e-12);
		const reference = [
			-0.058975848242227236, -0.10947533199234567, 0.09441512346631516, 0.16105709210683267, -0.03473052647949632,
			-0.06929875134460539, -0.017404217709936328, -0.03231340266762076, -0.0718708605497773
		];
		result.lags.forEach((l, k) => expectClose(l.correlation, reference[k]!, 1e-12, `lag ${k}`));
		expect(result.lags.filter((l) => l.outsideBand)).toEqual([]);
	});

	it('says how many lags would cross the band by chance when many are tested at once', () => {
		const random = createRandom(9, 'ccf-many-lags');
		const x = Array.from({ length: 100 }, () => random.normal());
		const y = Array.from({ length: 100 }, () => random.normal());
		const result = prewhitenedCcf(x, y);
		if (!result.ok) throw new Error(result.reason);
		// 9 lags at 5% each: 0.45 expected crossings; Bonferroni band z(1 − 0.05/18)/√m.
		expectClose(result.expectedByChance, 0.45, 1e-12);
		expectClose(result.familyBand * Math.sqrt(result.points), 2.7729212946086634, 1e-12); // scipy.stats.norm.ppf(1 - 0.05 / 18)
		expect(result.note).toMatch(
			/^With 9 lags tested at once, about 0\.5 would cross ±0\.\d\d by chance alone; only a lag beyond ±0\.\d\d \(that band widened for 9 tests\) stands out taken together, and (none does|\d+ does?)\.$/
		);
	});

	it('says when there is too little data', () => {
		expect(prewhitenedCcf([1, 2, 3], [3, 2, 1])).toEqual({
			ok: false,
			reason: 'Not enough data to estimate: 3 points; at least 24 are needed for lags up to 8.'
		});
		expect(prewhitenedCcf(Array(30).fill(1), Array(30).fill(2)).ok).toBe(false);
	});
});
