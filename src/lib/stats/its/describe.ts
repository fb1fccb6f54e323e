/**
 * The paragraph a library director can read aloud at a board meeting: what happened, what was
 * expected without the campaign, the estimated effect with its interval, and every caveat that
 * applies. Numbers and dates go through the shared formatter, like everywhere else.
 */
import { formatCount, formatDate, formatPercent, formatSignedPercent } from '../../format';
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
}

const sign = (value: number) => (value > 0 ? '+' : value < 0 ? '−' : '±');
const signedPercent = (ratio: number, digits = 0) => formatSignedPercent(ratio, digits);
const signedCount = (value: number) => `${sign(value)}${formatCount(Math.abs(value))}`;

export function describeIts(result: ItsResult, labels: DescribeOptions): string {
	if (!result.ok) return `${result.reason.trim()}`;
	return [...headline(result, labels), ...caveats(result, labels)].join(' ');
}

function headline(result: ItsSuccess, { metricLabel, periodLabel }: DescribeOptions): string[] {
	const { average, cumulative, points } = result.summary;
	const level = formatPercent(result.options.level, 0);
	const expected = `against ${formatCount(average.predicted)} expected without it (${level} interval ${formatCount(average.predictedLower)}–${formatCount(average.predictedUpper)})`;
	// A percentage needs a positive baseline; a Gaussian measure near zero is stated as a difference.
	const effect =
		average.predictedLower > 0
			? `an estimated ${signedPercent(average.relative)} (${signedPercent(average.relativeLower)} to ${signedPercent(average.relativeUpper)})`
			: `an estimated ${signedCount(average.absolute)} a ${periodLabel} (${signedCount(average.absoluteLower)} to ${signedCount(average.absoluteUpper)})`;
	const lines = [
		`During the campaign, ${metricLabel} averaged ${formatCount(average.actual)}, ${expected}: ${effect}.`
	];
	lines.push(
		`Over ${points === 1 ? `the ${periodLabel}` : `the ${plural(points, periodLabel)}`}, that adds up to ${signedCount(cumulative.absolute)} (${signedCount(cumulative.absoluteLower)} to ${signedCount(cumulative.absoluteUpper)}).`
	);
	const slope = result.effect.slope;
	if (slope) {
		const change =
			slope.scale === 'ratio'
				? // Per-period trend changes are small: one decimal keeps +0.4% from reading as +0%.
					`${signedPercent(slope.estimate - 1, 1)} a ${periodLabel} (${signedPercent(slope.lower - 1, 1)} to ${signedPercent(slope.upper - 1, 1)})`
				: `${signedCount(slope.estimate)} a ${periodLabel} (${signedCount(slope.lower)} to ${signedCount(slope.upper)})`;
		lines.push(`The trend after the start changed by ${change}.`);
	}
	return lines;
}

function caveats(result: ItsSuccess, { periodLabel }: DescribeOptions): string[] {
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
	if (sufficiency.pointsAfter < COMFORTABLE_POINTS_AFTER)
		out.push(`With only ${plural(sufficiency.pointsAfter, periodLabel)} since the start, this is an early reading.`);
	return out;
}
