/** The state-space counterfactual ("CausalImpact-lite") and its result's types. */
export { stateSpaceCounterfactual } from './counterfactual';
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
} from './types';
export type { Seasonality, Trend } from './structural-model';
