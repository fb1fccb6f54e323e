/**
 * Interrupted time series: the estimator, the paragraph that reads its result, and the result's
 * types. The state-space counterfactual reports in the same shapes and applies the same
 * sufficiency rules, Wald tests and Ljung-Box check, so those are exported for it as well.
 */
export { interruptedTimeSeries } from './interrupted-time-series';
export { describeIts, type DescribeOptions } from './describe';
export {
	NOT_ENOUGH_DATA,
	type CoefficientRow,
	type CounterfactualPoint,
	type EffectEstimate,
	type ItsDiagnostics,
	type ItsFailure,
	type ItsInput,
	type ItsOptions,
	type ItsResult,
	type ItsSuccess,
	type PlaceboResult,
	type ResolvedItsOptions,
	type Summary
} from './types';
export type { Family, Link } from './glm';
export { summaryOf } from './counterfactual';
export { criticalValue, waldTest } from './inference';
export { ljungBox, ljungBoxLags } from './diagnostics';
export {
	checkPoints,
	checkValues,
	COMFORTABLE_POINTS_AFTER,
	MIN_POINTS_AFTER,
	POINTS_PER_PARAMETER,
	SEASONAL_CYCLES,
	seasonalityFits
} from './sufficiency';
