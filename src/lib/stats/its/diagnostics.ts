/**
 * Checks on a fitted model that tell a reader how far to trust its interval: how well it tracks
 * the pre-period, whether counts spread more than Poisson allows, and whether residuals carry
 * over from one period to the next (which makes model-based intervals too narrow).
 */
import { chiSquareSurvival } from '../numeric';
import type { GlmFit } from './glm';
import { varianceOf } from './glm';
import type { ItsDiagnostics } from './types';

/** Fit over the points before the start, the only ones the campaign cannot have touched. */
export function preFit(
	fit: GlmFit,
	values: readonly number[],
	startIndex: number,
	exposure?: readonly number[]
): ItsDiagnostics['preFit'] {
	const y = values.slice(0, startIndex);
	const mu = Array.from(fit.fitted.subarray(0, startIndex));
	const nonZero = y.map((v, i) => [v, mu[i]!] as const).filter(([v]) => v !== 0);
	const mape = nonZero.length
		? nonZero.reduce((sum, [v, m]) => sum + Math.abs(v - m) / Math.abs(v), 0) / nonZero.length
		: null;
	const model = varianceOf(fit.family);
	const residualDeviance = y.reduce((sum, v, i) => sum + model.unitDeviance(v, mu[i]!), 0);
	// The null model is a constant rate: the mean, or for counts with exposure the pooled rate × exposure.
	const totalExposure = exposure ? exposure.slice(0, startIndex).reduce((a, b) => a + b, 0) : startIndex;
	const rate = y.reduce((a, b) => a + b, 0) / totalExposure;
	const nullDeviance = y.reduce((sum, v, i) => sum + model.unitDeviance(v, rate * (exposure ? exposure[i]! : 1)), 0);
	const explained = nullDeviance > 0 ? 1 - residualDeviance / nullDeviance : null;
	const gaussian = fit.link === 'identity';
	return {
		points: startIndex,
		mape,
		rSquared: gaussian ? explained : null,
		devianceExplained: gaussian ? null : explained
	};
}

/** Pearson χ² against χ²(n − p): under a true Poisson its mean is the degrees of freedom. */
export function overdispersion(fit: GlmFit): ItsDiagnostics['overdispersion'] {
	if (fit.link !== 'log') return null;
	const df = fit.residualDf;
	const dispersion = fit.pearsonChi2 / df;
	const p = chiSquareSurvival(fit.pearsonChi2, df);
	return { dispersion, pearsonChi2: fit.pearsonChi2, df, p, flagged: p < 0.05 && dispersion > 1 };
}

/** Durbin-Watson d = Σ(eₜ − eₜ₋₁)² / Σeₜ²: about 2 without autocorrelation, towards 0 with positive. */
export function durbinWatson(residuals: ArrayLike<number>): number {
	let numerator = 0;
	let denominator = 0;
	for (let t = 0; t < residuals.length; t++) {
		denominator += residuals[t]! ** 2;
		if (t > 0) numerator += (residuals[t]! - residuals[t - 1]!) ** 2;
	}
	return numerator / denominator;
}

/** Lags the Ljung-Box test uses: 10, or n/5 for short series (Hyndman & Athanasopoulos' rule). */
export const ljungBoxLags = (n: number): number => Math.max(1, Math.min(10, Math.floor(n / 5)));

/** Ljung-Box Q = n(n+2) Σₖ rₖ²/(n − k), against χ²(h): no ARMA terms are fitted, so no df are lost. */
export function ljungBox(
	residuals: ArrayLike<number>,
	lags = ljungBoxLags(residuals.length)
): { statistic: number; lags: number; p: number } {
	const n = residuals.length;
	let mean = 0;
	for (let t = 0; t < n; t++) mean += residuals[t]!;
	mean /= n;
	let variance = 0;
	for (let t = 0; t < n; t++) variance += (residuals[t]! - mean) ** 2;
	let statistic = 0;
	for (let k = 1; k <= lags; k++) {
		let covariance = 0;
		for (let t = k; t < n; t++) covariance += (residuals[t]! - mean) * (residuals[t - k]! - mean);
		const r = covariance / variance;
		statistic += (r * r) / (n - k);
	}
	statistic *= n * (n + 2);
	return { statistic, lags, p: chiSquareSurvival(statistic, lags) };
}

export function autocorrelation(residuals: ArrayLike<number>): ItsDiagnostics['autocorrelation'] {
	const test = ljungBox(residuals);
	return { durbinWatson: durbinWatson(residuals), ljungBox: test, flagged: test.p < 0.05 };
}
