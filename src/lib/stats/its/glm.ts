/**
 * Generalised linear models fit by iteratively reweighted least squares: Gaussian with the
 * identity link, and Poisson or quasi-Poisson with the log link and an optional log-exposure
 * offset. Quasi-Poisson shares Poisson's estimates; only its dispersion (and so every standard
 * error) differs, so it is a setting of the variance, not a separate fit.
 */
import { type Matrix, multiplyVector, scale, weightedLeastSquares } from '../numeric';

export type Family = 'gaussian' | 'poisson' | 'quasipoisson';
export type Link = 'identity' | 'log';

export const linkOf = (family: Family): Link => (family === 'gaussian' ? 'identity' : 'log');

export interface GlmOptions {
	family: Family;
	/** Added to the linear predictor with a fixed coefficient of 1: log(exposure) for the log link. */
	offset?: ArrayLike<number>;
	maxIterations?: number;
	/** Stop when no coefficient moves by more than this, relative to its size. */
	tolerance?: number;
}

export interface GlmFit {
	family: Family;
	link: Link;
	coefficients: Float64Array;
	/** Covariance of the coefficients: dispersion · (XᵀWX)⁻¹. */
	covariance: Matrix;
	/** (XᵀWX)⁻¹ at the solution, before scaling by the dispersion. */
	unscaledCovariance: Matrix;
	/** Linear predictor including the offset. */
	linearPredictor: Float64Array;
	fitted: Float64Array;
	deviance: number;
	pearsonChi2: number;
	/** 1 for Poisson; Pearson χ² / (n − p) for quasi-Poisson; residual variance RSS / (n − p) for Gaussian. */
	dispersion: number;
	residualDf: number;
	iterations: number;
	converged: boolean;
}

interface Variance {
	variance(mu: number): number;
	/** Unit deviance d(y, μ); the deviance is its sum. */
	unitDeviance(y: number, mu: number): number;
}

const GAUSSIAN: Variance = {
	variance: () => 1,
	unitDeviance: (y, mu) => (y - mu) ** 2
};

const POISSON: Variance = {
	variance: (mu) => mu,
	// y log(y/μ) → 0 as y → 0, so a zero count contributes 2μ.
	unitDeviance: (y, mu) => 2 * ((y > 0 ? y * Math.log(y / mu) : 0) - (y - mu))
};

export const varianceOf = (family: Family): Variance => (family === 'gaussian' ? GAUSSIAN : POISSON);

export function fitGlm(x: Matrix, y: ArrayLike<number>, options: GlmOptions): GlmFit {
	const { family } = options;
	const n = x.rows;
	const offset = options.offset ?? new Float64Array(n);
	const maxIterations = options.maxIterations ?? 50;
	const tolerance = options.tolerance ?? 1e-10;
	const link = linkOf(family);
	const model = varianceOf(family);

	if (link === 'identity') {
		// One weighted least-squares step is the exact solution.
		const z = Float64Array.from({ length: n }, (_, i) => y[i]! - offset[i]!);
		const { beta, inverse } = weightedLeastSquares(x, z);
		return finish(x, y, offset, beta, inverse, family, 1, true);
	}

	// Start from μ = y + 0.1 (as R's glm does), so zero counts have a finite log.
	let eta: Float64Array = Float64Array.from({ length: n }, (_, i) => Math.log(y[i]! + 0.1));
	let beta: Float64Array | null = null;
	let deviance = Infinity;
	for (let iteration = 1; iteration <= maxIterations; iteration++) {
		const weights = new Float64Array(n);
		const z = new Float64Array(n);
		for (let i = 0; i < n; i++) {
			const mu = Math.exp(eta[i]!);
			weights[i] = mu;
			z[i] = eta[i]! - offset[i]! + (y[i]! - mu) / mu;
		}
		let next: Float64Array = weightedLeastSquares(x, z, weights).beta;
		let nextEta: Float64Array = predictor(x, next, offset);
		let nextDeviance = totalDeviance(model, y, nextEta, link);
		// Step halving: a full Fisher step can overshoot from a poor start.
		for (let halving = 0; beta && !(nextDeviance <= deviance * (1 + 1e-12) + 1e-12) && halving < 30; halving++) {
			next = next.map((b, j) => (b + beta![j]!) / 2);
			nextEta = predictor(x, next, offset);
			nextDeviance = totalDeviance(model, y, nextEta, link);
		}
		const moved = beta ? maxRelativeChange(beta, next) : Infinity;
		beta = next;
		eta = nextEta;
		deviance = nextDeviance;
		if (moved < tolerance) {
			const mu = eta.map(Math.exp);
			const { inverse } = weightedLeastSquares(x, z, mu);
			return finish(x, y, offset, beta, inverse, family, iteration, true);
		}
	}
	const mu = eta.map(Math.exp);
	const { inverse } = weightedLeastSquares(x, new Float64Array(n), mu);
	return finish(x, y, offset, beta!, inverse, family, maxIterations, false);
}

function predictor(x: Matrix, beta: ArrayLike<number>, offset: ArrayLike<number>): Float64Array {
	const eta = multiplyVector(x, beta);
	for (let i = 0; i < eta.length; i++) eta[i]! += offset[i]!;
	return eta;
}

const inverseLink = (link: Link, eta: number) => (link === 'log' ? Math.exp(eta) : eta);

function totalDeviance(model: Variance, y: ArrayLike<number>, eta: Float64Array, link: Link): number {
	let sum = 0;
	for (let i = 0; i < eta.length; i++) sum += model.unitDeviance(y[i]!, inverseLink(link, eta[i]!));
	return Number.isFinite(sum) ? sum : Infinity;
}

function maxRelativeChange(before: Float64Array, after: Float64Array): number {
	let worst = 0;
	for (let j = 0; j < before.length; j++)
		worst = Math.max(worst, Math.abs(after[j]! - before[j]!) / (0.1 + Math.abs(after[j]!)));
	return worst;
}

function finish(
	x: Matrix,
	y: ArrayLike<number>,
	offset: ArrayLike<number>,
	coefficients: Float64Array,
	unscaledCovariance: Matrix,
	family: Family,
	iterations: number,
	converged: boolean
): GlmFit {
	const n = x.rows;
	const link = linkOf(family);
	const model = varianceOf(family);
	const linearPredictor = predictor(x, coefficients, offset);
	const fitted = linearPredictor.map((eta) => inverseLink(link, eta));
	let deviance = 0;
	let pearsonChi2 = 0;
	for (let i = 0; i < n; i++) {
		deviance += model.unitDeviance(y[i]!, fitted[i]!);
		pearsonChi2 += (y[i]! - fitted[i]!) ** 2 / model.variance(fitted[i]!);
	}
	const residualDf = n - x.cols;
	const dispersion = family === 'poisson' ? 1 : pearsonChi2 / residualDf;
	return {
		family,
		link,
		coefficients,
		covariance: scale(unscaledCovariance, dispersion),
		unscaledCovariance,
		linearPredictor,
		fitted,
		deviance,
		pearsonChi2,
		dispersion,
		residualDf,
		iterations,
		converged
	};
}

/** Pearson residuals (y − μ)/√V(μ); for Gaussian these are the raw residuals. */
export function pearsonResiduals(fit: GlmFit, y: ArrayLike<number>): Float64Array {
	const model = varianceOf(fit.family);
	return fit.fitted.map((mu, i) => (y[i]! - mu) / Math.sqrt(model.variance(mu)));
}
