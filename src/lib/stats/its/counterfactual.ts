/**
 * What the series would have done without the campaign: the fitted model with the level and
 * slope terms set to zero. The pointwise band is a confidence band for that expected value; the
 * post-period summary also adds the period-to-period noise the counterfactual itself would have
 * had, as CausalImpact's predictive interval does, so "actual minus predicted" is not overstated.
 */
import { quadraticForm, rowDot, studentTwoSidedP } from '../numeric';
import type { ItsModel } from './model';
import { longRunVariance } from './newey-west';
import type { CounterfactualPoint, Summary } from './types';

/** Row i of the design with the campaign terms zeroed. */
function counterfactualRow(model: ItsModel, i: number): Float64Array {
	const { x, interventionColumns } = model.design;
	const row = x.data.slice(i * x.cols, (i + 1) * x.cols);
	for (const column of interventionColumns) row[column] = 0;
	return row;
}

function offsetAt(model: ItsModel, i: number): number {
	return model.fit.linearPredictor[i]! - rowDot(model.design.x, i, model.fit.coefficients);
}

export function counterfactualSeries(
	model: ItsModel,
	dates: readonly string[],
	values: readonly number[],
	startIndex: number,
	windowEnd = dates.length - 1
): CounterfactualPoint[] {
	const log = model.fit.link === 'log';
	return dates.map((date, i) => {
		const row = counterfactualRow(model, i);
		let eta = offsetAt(model, i);
		for (let j = 0; j < row.length; j++) eta += row[j]! * model.fit.coefficients[j]!;
		const half = model.critical * Math.sqrt(quadraticForm(model.covariance, row));
		// Log link: the band is built on the log scale and exponentiated, so it stays positive.
		const back = log ? Math.exp : (v: number) => v;
		return {
			date,
			observed: values[i]!,
			expected: back(eta),
			lower: back(eta - half),
			upper: back(eta + half),
			post: i >= startIndex && i <= windowEnd
		};
	});
}

export interface PostSummary {
	average: Summary;
	cumulative: Summary;
	p: number;
	points: number;
}

/**
 * Totals over the post period. The counterfactual total S = Σ μᵢ has parameter variance gᵀVg by
 * the delta method, on the log scale for the log link (g = Σ μᵢxᵢ / S) so its interval stays
 * positive, plus noise: φ/S on the log scale for counts, m·σ²_LR for Gaussian (long-run variance,
 * as the Newey-West errors assume autocorrelation).
 */
export function postSummary(
	model: ItsModel,
	series: readonly CounterfactualPoint[],
	startIndex: number,
	windowEnd = series.length - 1
): PostSummary {
	const post = series.slice(startIndex, windowEnd + 1);
	const m = post.length;
	const p = model.design.x.cols;
	const actual = post.reduce((sum, point) => sum + point.observed, 0);
	const predicted = post.reduce((sum, point) => sum + point.expected, 0);
	const gradient = new Float64Array(p);
	const log = model.fit.link === 'log';
	post.forEach((point, k) => {
		const row = counterfactualRow(model, startIndex + k);
		const weight = log ? point.expected / predicted : 1;
		for (let j = 0; j < p; j++) gradient[j]! += weight * row[j]!;
	});
	const parameterVariance = quadraticForm(model.covariance, gradient);
	const noiseVariance = log
		? model.fit.dispersion / predicted
		: m * longRunVariance(model.residuals, model.neweyWestLag ?? 0, p);
	const se = Math.sqrt(parameterVariance + noiseVariance);
	const q = model.critical;
	const [lower, upper] = log
		? [predicted * Math.exp(-q * se), predicted * Math.exp(q * se)]
		: [predicted - q * se, predicted + q * se];
	const statistic = log ? (Math.log(actual) - Math.log(predicted)) / se : (actual - predicted) / se;
	const cumulative = summaryOf(actual, predicted, lower, upper);
	const average = summaryOf(actual / m, predicted / m, lower / m, upper / m);
	return { average, cumulative, p: studentTwoSidedP(statistic, model.df), points: m };
}

export function summaryOf(actual: number, predicted: number, lower: number, upper: number): Summary {
	// A higher counterfactual means a smaller effect, so the bounds swap.
	const ratio = (base: number) => (base > 0 ? actual / base - 1 : Infinity);
	return {
		actual,
		predicted,
		predictedLower: lower,
		predictedUpper: upper,
		absolute: actual - predicted,
		absoluteLower: actual - upper,
		absoluteUpper: actual - lower,
		relative: ratio(predicted),
		relativeLower: ratio(upper),
		relativeUpper: ratio(lower)
	};
}
