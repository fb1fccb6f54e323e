/** Lantern's estimators: pure functions of plain arrays, no I/O. */
export {
	interruptedTimeSeries,
	describeIts,
	NOT_ENOUGH_DATA,
	MIN_POINTS_AFTER,
	type DescribeOptions,
	type CoefficientRow,
	type CounterfactualPoint,
	type EffectEstimate,
	type Family,
	type ItsDiagnostics,
	type ItsFailure,
	type ItsInput,
	type ItsOptions,
	type ItsResult,
	type ItsSuccess,
	type Link,
	type PlaceboResult,
	type ResolvedItsOptions,
	type Summary
} from './its';
export { periodIndexOf, type Spacing } from './series-dates';
export { itsAlternatives, modelSensitivity, type ModelAlternative, type ModelSensitivity } from './sensitivity';
export { prewhitenedCcf, MIN_CCF_POINTS, type CcfOptions, type CcfResult } from './ccf';
export {
	promotedVersusNot,
	MIN_PROGRAMS_PER_ARM,
	MIN_SESSIONS_PER_SIDE,
	MIN_PRE_PERIODS,
	PRE_TREND_ALPHA,
	type DidGroup,
	type DidOptions,
	type DidResult,
	type PreTrend,
	type ProgramSession
} from './did';
export {
	stateSpaceCounterfactual,
	type ControlSeries,
	type ControlStability,
	type CumulativeEffectPoint,
	type ResolvedStateSpaceOptions,
	type Seasonality,
	type StateSpaceDiagnostics,
	type StateSpaceFailure,
	type StateSpaceInput,
	type StateSpaceOptions,
	type StateSpaceResult,
	type StateSpaceSuccess,
	type StateSpaceVariances,
	type Transform,
	type Trend
} from './state-space';
