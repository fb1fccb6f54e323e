import { describe, expect, it } from 'vitest';
import { expectClose, expectRelative } from '../test-support';
import {
	chiSquareCdf,
	chiSquareSurvival,
	logGamma,
	normalCdf,
	normalQuantile,
	studentTCdf,
	studentTQuantile,
	studentTwoSidedP
} from './distributions';

/*
 * Reference values from SciPy 1.17.1 (numpy 2.4.6), printed with repr():
 *   from scipy import stats, special
 *   stats.norm.ppf(p); stats.norm.cdf(z); stats.t.cdf(t, df); 2 * stats.t.sf(abs(t), df)
 *   stats.t.ppf(p, df); stats.chi2.sf(x, k); stats.chi2.cdf(x, k); special.gammaln(x)
 * Tolerance: 1e-12 relative (the functions agree with SciPy to about 1e-14); tails are compared
 * relatively, so a p-value of 1e-24 must be right in its leading digits, not merely "near 0".
 */
const TOLERANCE = 1e-12;

describe('normal distribution', () => {
	it('matches SciPy for the quantile, deep into both tails', () => {
		const cases: [number, number][] = [
			[1e-300, -37.0470962993612],
			[1e-20, -9.262340089798409],
			[1e-10, -6.361340902404056],
			[0.001, -3.090232306167813],
			[0.025, -1.9599639845400545],
			[0.1, -1.2815515655446004],
			[0.3, -0.5244005127080409],
			[0.7, 0.5244005127080407],
			[0.975, 1.959963984540054],
			[0.999999, 4.753424308817087]
		];
		for (const [p, z] of cases) expectRelative(normalQuantile(p), z, TOLERANCE, `Φ⁻¹(${p})`);
		expect(normalQuantile(0.5)).toBe(0);
		expect(normalQuantile(0)).toBe(-Infinity);
		expect(normalQuantile(1)).toBe(Infinity);
		expect(normalQuantile(1.5)).toBeNaN();
	});

	it('matches SciPy for the CDF, keeping the relative accuracy of small tails', () => {
		const cases: [number, number][] = [
			[-10, 7.61985302416047e-24],
			[-5, 2.866515718791933e-7],
			[-1.96, 0.024997895148220435],
			[-0.5, 0.3085375387259869],
			[0.5, 0.6914624612740131],
			[1.96, 0.9750021048517795],
			[5, 0.9999997133484281]
		];
		for (const [z, p] of cases) expectRelative(normalCdf(z), p, TOLERANCE, `Φ(${z})`);
		expect(normalCdf(0)).toBe(0.5);
		expect(normalCdf(-40)).toBe(0);
	});
});

describe('Student t distribution', () => {
	it('matches SciPy for the CDF and the two-sided p-value, including fractional df', () => {
		const cases: [number, number, number, number][] = [
			[2.1, 5, 0.9551233750577006, 0.08975324988459879],
			[0.3, 30, 0.6168769473578236, 0.7662461052843528],
			[-1.5, 3.5, 0.10890909350767251, 0.21781818701534503],
			[10, 2, 0.9950737714883372, 0.00985245702332569],
			[40, 100, 1, 2.462107602140071e-63],
			[1e-8, 10, 0.5000000038910839, 0.9999999922178323]
		];
		for (const [t, df, cdf, p] of cases) {
			expectRelative(studentTCdf(t, df), cdf, TOLERANCE, `T${df}(${t})`);
			expectRelative(studentTwoSidedP(t, df), p, TOLERANCE, `p(|T${df}| > ${t})`);
		}
	});

	it('matches SciPy for the quantile and becomes the normal at infinite df', () => {
		const cases: [number, number, number][] = [
			[0.975, 1, 12.706204736174694],
			[0.975, 2, 4.302652729749462],
			[0.975, 10, 2.228138851986274],
			[0.975, 150, 1.9759053308966201],
			[0.995, 3.5, 5.085702223091256],
			[0.6, 7, 0.2631668613520229]
		];
		for (const [p, df, t] of cases) expectRelative(studentTQuantile(p, df), t, TOLERANCE, `t${df}(${p})`);
		expectRelative(studentTQuantile(0.025, 10), -2.228138851986274, TOLERANCE);
		expect(studentTQuantile(0.975, Infinity)).toBe(normalQuantile(0.975));
	});
});

describe('chi-square distribution and log-gamma', () => {
	it('matches SciPy', () => {
		const cases: [number, number, number, number][] = [
			[3, 2, 0.22313016014842982, 0.7768698398515702],
			[20, 10, 0.029252688076961124, 0.9707473119230389],
			[0.1, 1, 0.7518296340458492, 0.24817036595415076],
			[150, 100, 0.0009039320423540184, 0.9990960679576459],
			[1e-3, 5, 0.9999999983185123, 1.6814877189706262e-9]
		];
		for (const [x, k, sf, cdf] of cases) {
			expectRelative(chiSquareSurvival(x, k), sf, TOLERANCE, `χ²${k} sf(${x})`);
			expectRelative(chiSquareCdf(x, k), cdf, TOLERANCE, `χ²${k} cdf(${x})`);
		}
		// Hand-checkable: with 2 df the survival function is exp(−x/2).
		expectRelative(chiSquareSurvival(7, 2), Math.exp(-3.5), TOLERANCE);
	});

	it('computes log Γ to about 1e-15 and Γ(n) = (n − 1)! exactly enough', () => {
		const cases: [number, number][] = [
			[0.5, 0.5723649429247],
			[3.5, 1.2009736023470743],
			[10, 12.801827480081469],
			[100.5, 361.43554046777757],
			[1e-5, 11.512919692895826]
		];
		for (const [x, value] of cases) expectClose(logGamma(x), value, TOLERANCE, `lnΓ(${x})`);
		expectClose(logGamma(1), 0, 1e-14);
		expectClose(Math.exp(logGamma(6)), 120, 1e-13);
	});
});
