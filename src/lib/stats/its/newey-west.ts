/**
 * Newey-West (HAC) covariance for least squares. Weekly library series carry over from one week
 * to the next, so OLS standard errors that assume independent errors are too small; the
 * Bartlett-weighted sandwich stays valid under autocorrelation up to the chosen lag.
 */
import { type Matrix, matrix, multiply } from '../numeric';

/**
 * The Newey-West (1994) rule of thumb for the Bartlett kernel, floor(4·(n/100)^(2/9)): 3 lags for
 * a year of weekly data, 4 for five years. It grows slowly with n, as the theory requires.
 */
export function neweyWestLag(n: number): number {
	return Math.floor(4 * Math.pow(n / 100, 2 / 9));
}

/** Bartlett weight for lag l of L: declines linearly so the long-run variance stays positive. */
export const bartlettWeight = (lag: number, maxLag: number): number => 1 - lag / (maxLag + 1);

export interface NeweyWestOptions {
	lag?: number;
	/**
	 * Multiply by n/(n − p), the small-sample correction Stata's `newey` and statsmodels apply
	 * (R's sandwich::NeweyWest leaves it off by default). On by default: with a few years of data
	 * the uncorrected sandwich is too narrow.
	 */
	smallSample?: boolean;
}

/**
 * V = B·S·B with bread B = (XᵀX)⁻¹ and meat S = Σₜ eₜ²xₜxₜᵀ + Σₗ wₗ Σₜ eₜeₜ₋ₗ(xₜxₜ₋ₗᵀ + xₜ₋ₗxₜᵀ).
 */
export function neweyWestCovariance(
	x: Matrix,
	residuals: ArrayLike<number>,
	bread: Matrix,
	options: NeweyWestOptions = {}
): { covariance: Matrix; lag: number } {
	const n = x.rows;
	const p = x.cols;
	const lag = Math.min(options.lag ?? neweyWestLag(n), n - 1);
	// Scores uₜ = xₜ·eₜ, then S = Γ₀ + Σₗ wₗ(Γₗ + Γₗᵀ).
	const scores = new Float64Array(n * p);
	for (let t = 0; t < n; t++) for (let j = 0; j < p; j++) scores[t * p + j] = x.data[t * p + j]! * residuals[t]!;
	const meat = matrix(p, p);
	for (let l = 0; l <= lag; l++) {
		const weight = l === 0 ? 1 : bartlettWeight(l, lag);
		for (let t = l; t < n; t++) {
			for (let i = 0; i < p; i++) {
				const ui = scores[t * p + i]!;
				const uiLagged = scores[(t - l) * p + i]!;
				for (let j = 0; j < p; j++) {
					const term =
						l === 0 ? ui * scores[t * p + j]! : ui * scores[(t - l) * p + j]! + uiLagged * scores[t * p + j]!;
					meat.data[i * p + j]! += weight * term;
				}
			}
		}
	}
	const covariance = multiply(multiply(bread, meat), bread);
	if (options.smallSample ?? true) {
		const factor = n / (n - p);
		for (let k = 0; k < covariance.data.length; k++) covariance.data[k]! *= factor;
	}
	return { covariance, lag };
}

/**
 * Long-run variance of a residual series with the same Bartlett weights, divided by n − p: the
 * variance of a sum of m future errors is about m times this when they are autocorrelated.
 */
export function longRunVariance(residuals: ArrayLike<number>, lag: number, parameters: number): number {
	const n = residuals.length;
	let sum = 0;
	for (let t = 0; t < n; t++) sum += residuals[t]! ** 2;
	for (let l = 1; l <= Math.min(lag, n - 1); l++) {
		let cross = 0;
		for (let t = l; t < n; t++) cross += residuals[t]! * residuals[t - l]!;
		sum += 2 * bartlettWeight(l, lag) * cross;
	}
	return Math.max(sum, 0) / (n - parameters);
}
