/**
 * Interrupted time series: did the outcome change at the campaign start beyond what its level,
 * trend and season predicted? Validates the data, fits the segmented GLM, and returns the effect,
 * the counterfactual, the post-period summary and the diagnostics, or the reason it cannot.
 */
import { formatCount } from '../../format';
import { checkStartAndEnd, detectSpacing, monthOfYear, periodIndexOf, pointsThrough, unitOf } from '../series-dates';
import { counterfactualSeries, postSummary } from './counterfactual';
import { parameterCount } from './design';
import { autocorrelation, overdispersion, preFit } from './diagnostics';
import { effectOf, waldTest } from './inference';
import { fitItsModel, type ItsModel, type ItsModelData, standardError } from './model';
import { resolveOptions, validateOptions } from './options';
import { leadingZeroNote, leadingZeroRun } from './leading-zeros';
import { placeboTest } from './placebo';
import {
	checkCountsEachSide,
	checkParameters,
	checkPoints,
	checkValues,
	COMFORTABLE_POINTS_AFTER,
	POINTS_PER_PARAMETER
} from './sufficiency';
import {
	type CoefficientRow,
	type ItsDiagnostics,
	type ItsInput,
	type ItsOptions,
	type ItsResult,
	NOT_ENOUGH_DATA
} from './types';

export function interruptedTimeSeries(input: ItsInput, options: ItsOptions): ItsResult {
	checkShapes(input, options);
	const spacing = detectSpacing(input.dates);
	if (!spacing.ok) return fitSeries(input, options);
	const run = leadingZeroRun(input.values, periodIndexOf(input.dates, spacing.spacing, options.start));
	if (run === 0) return fitSeries(input, options);
	const trimmed = fitSeries(
		{
			dates: input.dates.slice(run),
			values: input.values.slice(run),
			offset: input.offset?.slice(run),
			clock: input.clock?.slice(run)
		},
		options
	);
	const note = leadingZeroNote(run, unitOf(spacing.spacing), input.dates[run - 1]!);
	if (!trimmed.ok) return { ...trimmed, reason: `${trimmed.reason} ${note}` };
	return {
		...trimmed,
		leadingZeros: { points: run, last: input.dates[run - 1]! },
		warnings: [note, ...trimmed.warnings]
	};
}

function fitSeries(input: ItsInput, options: ItsOptions): ItsResult {
	const fail = (reason: string, warnings: string[] = []): ItsResult => ({
		ok: false,
		reason: NOT_ENOUGH_DATA + reason,
		warnings
	});
	const spacing = detectSpacing(input.dates);
	if (!spacing.ok) return fail(spacing.reason);

	// Start, end and window end each fall in the period that contains them (series-dates.ts).
	const n = options.end ? pointsThrough(input.dates, spacing.spacing, options.end) : input.dates.length;
	const dates = input.dates.slice(0, n);
	const values = input.values.slice(0, n);
	const exposure = input.offset?.slice(0, n);
	const clock = input.clock?.slice(0, n);
	const startIndex = periodIndexOf(dates, spacing.spacing, options.start);
	// The post period ends at the window (the last point without one); baseline is every point outside it.
	const windowEnd =
		options.windowEnd === undefined
			? n - 1
			: Math.max(pointsThrough(dates, spacing.spacing, options.windowEnd) - 1, startIndex - 1);
	const windowPoints = windowEnd - startIndex + 1;
	const baseline = n - windowPoints;
	const { resolved, spec, warnings } = resolveOptions(
		{
			values,
			spacing: spacing.spacing,
			points: n,
			pointsBefore: baseline,
			start: dates[startIndex] ?? options.start,
			end: dates[n - 1] ?? options.start,
			hasExposure: !!exposure,
			windowEnd: options.windowEnd === undefined ? null : (dates[windowEnd] ?? null)
		},
		options
	);
	const { link } = resolved;
	const shortWindow = options.windowEnd !== undefined && n - 1 > windowEnd && resolved.standardErrors !== 'newey-west';
	const tooLittle =
		checkPoints(
			baseline,
			windowPoints,
			spec.slope,
			shortWindow,
			options.windowEnd !== undefined && n - 1 > windowEnd ? (dates[windowEnd] ?? options.windowEnd) : null
		) ??
		checkValues(dates, values, link === 'log' ? exposure : undefined, link) ??
		checkCountsEachSide(values, startIndex, link, windowEnd);
	if (tooLittle) return fail(tooLittle, warnings);

	const months = spec.monthDummies ? dates.map(monthOfYear) : undefined;
	const parameters = parameterCount({ slope: spec.slope, harmonics: spec.harmonics, period: spec.period, months });
	const tooMany = checkParameters(parameters, n);
	if (tooMany) return fail(tooMany, warnings);

	const data: ItsModelData = {
		values,
		logExposure: link === 'log' && exposure ? Float64Array.from(exposure, Math.log) : undefined,
		months,
		clock,
		startIndex,
		windowEnd
	};
	const outcome = fitItsModel(data, spec);
	if (!outcome.ok) return fail(outcome.reason, warnings);
	const { model } = outcome;

	const effectAt = (column: number) =>
		effectOf(model.fit.coefficients[column]!, standardError(model, column), model.df, spec.level, link);
	const counterfactual = counterfactualSeries(model, dates, values, startIndex, windowEnd);
	const diagnostics: ItsDiagnostics = {
		preFit: preFit(model.fit, values, startIndex, link === 'log' ? exposure : undefined),
		overdispersion: overdispersion(model.fit),
		autocorrelation: autocorrelation(model.residuals),
		placebo: placeboTest(data, spec, dates),
		sufficiency: {
			pointsBefore: baseline,
			pointsAfter: windowPoints,
			parameters,
			maxParameters: Math.floor(n / POINTS_PER_PARAMETER)
		}
	};
	warnings.push(...caveats(diagnostics, resolved.family, unitOf(spacing.spacing), resolved.windowEnd));
	return {
		ok: true,
		family: resolved.family,
		link,
		options: resolved,
		effect: {
			level: effectAt(model.design.stepColumn),
			...(model.design.slopeColumn === null ? {} : { slope: effectAt(model.design.slopeColumn) })
		},
		dispersion: model.fit.dispersion,
		coefficients: coefficientTable(model),
		counterfactual,
		summary: postSummary(model, counterfactual, startIndex, windowEnd),
		diagnostics,
		warnings
	};
}

/** Mismatched arrays or malformed dates are the caller's bug, not a property of the data. */
function checkShapes(input: ItsInput, options: ItsOptions): void {
	const n = input.dates.length;
	if (input.values.length !== n) throw new RangeError(`values has ${input.values.length} entries but dates has ${n}`);
	if (input.offset && input.offset.length !== n)
		throw new RangeError(`offset has ${input.offset.length} entries but dates has ${n}`);
	if (input.clock && input.clock.length !== n)
		throw new RangeError(`clock has ${input.clock.length} entries but dates has ${n}`);
	if (input.clock?.some((t, i) => !Number.isFinite(t) || (i > 0 && t < input.clock![i - 1]!)))
		throw new RangeError('clock must be finite and never decrease');
	checkStartAndEnd(options);
	validateOptions(options);
}

function coefficientTable(model: ItsModel): CoefficientRow[] {
	return model.design.names.map((name, j) => {
		const estimate = model.fit.coefficients[j]!;
		const se = standardError(model, j);
		return { name, estimate, se, ...waldTest(estimate, se, model.df) };
	});
}

function caveats(diagnostics: ItsDiagnostics, family: string, unit: string, windowEnd: string | null): string[] {
	const out: string[] = [];
	const { sufficiency, overdispersion: spread, autocorrelation: carried, placebo } = diagnostics;
	if (windowEnd !== null)
		out.push(
			`The campaign ran ${formatCount(sufficiency.pointsAfter)} ${unit}${sufficiency.pointsAfter === 1 ? '' : 's'} (to ${windowEnd}); its effect is estimated as temporary, against a model fitted to the ${unit}s before and after it. If the effect lasted beyond the campaign, this understates it.`
		);
	else if (sufficiency.pointsAfter < COMFORTABLE_POINTS_AFTER)
		out.push(
			`Only ${formatCount(sufficiency.pointsAfter)} ${unit}s after the start: the estimate leans heavily on the model's projection of the trend.`
		);
	if (spread?.flagged && family === 'poisson')
		out.push(
			'The counts vary more than a Poisson model allows, so its intervals are too narrow; use the quasi-Poisson family.'
		);
	if (carried.flagged)
		out.push(
			family === 'gaussian'
				? `Residuals carry over from ${unit} to ${unit}; the Newey-West intervals allow for some of this, but treat them with care.`
				: `Residuals carry over from ${unit} to ${unit}, so the intervals may be too narrow.`
		);
	if (placebo.ran && placebo.flagged)
		out.push(
			`The placebo run found a "campaign effect" at ${placebo.start}, before the campaign began: the model may be mistaking ordinary swings for effects.`
		);
	if (!placebo.ran) out.push(`No placebo run: ${placebo.reason}`);
	return out;
}
