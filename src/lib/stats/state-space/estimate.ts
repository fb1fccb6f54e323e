/**
 * One state-space counterfactual: check the data can carry the model, fit it on the points before
 * the start, forecast the points after it from the controls, and compare. The main estimate and
 * the placebo both go through here, so they are the same model by construction.
 */
import { type CoefficientRow, type CounterfactualPoint, criticalValue, waldTest } from '../its';
import { checkControls, checkIdentifiable, checkSeasonalCycles, checkStateParameters } from './checks';
import { fitStructural, type StructuralFit } from './fit';
import { averagedForecast } from './forecast';
import { type Seasonality, structuralModel, type StructuralModel, type Trend } from './structural-model';
import { bandPoint, type Interval, postTotals, type PostTotals } from './summary';
import type { ControlSeries, Transform } from './types';
import { varianceNodes } from './variance-posterior';

export interface PreparedSeries {
	dates: readonly string[];
	/** On the data's scale. */
	values: readonly number[];
	/** On the modelled scale. */
	modelled: Float64Array;
	controls: readonly ControlSeries[];
	startIndex: number;
	trend: Trend;
	seasonal: Seasonality | null;
	transform: Transform;
	level: number;
	/** "week", "month" or "day", for messages. */
	unit: string;
}

export interface Estimate {
	fit: StructuralFit;
	structure: StructuralModel;
	/** States plus variances. */
	parameters: number;
	interval: Interval;
	counterfactual: CounterfactualPoint[];
	totals: PostTotals;
	coefficients: CoefficientRow[];
	/** One-step-ahead prediction errors over the pre-period divided by their standard deviation. */
	standardisedErrors: Float64Array;
}

export type EstimateOutcome = { ok: true; estimate: Estimate } | { ok: false; reason: string };

export function estimateCounterfactual(series: PreparedSeries): EstimateOutcome {
	const { dates, values, modelled, controls, startIndex, transform } = series;
	const n = dates.length;
	const fail = (reason: string): EstimateOutcome => ({ ok: false, reason });
	const unusable = checkSeries(series);
	if (unusable) return fail(unusable);
	const scales = controls.map(({ values: x }) => standardisation(x.slice(0, startIndex)));
	const structure = structuralModel({
		trend: series.trend,
		seasonal: series.seasonal,
		controls: controls.map(({ values: x }, k) => Float64Array.from(x, (v) => (v - scales[k]!.mean) / scales[k]!.sd)),
		points: n
	});
	const parameters = structure.model.stateSize + 1 + structure.components.length;
	const names = controls.map((c) => c.name);
	const tooMany = checkStateParameters(parameters, startIndex) ?? checkIdentifiable(structure, names, startIndex);
	if (tooMany) return fail(tooMany);

	const fit = fitStructural(structure, modelled, 0, startIndex);
	const { run, scale } = fit;
	if (run.unresolved > 0 || !Number.isFinite(fit.logLikelihood))
		return fail(
			'the points before the start cannot pin down the level, season and control coefficients together; use fewer terms or a longer pre-period.'
		);
	// σ² is estimated from the n − d one-step errors, less one per estimated variance ratio.
	const df = Math.max(1, run.regularSteps - structure.components.length);
	const interval: Interval = { critical: criticalValue(series.level, df), df };

	// Before the start: one-step-ahead predictions at the estimated variances.
	const counterfactual: CounterfactualPoint[] = [];
	const standardisedErrors: number[] = [];
	for (let t = 0; t < startIndex; t++) {
		const variance = scale * run.variance[t]!;
		if (Number.isNaN(variance)) continue;
		counterfactual.push(bandPoint(dates[t]!, values[t]!, run.prediction[t]!, variance, false, transform, interval));
		standardisedErrors.push((modelled[t]! - run.prediction[t]!) / Math.sqrt(variance));
	}
	// After it: the forecast averaged over the variances the pre-period allows.
	const nodes = varianceNodes(structure, modelled, 0, startIndex, fit.ratios.map(Math.log));
	const averaged = averagedForecast(structure, modelled, { from: 0, startIndex, n }, nodes, transform);
	structure.setRatios(fit.ratios);
	const { moments } = averaged;
	for (let i = 0; i < n - startIndex; i++) {
		const t = startIndex + i;
		counterfactual.push(
			bandPoint(
				dates[t]!,
				values[t]!,
				moments.mean[i]!,
				moments.variance[i]!,
				true,
				transform,
				interval,
				moments.dataMean[i]
			)
		);
	}
	const k = controls.length;
	const coefficients = names.map((name, j) => {
		const estimate = averaged.coefficients.mean[j]! / scales[j]!.sd;
		const se = Math.sqrt(averaged.coefficients.covariance[j * k + j]!) / scales[j]!.sd;
		return { name, estimate, se, ...waldTest(estimate, se, df) };
	});
	return {
		ok: true,
		estimate: {
			fit,
			structure,
			parameters,
			interval,
			counterfactual,
			totals: postTotals(dates.slice(startIndex), values.slice(startIndex), moments, transform, interval),
			coefficients,
			standardisedErrors: Float64Array.from(standardisedErrors)
		}
	};
}

function checkSeries({ dates, modelled, controls, startIndex, seasonal, unit }: PreparedSeries): string | null {
	// A flat pre-period leaves no noise to scale the intervals by (σ̂² = 0).
	if (modelled.subarray(0, startIndex).every((v) => v === modelled[0]))
		return 'the values before the start never change, so there is no variation to learn from.';
	return (
		checkControls(dates, controls, startIndex) ??
		(seasonal ? checkSeasonalCycles(startIndex, seasonal.period, unit) : null)
	);
}

/**
 * Controls are centred and scaled on the pre-period, so every state is on a comparable footing for
 * the filter's diffuse tests; the level absorbs the centring and the coefficients are scaled back.
 */
function standardisation(before: readonly number[]): { mean: number; sd: number } {
	const mean = before.reduce((a, b) => a + b, 0) / before.length;
	return { mean, sd: Math.sqrt(before.reduce((a, b) => a + (b - mean) ** 2, 0) / before.length) };
}
