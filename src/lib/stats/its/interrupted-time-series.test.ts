import { describe, expect, it } from 'vitest';
import { matrix } from '../numeric';
import { expectClose, mean, monthlyDates, success, sum, weeklyDates } from '../test-support';
import { fitGlm } from './glm';
import { interruptedTimeSeries } from './interrupted-time-series';

describe('interrupted time series: hand-checkable cases', () => {
	// Each side is a palindrome, so values are uncorrelated with time within it: the fitted trend is
	// exactly 0 and the level change is exactly the change in means (or in pooled rates).
	const pre = [3, 5, 4, 6, 6, 4, 5, 3];
	const post = [7, 9, 8, 8, 9, 7];
	const dates = weeklyDates(14);

	it('quasi-Poisson: the level ratio is the post mean over the pre mean', () => {
		const result = success(
			interruptedTimeSeries({ dates, values: [...pre, ...post] }, { start: dates[8]!, harmonics: 0 })
		);
		expect(result.family).toBe('quasipoisson');
		expect(result.effect.level.scale).toBe('ratio');
		expectClose(result.effect.level.estimate, mean(post) / mean(pre), 1e-12);
		expectClose(result.coefficients[1]!.estimate, 0, 1e-12);
		// Σ post observed = Σ post fitted for a Poisson GLM with a post indicator, so actual/predicted = the ratio.
		expectClose(result.summary.cumulative.actual, sum(post), 1e-12);
		expectClose(result.summary.average.relative, mean(post) / mean(pre) - 1, 1e-12);
		expectClose(result.summary.cumulative.predicted, mean(pre) * post.length, 1e-12);
	});

	it('with exposure: the level ratio is the ratio of pooled rates', () => {
		const exposure = [10, 20, 30, 40, 40, 30, 20, 10, 5, 9, 9, 9, 9, 5];
		const result = success(
			interruptedTimeSeries({ dates, values: [...pre, ...post], offset: exposure }, { start: dates[8]!, harmonics: 0 })
		);
		const ratePre = sum(pre) / sum(exposure.slice(0, 8));
		const ratePost = sum(post) / sum(exposure.slice(8));
		expectClose(result.effect.level.estimate, ratePost / ratePre, 1e-12);
		expectClose(result.counterfactual[3]!.expected, ratePre * 40, 1e-12);
	});

	it('Gaussian: the level difference is the difference in means', () => {
		const values = [...pre, ...post].map((v) => v / 2 + 0.25);
		const result = success(interruptedTimeSeries({ dates, values }, { start: dates[8]!, harmonics: 0 }));
		expect(result.family).toBe('gaussian');
		expect(result.effect.level.scale).toBe('difference');
		expectClose(result.effect.level.estimate, (mean(post) - mean(pre)) / 2, 1e-12);
	});

	it('Gaussian without seasonality is OLS: the exact rational solution of the normal equations', () => {
		/*
		 * Reference: the normal equations solved in exact rational arithmetic (Python fractions):
		 *   from fractions import Fraction as F
		 *   y = [5, 7, 6, 9, 8, 10, 9, 12, 15, 14, 17, 16]; X = [[1, i - 8, int(i >= 8)] for i in range(12)]
		 *   A = [[sum(F(X[k][i] * X[k][j]) for k in range(12)) for j in range(3)] for i in range(3)]
		 *   c = [sum(F(X[k][i] * y[k]) for k in range(12)) for i in range(3)]
		 *   for i in range(3):
		 *       piv = A[i][i]; A[i] = [a / piv for a in A[i]]; c[i] /= piv
		 *       for r in range(3):
		 *           if r != i: f = A[r][i]; A[r] = [a - f * b for a, b in zip(A[r], A[i])]; c[r] -= f * c[i]
		 *   print(c)   # [2235/188, 38/47, 451/188]
		 * Tolerance 1e-13 relative.
		 */
		const values = [5, 7, 6, 9, 8, 10, 9, 12, 15, 14, 17, 16];
		const result = success(
			interruptedTimeSeries(
				{ dates: weeklyDates(12), values },
				{ start: weeklyDates(12)[8]!, family: 'gaussian', harmonics: 0 }
			)
		);
		expectClose(result.coefficients[0]!.estimate, 2235 / 188, 1e-13);
		expectClose(result.coefficients[1]!.estimate, 38 / 47, 1e-13);
		expectClose(result.effect.level.estimate, 451 / 188, 1e-13);
	});

	it('recovers a level change that phases in over the lag window exactly', () => {
		const dates30 = weeklyDates(30);
		const ramp = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 / 4, 2 / 4, 3 / 4, 1, 1, 1, 1, 1, 1, 1];
		const values = ramp.map((r, i) => 10 + 0.1 * i + 2 * r + (i % 2 ? 0.01 : -0.01));
		const result = success(
			interruptedTimeSeries({ dates: dates30, values }, { start: dates30[20]!, lag: 3, harmonics: 0 })
		);
		expectClose(result.effect.level.estimate, 2, 1e-3);
		expect(result.options.lag).toBe(3);
	});
});

describe('interrupted time series: independent reference values', () => {
	it('quasi-Poisson with exposure, slope change and one Fourier pair matches maximum likelihood in SciPy', () => {
		/*
		 * Reference: SciPy 1.17.1 / NumPy 2.4.6. Poisson maximum likelihood by a trust-region Newton
		 * optimiser (scipy.optimize.minimize, method='trust-exact'), not IRLS; everything after it
		 * written out in NumPy from the formulas (docs/impact-methods.md, "Interrupted time series"). Run:
		 *
		 * import numpy as np
		 * from scipy import optimize, stats
		 * y = np.array(Y, float); E = np.array(E, float)            # the two arrays below
		 * def design(n, t0, P=13):
		 *     i = np.arange(n); post = (i >= t0).astype(float)
		 *     return np.column_stack([np.ones(n), i - t0, post, (i - t0) * post, np.sin(2*np.pi*i/P), np.cos(2*np.pi*i/P)])
		 * def poisson_mle(X, y, off):
		 *     nll = lambda b: np.sum(np.exp(X @ b + off) - y * (X @ b + off))
		 *     jac = lambda b: X.T @ (np.exp(X @ b + off) - y)
		 *     hess = lambda b: X.T @ (np.exp(X @ b + off)[:, None] * X)
		 *     b0 = np.linalg.lstsq(X, np.log(y + 0.5) - off, rcond=None)[0]
		 *     return optimize.minimize(nll, b0, jac=jac, hess=hess, method='trust-exact', options={'gtol': 1e-13}).x
		 * def quasi(X, y, off):
		 *     b = poisson_mle(X, y, off); mu = np.exp(X @ b + off); n, p = X.shape
		 *     phi = np.sum((y - mu)**2 / mu) / (n - p)
		 *     V = phi * np.linalg.inv(X.T @ (mu[:, None] * X))
		 *     return b, mu, phi, V, stats.t.ppf(0.975, n - p), n - p
		 * X = design(60, 40); off = np.log(E)
		 * b, mu, phi, V, q, df = quasi(X, y, off); se = np.sqrt(np.diag(V))
		 * for j in (2, 3): print(np.exp(b[j]), np.exp(b[j] - q*se[j]), np.exp(b[j] + q*se[j]), 2*stats.t.sf(abs(b[j]/se[j]), df))
		 * Xc = X.copy(); Xc[:, 2:4] = 0; eta = Xc @ b + off; h = q * np.sqrt(np.einsum('ij,jk,ik->i', Xc, V, Xc))
		 * for k in (0, 39, 40, 59): print(np.exp(eta[k]), np.exp(eta[k] - h[k]), np.exp(eta[k] + h[k]))
		 * m = np.exp(eta[40:]); S = m.sum(); A = y[40:].sum(); g = (m[:, None] * Xc[40:]).sum(0) / S
		 * se_S = np.sqrt(g @ V @ g + phi / S)
		 * print(A, S, S*np.exp(-q*se_S), S*np.exp(q*se_S), 2*stats.t.sf(abs(np.log(A/S)/se_S), df))
		 * r = (y - mu) / np.sqrt(mu); print(np.sum(np.diff(r)**2) / np.sum(r**2))
		 * rc = r - r.mean(); acf = [np.sum(rc[k:]*rc[:-k]) / np.sum(rc**2) for k in range(1, 11)]
		 * Q = 60*62*sum(a*a/(60-k) for k, a in zip(range(1, 11), acf)); print(Q, stats.chi2.sf(Q, 10))
		 * pre = slice(0, 40); ypre = y[pre]; rate = ypre.sum()/E[pre].sum()
		 * d = lambda y, m: 2*np.sum(np.where(y > 0, y*np.log(y/m), 0) - (y - m))
		 * print(np.mean(np.abs(ypre - mu[pre])/ypre), 1 - d(ypre, mu[pre])/d(ypre, rate*E[pre]))
		 * bp, mup, phip, Vp, qp, dfp = quasi(design(40, 20), ypre, off[pre]); sp = np.sqrt(Vp[2, 2])
		 * print(np.exp(bp[2]), np.exp(bp[2]-qp*sp), np.exp(bp[2]+qp*sp), 2*stats.t.sf(abs(bp[2]/sp), dfp))
		 *
		 * Tolerance 1e-8 relative: both optimisers stop near 1e-11; the rest is closed-form.
		 */
		const Y = [
			37, 53, 30, 47, 25, 45, 40, 46, 49, 32, 50, 17, 11, 47, 42, 46, 30, 55, 40, 36, 42, 36, 25, 27, 29, 16, 32, 58,
			46, 57, 49, 37, 33, 35, 10, 48, 25, 18, 41, 72, 41, 56, 53, 120, 77, 73, 51, 40, 41, 66, 50, 37, 42, 40, 93, 95,
			95, 95, 45, 73
		];
		const E = [
			1117, 1032, 966, 1179, 857, 986, 1039, 1016, 1116, 1093, 944, 859, 1099, 1189, 1181, 1117, 819, 876, 1039, 803,
			1083, 942, 816, 861, 896, 809, 1000, 1051, 838, 861, 1170, 1069, 868, 900, 801, 1139, 963, 894, 1069, 1158, 1186,
			919, 900, 1014, 976, 937, 1154, 835, 1116, 908, 918, 1075, 1065, 828, 903, 850, 1038, 973, 1197, 1043
		];
		const dates = weeklyDates(60, '2023-01-02');
		const r = success(
			interruptedTimeSeries(
				{ dates, values: Y, offset: E },
				{ start: dates[40]!, slope: true, harmonics: 1, period: 13 }
			)
		);
		const tol = 1e-8;
		const b = [
			-3.177430814121282, 0.005009187592577851, 0.2571972235261563, 0.005830235139000824, 0.287010433091473,
			-0.07109987209217508
		];
		const se = [
			0.11486296522512292, 0.004912076041365103, 0.16656662629534835, 0.011239624604059178, 0.06400171887112784,
			0.05857442592335469
		];
		r.coefficients.forEach((row, j) => {
			expectClose(row.estimate, b[j]!, tol, `b${j}`);
			expectClose(row.se, se[j]!, tol, `se${j}`);
		});
		expect(r.family).toBe('quasipoisson');
		expectClose(r.dispersion, 4.786135229446379, tol);
		const expectEffect = (
			effect: { estimate: number; lower: number; upper: number; p: number } | undefined,
			values: number[]
		) => [effect!.estimate, effect!.lower, effect!.upper, effect!.p].forEach((v, k) => expectClose(v, values[k]!, tol));
		expectEffect(r.effect.level, [1.293300170828251, 0.9261225074384646, 1.8060519190821192, 0.12840232300824098]);
		expectEffect(r.effect.slope, [1.0058472640379654, 0.9834348804079648, 1.0287704236735618, 0.6060742539751717]);
		const band: [number, number, number, number][] = [
			[0, 35.49896741484735, 27.55247070969154, 45.73733879615843],
			[39, 44.74187143571177, 34.817091324800195, 57.495758071664504],
			[40, 53.055331213826236, 40.77833322319269, 69.0285244078551],
			[59, 47.844106860958476, 31.540529660327802, 72.57514651702347]
		];
		for (const [k, expected, lower, upper] of band) {
			const point = r.counterfactual[k]!;
			expect(point.post).toBe(k >= 40);
			[point.expected, point.lower, point.upper].forEach((v, i) =>
				expectClose(v, [expected, lower, upper][i]!, tol, `counterfactual ${k}`)
			);
		}
		const c = r.summary.cumulative;
		[c.actual, c.predicted, c.predictedLower, c.predictedUpper, r.summary.p].forEach((v, i) =>
			expectClose(
				v,
				[1283, 937.0257069052255, 657.8057339840983, 1334.7666796447575, 0.08058178991172542][i]!,
				tol,
				'summary'
			)
		);
		expectClose(r.summary.average.predicted, 937.0257069052255 / 20, tol);
		const d = r.diagnostics;
		expectClose(d.autocorrelation.durbinWatson, 2.113951756518211, tol);
		expectClose(d.autocorrelation.ljungBox.statistic, 14.187056788675083, tol);
		expectClose(d.autocorrelation.ljungBox.p, 0.16462908680239766, tol);
		expectClose(d.preFit.mape!, 0.3002828800246751, tol);
		expectClose(d.preFit.devianceExplained!, 0.15922486186433993, tol);
		expect(d.placebo.ran).toBe(true);
		if (d.placebo.ran) {
			expect(d.placebo.start).toBe(dates[20]);
			expectEffect(d.placebo, [1.000980146265927, 0.6626718854698616, 1.5120020559015033, 0.9961768353628486]);
		}
	});

	it('Gaussian with Newey-West errors, slope change and one Fourier pair matches NumPy', () => {
		/*
		 * Reference: NumPy 2.4.6 least squares (np.linalg.lstsq) and the Newey-West sandwich written
		 * in matrix form X'ΩX with Ω_ts = w_|t−s| e_t e_s, Bartlett weights, L = floor(4(n/100)^(2/9)) = 3,
		 * times n/(n − p); SciPy 1.17.1 for t quantiles and tails:
		 *
		 * import numpy as np; from scipy import stats
		 * y = np.array(Y); n, t0 = 48, 30; i = np.arange(n); post = (i >= t0).astype(float)
		 * X = np.column_stack([np.ones(n), i - t0, post, (i - t0) * post, np.sin(2*np.pi*i/12), np.cos(2*np.pi*i/12)]); p = X.shape[1]
		 * b = np.linalg.lstsq(X, y, rcond=None)[0]; e = y - X @ b; L = int(np.floor(4 * (n / 100) ** (2 / 9)))
		 * W = np.array([[max(0.0, 1 - abs(s - t) / (L + 1)) for s in range(n)] for t in range(n)])
		 * bread = np.linalg.inv(X.T @ X); V = bread @ (X.T @ (W * np.outer(e, e)) @ X) @ bread * n / (n - p)
		 * se = np.sqrt(np.diag(V)); df = n - p; q = stats.t.ppf(0.975, df)
		 * for j in (2, 3): print(b[j], b[j] - q*se[j], b[j] + q*se[j], 2*stats.t.sf(abs(b[j]/se[j]), df))
		 * Xc = X.copy(); Xc[:, 2:4] = 0; cf = Xc @ b; h = q*np.sqrt(np.einsum('ij,jk,ik->i', Xc, V, Xc))
		 * for k in (0, 29, 30, 47): print(cf[k], cf[k] - h[k], cf[k] + h[k])
		 * lrv = (e @ e + 2*sum((1 - l/(L + 1)) * (e[l:] @ e[:-l]) for l in range(1, L + 1))) / df
		 * g = Xc[t0:].sum(0); S = cf[t0:].sum(); A = y[t0:].sum(); seS = np.sqrt(g @ V @ g + (n - t0) * lrv)
		 * print(A, S, S - q*seS, S + q*seS, 2*stats.t.sf(abs((A - S)/seS), df))
		 * print(np.sum(np.diff(e)**2)/np.sum(e**2))
		 * ec = e - e.mean(); acf = [np.sum(ec[k:]*ec[:-k])/np.sum(ec**2) for k in range(1, 10)]
		 * Q = n*(n+2)*sum(a*a/(n-k) for k, a in zip(range(1, 10), acf)); print(Q, stats.chi2.sf(Q, 9))
		 * yp = y[:t0]; print(1 - np.sum(e[:t0]**2)/np.sum((yp - yp.mean())**2), np.mean(np.abs(e[:t0]/yp)))
		 *
		 * Tolerance 1e-10 relative (least squares is exact up to rounding).
		 */
		const Y = [
			45.11, 44.63, 44.0, 42.89, 39.27, 40.7, 37.8, 41.49, 39.28, 41.81, 44.54, 44.8, 47.07, 46.44, 49.68, 46.39, 45.79,
			43.35, 43.67, 43.31, 44.73, 48.74, 49.96, 50.4, 53.1, 52.95, 51.12, 46.39, 47.54, 45.03, 49.6, 52.22, 55.64,
			57.87, 59.11, 61.95, 61.67, 62.24, 60.3, 58.5, 57.55, 56.34, 53.76, 54.01, 52.6, 57.13, 57.88, 59.56
		];
		const dates = monthlyDates(48, 2021, 1);
		const r = success(
			interruptedTimeSeries({ dates, values: Y }, { start: dates[30]!, slope: true, harmonics: 1, period: 12 })
		);
		const tol = 1e-10;
		expect(r.family).toBe('gaussian');
		expect(r.options.neweyWestLag).toBe(3);
		const b = [
			49.83862073336712, 0.3010505693276337, 7.485984206321658, -0.2821159038247637, 0.7776893430551692,
			3.907516595550365
		];
		const se = [
			0.731262649467928, 0.032901522604049195, 1.0764568565029289, 0.11063303098110823, 0.37329393363567787,
			0.356677447203653
		];
		r.coefficients.forEach((row, j) => {
			expectClose(row.estimate, b[j]!, tol, `b${j}`);
			expectClose(row.se, se[j]!, tol, `se${j}`);
		});
		expectClose(r.dispersion, 2.1942867600977354, tol);
		const level = r.effect.level;
		[level.estimate, level.lower, level.upper, level.p].forEach((v, k) =>
			expectClose(v, [7.485984206321658, 5.3136063203396375, 9.658362092303678, 1.689654153078342e-8][k]!, tol)
		);
		const slope = r.effect.slope!;
		[slope.estimate, slope.lower, slope.upper, slope.p].forEach((v, k) =>
			expectClose(v, [-0.2821159038247637, -0.5053823993750843, -0.0588494082744431, 0.014509177296367179][k]!, tol)
		);
		const band: [number, number, number, number][] = [
			[0, 44.714620249088476, 43.366003065474686, 46.063237432702266],
			[29, 46.54240619811117, 44.73530515618397, 48.34950724003838],
			[30, 45.93110413781676, 44.10934715294228, 47.75286112269124],
			[47, 57.95164437786521, 55.51865317770947, 60.38463557802095]
		];
		for (const [k, expected, lower, upper] of band) {
			const point = r.counterfactual[k]!;
			[point.expected, point.lower, point.upper].forEach((v, i) =>
				expectClose(v, [expected, lower, upper][i]!, tol, `counterfactual ${k}`)
			);
		}
		const c = r.summary.cumulative;
		[c.actual, c.predicted, c.predictedLower, c.predictedUpper].forEach((v, i) =>
			expectClose(v, [1027.93, 936.3460175713991, 896.6525789259788, 976.0394562168194][i]!, tol, 'summary')
		);
		expect(Math.abs(r.summary.p - 3.223201352369046e-5)).toBeLessThan(1e-14);
		expectClose(r.diagnostics.autocorrelation.durbinWatson, 1.5334123008905716, tol);
		expectClose(r.diagnostics.autocorrelation.ljungBox.statistic, 23.028726769928696, tol);
		expect(r.diagnostics.autocorrelation.ljungBox.lags).toBe(9);
		expectClose(r.diagnostics.autocorrelation.ljungBox.p, 0.006132122546827473, tol);
		expect(r.diagnostics.autocorrelation.flagged).toBe(true);
		expectClose(r.diagnostics.preFit.rSquared!, 0.8712761583964878, tol);
		expectClose(r.diagnostics.preFit.mape!, 0.02486670750072564, tol);
		expect(r.diagnostics.overdispersion).toBeNull();
	});
});

describe('a temporary campaign window (windowEnd)', () => {
	// Monthly counts with a strong September high, three years; the campaign is one September.
	const dates = Array.from(
		{ length: 36 },
		(_, i) => `${2023 + Math.floor((i + 10) / 12)}-${String(((i + 10) % 12) + 1).padStart(2, '0')}-01`
	);
	const seasonal = (i: number) => 100 * (1 + 0.3 * Math.cos((2 * Math.PI * (((i + 10) % 12) - 8)) / 12));
	const values = dates.map((_, i) => Math.round(seasonal(i) * (dates[i] === '2025-09-01' ? 1.2 : 1)));

	it('estimates a one-month campaign against the months before and after it, season included', () => {
		const result = interruptedTimeSeries(
			{ dates, values },
			{ start: '2025-09-01', windowEnd: '2025-09-30', family: 'quasipoisson', harmonics: 2 }
		);
		if (!result.ok) throw new Error(result.reason);
		expect(result.options.windowEnd).toBe('2025-09-01');
		expect(result.summary.points).toBe(1);
		expect(result.counterfactual.filter((point) => point.post).map((point) => point.date)).toEqual(['2025-09-01']);
		// The month is 1.2 × its seasonal level; the season is learned from the other Septembers.
		expect(result.effect.level.estimate).toBeGreaterThan(1.15);
		expect(result.effect.level.estimate).toBeLessThan(1.25);
		expect(result.effect.level.lower).toBeLessThan(1.2);
		expect(result.effect.level.upper).toBeGreaterThan(1.2);
		expect(result.warnings.join(' ')).toMatch(/estimated as temporary/);
	});

	it('reads a single window point against a fit to every other point (the deletion residual)', () => {
		// Poisson, no season: the counterfactual at the window point must equal the prediction of a
		// Poisson GLM fitted without that point, and the ratio is the point over that prediction.
		const flat = dates.map((_, i) => 50 + (i % 3) + Math.floor(i / 6));
		const k = 22;
		const bumped = flat.map((v, i) => (i === k ? 80 : v));
		const result = interruptedTimeSeries(
			{ dates, values: bumped },
			{ start: dates[k]!, windowEnd: dates[k]!, family: 'poisson', harmonics: 0 }
		);
		if (!result.ok) throw new Error(result.reason);
		const others = bumped.map((_, i) => i).filter((i) => i !== k);
		const x = matrix(others.length, 2);
		others.forEach((i, row) => ((x.data[row * 2] = 1), (x.data[row * 2 + 1] = i - k)));
		const fit = fitGlm(
			x,
			others.map((i) => bumped[i]!),
			{ family: 'poisson' }
		);
		const predicted = Math.exp(fit.coefficients[0]!);
		expect(result.counterfactual[k]!.expected).toBeCloseTo(predicted, 6);
		expect(result.effect.level.estimate).toBeCloseTo(80 / predicted, 6);
	});

	it('refuses a slope change with a window, and still refuses a window with no points', () => {
		expect(() =>
			interruptedTimeSeries({ dates, values }, { start: '2025-09-01', windowEnd: '2025-09-30', slope: true })
		).toThrow(RangeError);
		// A window inside one month falls in that month's period, as a mid-month start does.
		const midMonth = interruptedTimeSeries(
			{ dates, values },
			{ start: '2025-09-15', windowEnd: '2025-09-20', family: 'quasipoisson' }
		);
		expect(midMonth.ok && midMonth.diagnostics.sufficiency.pointsAfter).toBe(1);
		const none = interruptedTimeSeries(
			{ dates, values },
			{ start: '2026-11-15', windowEnd: '2026-11-20', family: 'quasipoisson' }
		);
		expect(none.ok).toBe(false);
	});
});
