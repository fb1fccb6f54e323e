/**
 * When the data cannot support an estimate, Lantern says so instead of printing a number. Each
 * rule returns the reason in words a library director can act on, or null when the data pass.
 */
import { formatCount } from '../../format';
import { plural } from '../plural';
import type { Link } from './glm';

/**
 * Points needed before the start. The bar is 8–12 each side, docs/impact-methods.md,
 * "Sufficiency rules"; 8 is the least from which a level, a trend and a residual spread can be
 * learned with some degrees of freedom left.
 */
export const MIN_POINTS_BEFORE = 8;
/**
 * Points needed after the start for a level change alone. Library campaigns often run a month,
 * four weekly points; their mean is compared with a counterfactual learned from ≥ 8 points before,
 * so four are enough to estimate a level, with a warning below eight.
 */
export const MIN_POINTS_AFTER = 4;
/** A slope change is a trend learned from post points alone: the same 8 the trend before needs. */
export const MIN_POINTS_AFTER_WITH_SLOPE = 8;
/** The bar on either side (docs/impact-methods.md, "Sufficiency rules"); fewer after the start is allowed but warned about. */
export const COMFORTABLE_POINTS_AFTER = 8;
/** At most one parameter per three points, or the fit chases noise. */
export const POINTS_PER_PARAMETER = 3;
/** Seasonality is learned only from at least two full cycles before the start. */
export const SEASONAL_CYCLES = 2;

export function checkValues(
	dates: readonly string[],
	values: readonly number[],
	exposure: readonly number[] | undefined,
	link: Link
): string | null {
	for (let i = 0; i < values.length; i++) {
		const value = values[i]!;
		if (!Number.isFinite(value))
			return `the value for ${dates[i]} is missing or not a number; fill it in or remove the date range.`;
		if (link === 'log' && value < 0)
			return `the value for ${dates[i]} is negative, but a count model needs values of 0 or more; use the Gaussian family for values that can be negative.`;
		const e = exposure?.[i];
		if (exposure && !(e !== undefined && Number.isFinite(e) && e > 0))
			return `the exposure for ${dates[i]} must be a number greater than 0.`;
	}
	if (values.every((v) => v === 0)) return 'every value is zero, so there is nothing to compare.';
	// Any family: a count model would otherwise print "+0% (−0% to +0%)" for a series that never moves.
	if (values.every((v) => v === values[0])) return 'the values never change, so there is no variation to learn from.';
	return null;
}

/**
 * A temporary window (a campaign month with baseline data after it) may be a single point: its
 * level change is then that point's deviation from the model fitted to every other point, whose
 * model-based variance is the prediction variance. Newey-West errors cannot be estimated from so
 * few points, so the Gaussian family still needs the usual four.
 */
export const MIN_POINTS_IN_WINDOW = 1;

export function checkPoints(
	before: number,
	after: number,
	slope: boolean,
	shortWindow = false,
	/** the window's last date, when the points counted in `after` are a temporary window with data after it */
	windowEnd: string | null = null
): string | null {
	if (before < MIN_POINTS_BEFORE)
		return `only ${plural(before, 'point')} before the start; at least ${MIN_POINTS_BEFORE} are needed to learn the level and trend without the campaign.`;
	const needed = slope ? MIN_POINTS_AFTER_WITH_SLOPE : shortWindow ? MIN_POINTS_IN_WINDOW : MIN_POINTS_AFTER;
	if (after < needed && windowEnd !== null)
		// The points after the window are baseline; "from the start on" would count them too.
		return `only ${plural(after, 'point')} in the campaign window (to ${windowEnd}); the Gaussian family needs at least ${needed} there, because Newey-West errors cannot be estimated from fewer. Use a count family if the values are counts, or a longer window.`;
	if (after < needed)
		return `only ${plural(after, 'point')} from the start on; at least ${needed} are needed${slope ? ' to estimate a slope change' : ''}.`;
	return null;
}

/** A log-link ratio needs counts on both sides: with none before or none after it is 0 or infinite. */
export function checkCountsEachSide(
	values: readonly number[],
	startIndex: number,
	link: Link,
	windowEnd = values.length - 1
): string | null {
	if (link !== 'log') return null;
	if (values.slice(0, startIndex).every((v) => v === 0))
		return 'every value before the start is zero, so there is no baseline to compare with.';
	if (values.slice(startIndex, windowEnd + 1).every((v) => v === 0))
		return 'every value from the start on is zero, so the ratio would be 0 with no finite interval.';
	return null;
}

export function checkParameters(parameters: number, points: number): string | null {
	const most = Math.floor(points / POINTS_PER_PARAMETER);
	if (parameters <= most) return null;
	return `too many regressors for the data: the model has ${plural(parameters, 'parameter')} but ${plural(points, 'point')} support at most ${formatCount(most)} (one per ${POINTS_PER_PARAMETER} points); use fewer harmonics, no month dummies, or a longer series.`;
}

/** Two full cycles, counted in whole points (104 weekly points are two years of a 52.18-week cycle). */
export const seasonalityFits = (pointsBefore: number, period: number): boolean =>
	pointsBefore >= Math.floor(SEASONAL_CYCLES * period);
