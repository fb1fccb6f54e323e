/**
 * The placebo test: the same model refit on the pre-period alone, with a fake start halfway
 * through it. Nothing happened there, so a "significant" level change means the model mistakes
 * ordinary swings for effects, and its real estimate deserves the same doubt.
 */
import { parameterCount } from './design';
import { effectOf } from './inference';
import { fitItsModel, type ItsModelData, type ItsModelSpec, standardError } from './model';
import { checkCountsEachSide, checkParameters, checkPoints } from './sufficiency';
import type { PlaceboResult } from './types';

export function placeboTest(data: ItsModelData, spec: ItsModelSpec, dates: readonly string[]): PlaceboResult {
	const n = data.startIndex;
	const fakeStart = Math.floor(n / 2);
	const values = data.values.slice(0, n);
	const months = data.months?.slice(0, n);
	const clock = data.clock?.slice(0, n);
	const parameters = parameterCount({
		slope: spec.slope,
		harmonics: spec.harmonics,
		period: spec.period,
		months: spec.monthDummies ? months : undefined
	});
	const link = spec.family === 'gaussian' ? 'identity' : 'log';
	const tooLittle =
		checkPoints(fakeStart, n - fakeStart, spec.slope) ??
		checkParameters(parameters, n) ??
		checkCountsEachSide(values, fakeStart, link);
	if (tooLittle)
		return { ran: false, reason: `the pre-period is too short for a placebo run at its midpoint: ${tooLittle}` };
	const outcome = fitItsModel(
		{ values, logExposure: data.logExposure?.subarray(0, n), months, clock, startIndex: fakeStart },
		spec
	);
	if (!outcome.ok) return { ran: false, reason: `the placebo fit failed: ${outcome.reason}` };
	const { model } = outcome;
	const column = model.design.stepColumn;
	const effect = effectOf(
		model.fit.coefficients[column]!,
		standardError(model, column),
		model.df,
		spec.level,
		model.fit.link
	);
	return { ran: true, start: dates[fakeStart]!, ...effect, flagged: effect.p < 1 - spec.level };
}
