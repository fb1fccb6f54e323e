/**
 * The paragraph a library director can read aloud at a board meeting: what happened, what was
 * expected without the campaign, the estimated effect with its interval, and every caveat that
 * applies. Numbers and dates go through the shared formatter, like everywhere else.
 */
import {
	decimalsFor,
	formatDate,
	formatMeasure,
	formatPercent,
	formatSignedMeasure,
	formatSignedPercent
} from '../../format';
import { plural } from '../plural';
import { leadingZeroNote } from './leading-zeros';
import { SEASONALITY_OFF_AS_ASKED } from './options';
import { COMFORTABLE_POINTS_AFTER } from './sufficiency';
import type { ItsResult, ItsSuccess } from './types';

export interface DescribeOptions {
	/** What is measured, per period: "weekly new-card sign-ups". */
	metricLabel: string;
	/** One period: "week", "month". */
	periodLabel: string;
	/**
	 * The post period ends before the data does (a campaign that is over, its end given as `end`):
	 * few points after the start then mean a short campaign, not an early reading.
	 */
	ended?: boolean;
}

const signedPercent = (ratio: number, digits = 0) => formatSignedPercent(ratio, digits);

/**
 * Numbers share the digits that show the series' typical size to three significant figures, so a
 * rate of 0.03 reads 0.0312 and a count of 142 stays whole; `times` scales it for totals.
 */
function seriesDigits(result: ItsSuccess, times = 1): number {
	const values = result.counterfactual.map((point) => Math.abs(point.observed));
	const typical = values.reduce((sum, v) => sum + v, 0) / Math.max(values.length, 1);
	return decimalsFor(typical * times);
}

/** Digits for a small quantity such as a trend change: three significant figures of its own size. */
const digitsFor = (scale: number, fallback: number) =>
	decimalsFor(Number.isFinite(scale) && scale !== 0 ? scale : fallback);

/** "105–131", or in words when an end is unbounded: a number cannot say "no upper bound". */
function expectedRange(lower: number, upper: number, decimals: number): string {
	const low = formatMeasure(lower, decimals);
	if (Number.isFinite(upper)) return `${low}–${formatMeasure(upper, decimals)}`;
	return `${low} or more, with no upper bound`;
}

/** "(+11 to +37)", with an unbounded end said in words. */
function changeRange(lower: number, upper: number, show: (value: number) => string): string {
	if (Number.isFinite(lower) && Number.isFinite(upper)) return `(${show(lower)} to ${show(upper)})`;
	if (Number.isFinite(lower)) return `(${show(lower)} or more, with no upper bound)`;
	if (Number.isFinite(upper)) return `(no lower bound, up to ${show(upper)})`;
	return '(with no bound either way)';
}

export function describeIts(result: ItsResult, labels: DescribeOptions): string {
	if (!result.ok) return `${result.reason.trim()}`;
	return [...headline(result, labels), ...caveats(result, labels)].join(' ');
}

function headline(result: ItsSuccess, { metricLabel, periodLabel }: DescribeOptions): string[] {
	const { average, cumulative, points } = result.summary;
	const level = formatPercent(result.options.level, 0);
	const perPeriod = seriesDigits(result);
	const signedCount = (value: number) => formatSignedMeasure(value, perPeriod);
	const expected = `against ${formatMeasure(average.predicted, perPeriod)} expected without it (${level} interval ${expectedRange(average.predictedLower, average.predictedUpper, perPeriod)})`;
	// A percentage needs a positive baseline; a Gaussian measure near zero is stated as a difference.
	const effect =
		average.predictedLower > 0
			? `an estimated ${signedPercent(average.relative)} ${changeRange(average.relativeLower, average.relativeUpper, (r) => signedPercent(r))}`
			: `an estimated ${signedCount(average.absolute)} a ${periodLabel} ${changeRange(average.absoluteLower, average.absoluteUpper, signedCount)}`;
	const lines = [
		`During the campaign, ${metricLabel} averaged ${formatMeasure(average.actual, perPeriod)}, ${expected}: ${effect}.`
	];
	const total = seriesDigits(result, points);
	const signedTotal = (value: number) => formatSignedMeasure(value, total);
	lines.push(
		`Over ${points === 1 ? `the ${periodLabel}` : `the ${plural(points, periodLabel)}`}, that adds up to ${signedTotal(cumulative.absolute)} ${changeRange(cumulative.absoluteLower, cumulative.absoluteUpper, signedTotal)}.`
	);
	const slope = result.effect.slope;
	if (slope) {
		// A trend change per period is small beside the level: its own interval sets the digits.
		const slopeDigits = digitsFor(Math.max(Math.abs(slope.lower), Math.abs(slope.upper)), slope.estimate);
		const change =
			slope.scale === 'ratio'
				? // Per-period trend changes are small: one decimal keeps +0.4% from reading as +0%.
					`${signedPercent(slope.estimate - 1, 1)} a ${periodLabel} ${changeRange(slope.lower - 1, slope.upper - 1, (r) => signedPercent(r, 1))}`
				: `${formatSignedMeasure(slope.estimate, slopeDigits)} a ${periodLabel} ${changeRange(slope.lower, slope.upper, (v) => formatSignedMeasure(v, slopeDigits))}`;
		lines.push(`The trend after the start changed by ${change}.`);
	}
	return lines;
}

function caveats(result: ItsSuccess, { periodLabel, ended = false }: DescribeOptions): string[] {
	const out: string[] = [];
	if (result.leadingZeros)
		out.push(leadingZeroNote(result.leadingZeros.points, periodLabel, formatDate(result.leadingZeros.last)));
	const { average } = result.summary;
	const { overdispersion, autocorrelation, placebo, sufficiency } = result.diagnostics;
	if (average.absoluteLower <= 0 && average.absoluteUpper >= 0)
		out.push('The interval includes no change, so the data cannot tell whether the campaign made a difference.');
	if (overdispersion?.flagged)
		out.push(
			result.family === 'poisson'
				? `The counts vary more from ${periodLabel} to ${periodLabel} than a Poisson model allows, so this interval is too narrow.`
				: `The counts vary more from ${periodLabel} to ${periodLabel} than chance alone would; the interval is widened to allow for that.`
		);
	if (autocorrelation.flagged)
		out.push(`Neighbouring ${periodLabel}s are more alike than the model expects, so the interval may be too narrow.`);
	if (placebo.ran && placebo.flagged)
		out.push(
			`A placebo test that pretended the campaign started on ${formatDate(placebo.start)} found an "effect" where there was none, so treat this estimate with caution.`
		);
	const { options } = result;
	if (options.harmonics === 0 && !options.monthDummies && options.why.seasonality !== SEASONALITY_OFF_AS_ASKED)
		out.push('Seasonal patterns are not modelled (too little history), so part of the change may be the season.');
	// A temporary window with data after it is short by design, not early: the later points are in.
	if (sufficiency.pointsAfter < COMFORTABLE_POINTS_AFTER && options.windowEnd === null)
		out.push(
			ended
				? `The campaign lasted only ${plural(sufficiency.pointsAfter, periodLabel)}, so the estimate rests on few points.`
				: `With only ${plural(sufficiency.pointsAfter, periodLabel)} since the start, this is an early reading.`
		);
	return out;
}
