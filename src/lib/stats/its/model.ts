/**
 * One segmented-regression fit: design, GLM and the covariance the family calls for. The main
 * estimate and the placebo both go through here, so they are the same model by construction.
 */
import { CollinearityError, type Matrix, weightedLeastSquares } from '../numeric';
import { itsDesign, type ItsDesign } from './design';
import { type Family, fitGlm, type GlmFit, pearsonResiduals } from './glm';
import { criticalValue } from './inference';
import { neweyWestCovariance } from './newey-west';

export interface ItsModelData {
	values: readonly number[];
	/** log(exposure), the offset on the linear predictor; log-link families only. */
	logExposure?: Float64Array;
	/** Month of the year of each point, when seasonality is by month dummies. */
	months?: readonly number[];
	/** The trend's clock at each point when it is not the index (see ItsInput.clock). */
	clock?: readonly number[];
	startIndex: number;
	/** Last point of a temporary campaign window; later points are baseline (see design.ts). */
	windowEnd?: number;
}

export interface ItsModelSpec {
	family: Family;
	slope: boolean;
	lag: number;
	harmonics: number;
	period: number;
	monthDummies: boolean;
	level: number;
}

export interface ItsModel {
	design: ItsDesign;
	fit: GlmFit;
	/** Newey-West for Gaussian, dispersion-scaled model covariance for the count families. */
	covariance: Matrix;
	df: number;
	critical: number;
	neweyWestLag: number | null;
	/** Pearson residuals (raw residuals for Gaussian). */
	residuals: Float64Array;
}

export type ItsModelOutcome = { ok: true; model: ItsModel } | { ok: false; reason: string };

export function fitItsModel(data: ItsModelData, spec: ItsModelSpec): ItsModelOutcome {
	const n = data.values.length;
	const design = itsDesign({
		n,
		startIndex: data.startIndex,
		windowEnd: data.windowEnd,
		slope: spec.slope,
		lag: spec.lag,
		harmonics: spec.harmonics,
		period: spec.period,
		months: spec.monthDummies ? data.months : undefined,
		clock: data.clock
	});
	let fit: GlmFit;
	try {
		fit = fitGlm(design.x, data.values, {
			family: spec.family,
			offset: spec.family === 'gaussian' ? undefined : data.logExposure
		});
	} catch (error) {
		if (!(error instanceof CollinearityError)) throw error;
		const name = design.names[error.column] ?? 'a';
		// A design that is full rank until the count model's weights (its fitted counts) shrink to zero
		// is not collinear: the zeros are being fitted exactly, which is separation.
		if (spec.family !== 'gaussian' && fullRank(design.x)) return { ok: false, reason: separation(name, spec) };
		return {
			ok: false,
			reason: `the "${name}" term cannot be told apart from the other terms with these dates (the design is collinear); remove it or use a longer series.`
		};
	}
	if (!fit.converged)
		return {
			ok: false,
			reason: zerosFittedExactly(fit, data.values)
				? separation(null, spec)
				: 'the count model did not settle on an estimate (no convergence in 50 iterations); long runs of zeros can cause this.'
		};

	const residuals = pearsonResiduals(fit, data.values);
	const df = spec.family === 'poisson' ? Infinity : fit.residualDf;
	let covariance = fit.covariance;
	let neweyWestLag: number | null = null;
	if (spec.family === 'gaussian') {
		const hac = neweyWestCovariance(design.x, residuals, fit.unscaledCovariance);
		covariance = hac.covariance;
		neweyWestLag = hac.lag;
	}
	return {
		ok: true,
		model: { design, fit, covariance, df, critical: criticalValue(spec.level, df), neweyWestLag, residuals }
	};
}

export function standardError(model: ItsModel, column: number): number {
	return Math.sqrt(model.covariance.data[column * model.covariance.cols + column]!);
}

function fullRank(x: Matrix): boolean {
	try {
		weightedLeastSquares(x, new Float64Array(x.rows));
		return true;
	} catch (error) {
		if (error instanceof CollinearityError) return false;
		throw error;
	}
}

/** Zero counts whose expected value has collapsed towards zero: the signature of separation. */
function zerosFittedExactly(fit: GlmFit, values: readonly number[]): boolean {
	const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
	return values.some((v, i) => v === 0 && fit.fitted[i]! < 1e-6 * mean);
}

function separation(name: string | null, spec: ItsModelSpec): string {
	const term = name ? ` through the "${name}" term` : '';
	const instead = spec.monthDummies
		? 'use Fourier pairs instead of month indicators, a longer series, or the Gaussian family'
		: 'use fewer seasonal pairs, a longer series, or the Gaussian family';
	return `some periods' counts are all zero and the count model can fit them exactly by sending their expected count to zero${term}, so it has no finite estimate (this is called separation; the terms are not collinear). To estimate anyway, ${instead}.`;
}
