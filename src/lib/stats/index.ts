/** Lantern's estimators: pure functions of plain arrays, no I/O. */
export { interruptedTimeSeries } from './its';
export { describeIts, type DescribeOptions } from './describe';
export { NOT_ENOUGH_DATA } from './its-types';
export { MIN_POINTS_AFTER } from './sufficiency';
export type {
	CoefficientRow,
	CounterfactualPoint,
	EffectEstimate,
	ItsDiagnostics,
	ItsFailure,
	ItsInput,
	ItsOptions,
	ItsResult,
	ItsSuccess,
	PlaceboResult,
	ResolvedItsOptions,
	Summary
} from './its-types';
export type { Family, Link } from './glm';
export type { Spacing } from './series-dates';
export { prewhitenedCcf, MIN_CCF_POINTS, type CcfOptions, type CcfResult } from './ccf';
export { promotedVersusNot, MIN_PROGRAMS_PER_ARM, MIN_SESSIONS_PER_SIDE, MIN_PRE_PERIODS, PRE_TREND_ALPHA, type DidGroup, type DidOptions, type DidResult, type PreTrend, type ProgramSession } from './did';
export { stateSpaceCounterfactual } from './state-space';
export type {
	ControlSeries,
	ControlStability,
	CumulativeEffectPoint,
	ResolvedStateSpaceOptions,
	StateSpaceDiagnostics,
	StateSpaceFailure,
	StateSpaceInput,
	StateSpaceOptions,
	StateSpaceResult,
	StateSpaceSuccess,
	StateSpaceVariances,
	Transform
} from './state-space-types';
export type { Seasonality, Trend } from './structural-model';
