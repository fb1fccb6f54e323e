/**
 * When the data cannot support a state-space counterfactual, say so in words a director can act
 * on. Each rule returns the reason, or null when the data pass; the stability test returns its
 * statistic so a page can show it either way.
 */
import { formatCount, formatDecimal, formatPValue } from '../../format';
import { POINTS_PER_PARAMETER, SEASONAL_CYCLES, seasonalityFits } from '../its';
import { chiSquareSurvival, CollinearityError, matrix, solvePositiveDefinite, weightedLeastSquares } from '../numeric';
import { plural } from '../plural';
import { fitStructural } from './fit';
import { averagedForecast } from './forecast';
import { deterministicDesign, type StructuralModel } from './structural-model';
import type { ControlSeries, ControlStability } from './types';
import { varianceNodes } from './variance-posterior';

/** Refused below this: the two halves of the pre-period disagree beyond any reasonable doubt. */
export const UNSTABLE_CONTROL_P = 0.001;
/** Warned below this. */
export const DOUBTFUL_CONTROL_P = 0.05;

/** Controls are regressors in the forecast, so every one needs a value at every point, after the start too. */
export function checkControls(
	dates: readonly string[],
	controls: readonly ControlSeries[],
	startIndex: number
): string | null {
	for (const { name, values } of controls) {
		const missing = values.findIndex((v) => !Number.isFinite(v));
		if (missing >= 0)
			return `the control "${name}" has no value for ${dates[missing]}; a control must be observed at every point, after the start too. Fill it in or leave that control out.`;
		const before = values.slice(0, startIndex);
		if (before.every((v) => v === before[0]))
			return `the control "${name}" does not change before the start, so it cannot explain anything the level does not; leave it out.`;
	}
	return null;
}

export function checkSeasonalCycles(pointsBefore: number, period: number, unit: string): string | null {
	if (seasonalityFits(pointsBefore, period)) return null;
	return `a seasonal cycle of ${formatDecimal(period, 2).replace(/\.00$/, '')} ${unit}s needs ${SEASONAL_CYCLES} full cycles (${plural(Math.floor(SEASONAL_CYCLES * period), unit)}) before the start, and there are ${formatCount(pointsBefore)}; turn seasonality off or use a longer series.`;
}

export function checkStateParameters(parameters: number, pointsBefore: number): string | null {
	const most = Math.floor(pointsBefore / POINTS_PER_PARAMETER);
	if (parameters <= most) return null;
	return `the model has ${plural(parameters, 'parameter')} (states and variances) but ${plural(pointsBefore, 'point')} before the start support at most ${formatCount(most)} (one per ${POINTS_PER_PARAMETER} points); use fewer controls or harmonics, a level instead of a trend, or a longer pre-period.`;
}

/** Names the first term (level, slope, a seasonal wave or a control) that the pre-period cannot separate from those before it. */
export function checkIdentifiable(
	structure: StructuralModel,
	controlNames: readonly string[],
	pointsBefore: number
): string | null {
	const x = deterministicDesign(structure.model, 0, pointsBefore);
	try {
		weightedLeastSquares(x, new Float64Array(x.rows));
		return null;
	} catch (error) {
		if (!(error instanceof CollinearityError)) throw error;
		const k = error.column - structure.regressionOffset;
		const name =
			k >= 0 ? `the control "${controlNames[k]}"` : `the ${structure.stateNames[error.column] ?? 'model'} term`;
		return `${name} moves in step with the other terms before the start (it is a combination of the level, trend, season or other controls), so its effect cannot be told apart; leave it out.`;
	}
}

/**
 * Fits the model afresh on each half of the pre-period, variances included, with every state
 * diffuse again at the second half's start. Each half's coefficients then depend on its own
 * disturbances only, so the two estimates are independent and (b₁ − b₂)'(V₁ + V₂)⁻¹(b₁ − b₂) is χ²
 * with one degree of freedom per control. Fitting the variances per half matters: over the whole
 * pre-period a break in the relation is soaked up by a fast-moving level, which hides it. The
 * coefficients are averaged over the variances as the forecast is; at their maximum-likelihood
 * values alone the test refused a stable control 1% of the time instead of 0.1%.
 */
export function controlStability(
	structure: StructuralModel,
	y: ArrayLike<number>,
	pointsBefore: number,
	parameters: number
): ControlStability {
	const k = structure.model.stateSize - structure.regressionOffset;
	if (k === 0) return { ran: false, reason: 'there are no controls.' };
	const half = Math.floor(pointsBefore / 2);
	const needed = POINTS_PER_PARAMETER * parameters;
	if (half < needed)
		return {
			ran: false,
			reason: `each half of the pre-period needs at least ${plural(needed, 'point')} to fit the model on its own; it has ${formatCount(half)}.`
		};
	const saved = structure.model.stateVariance.slice();
	const halves = [
		[0, half],
		[half, pointsBefore]
	].map(([from, to]) => {
		const fit = fitStructural(structure, y, from!, to!);
		if (fit.run.unresolved > 0) return null;
		const nodes = varianceNodes(structure, y, from!, to!, fit.ratios.map(Math.log));
		return averagedForecast(structure, y, { from: from!, startIndex: to!, n: to! }, nodes, 'none').coefficients;
	});
	structure.model.stateVariance.set(saved);
	const [first, second] = halves;
	if (!first || !second)
		return { ran: false, reason: 'a half of the pre-period cannot pin down every coefficient on its own.' };
	const difference = first.mean.map((b, i) => b - second.mean[i]!);
	const sum = matrix(k, k);
	sum.data.set(first.covariance.map((v, ij) => v + second.covariance[ij]!));
	const solved = solvePositiveDefinite(sum, difference);
	if (!solved) return { ran: false, reason: 'the coefficients of the two halves have a singular covariance.' };
	const statistic = difference.reduce((s, d, i) => s + d * solved[i]!, 0);
	const p = chiSquareSurvival(statistic, k);
	return { ran: true, statistic, df: k, p, flagged: p < DOUBTFUL_CONTROL_P };
}

export function unstableControls(stability: ControlStability, controlNames: readonly string[]): string | null {
	if (!stability.ran || stability.p >= UNSTABLE_CONTROL_P) return null;
	const which =
		controlNames.length === 1
			? `the control "${controlNames[0]}"`
			: `the controls (${controlNames.map((n) => `"${n}"`).join(', ')})`;
	const p = formatPValue(stability.p);
	return `the outcome's relation to ${which} changed within the pre-period (the two halves disagree, p ${p.startsWith('<') ? p : `= ${p}`}), so a counterfactual built on it cannot be trusted; check the control for a break or choose another.`;
}
