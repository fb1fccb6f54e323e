/**
 * From Gaussian forecasts on the modelled scale to what a reader sees on the scale of the data:
 * pointwise prediction intervals, the running and final totals of actual − predicted, and a
 * p-value for the total. Totals use the joint forecast covariance, since forecast errors a few
 * weeks apart share the same unknown level and do not cancel out.
 *
 * On the log scale a point's interval is the exact back-transform of its quantiles and its
 * expected value the log-normal mean, exp(μ + V/2). A total of correlated log-normals has no
 * closed form, so it is matched by one log-normal with the same mean and variance (Fenton–
 * Wilkinson), which keeps its interval positive and skewed the way a total of counts is.
 */
import { type CounterfactualPoint, type Summary, summaryOf } from '../its';
import { studentTwoSidedP } from '../numeric';
import type { ForecastMoments } from './forecast';
import type { CumulativeEffectPoint, Transform } from './types';

export const transformValue = (transform: Transform, y: number): number => (transform === 'log' ? Math.log(y) : y);

const back = (transform: Transform, z: number): number => (transform === 'log' ? Math.exp(z) : z);

/** The mean on the data's scale of N(μ, V) on the modelled scale. */
const meanOf = (transform: Transform, mu: number, variance: number): number =>
	transform === 'none' ? mu : Math.exp(mu + variance / 2);

export interface Interval {
	critical: number;
	df: number;
}

/** `expected` defaults to the mean of N(mu, variance) taken back to the data's scale. */
export function bandPoint(
	date: string,
	observed: number,
	mu: number,
	variance: number,
	post: boolean,
	transform: Transform,
	{ critical }: Interval,
	expected = meanOf(transform, mu, variance)
): CounterfactualPoint {
	const half = critical * Math.sqrt(variance);
	return { date, observed, expected, lower: back(transform, mu - half), upper: back(transform, mu + half), post };
}

interface Total {
	predicted: number;
	lower: number;
	upper: number;
	/** Standardised distance of the actual total from the prediction, on the scale the interval is built. */
	statistic: number;
}

export interface PostTotals {
	summary: { average: Summary; cumulative: Summary; p: number; points: number };
	cumulativeEffect: CumulativeEffectPoint[];
}

export function postTotals(
	dates: readonly string[],
	actual: readonly number[],
	moments: ForecastMoments,
	transform: Transform,
	interval: Interval
): PostTotals {
	const count = actual.length;
	const expected = moments.dataMean;
	const cov = (i: number, j: number) => moments.dataCovariance[i * count + j]!;
	let sumMean = 0;
	let sumVariance = 0;
	let sumActual = 0;
	let total: Total = { predicted: 0, lower: 0, upper: 0, statistic: 0 };
	const cumulativeEffect: CumulativeEffectPoint[] = [];
	for (let k = 0; k < count; k++) {
		sumMean += expected[k]!;
		sumVariance += cov(k, k);
		for (let j = 0; j < k; j++) sumVariance += 2 * cov(j, k);
		sumActual += actual[k]!;
		total = totalOf(sumMean, sumVariance, sumActual, transform !== 'none', interval.critical);
		cumulativeEffect.push({
			date: dates[k]!,
			effect: sumActual - total.predicted,
			lower: sumActual - total.upper,
			upper: sumActual - total.lower
		});
	}
	const cumulative = summaryOf(sumActual, total.predicted, total.lower, total.upper);
	const average = summaryOf(sumActual / count, total.predicted / count, total.lower / count, total.upper / count);
	return {
		summary: { average, cumulative, p: studentTwoSidedP(total.statistic, interval.df), points: count },
		cumulativeEffect
	};
}

/** A total with mean S and variance V: Gaussian, or (log scale) the log-normal with those moments. */
function totalOf(mean: number, variance: number, actual: number, logNormal: boolean, critical: number): Total {
	if (!logNormal) {
		const sd = Math.sqrt(variance);
		return {
			predicted: mean,
			lower: mean - critical * sd,
			upper: mean + critical * sd,
			statistic: (actual - mean) / sd
		};
	}
	const sigma2 = Math.log1p(variance / (mean * mean));
	const sigma = Math.sqrt(sigma2);
	const mu = Math.log(mean) - sigma2 / 2;
	return {
		predicted: mean,
		lower: Math.exp(mu - critical * sigma),
		upper: Math.exp(mu + critical * sigma),
		statistic: (Math.log(actual) - mu) / sigma
	};
}
