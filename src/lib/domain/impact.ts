import type { ItsResult, ModelSensitivity, StateSpaceResult } from '../stats';

/** One outcome's Impact panel: the estimate, its paragraph, and the campaigns it cannot tell apart. */
export interface ImpactPanelData {
	metric: string;
	label: string;
	period: 'week' | 'month';
	result: ItsResult;
	paragraph: string;
	/** other campaigns whose windows overlap this estimate's post period on the same outcome */
	overlapping: string[];
	/** for a branch's outcome: the same outcome predicted from the other branches, as a cross-check */
	controlled?: ControlledEstimate | null;
	/** the estimate under the other reasonable specifications and the cross-check, and whether it depends on them */
	sensitivity?: ModelSensitivity | null;
}

/** A state-space counterfactual with the other branches as control series. */
export interface ControlledEstimate {
	/** the same outcome at the other branches (the default), or series a director picked */
	kind: 'branches' | 'chosen';
	controls: string[];
	result: StateSpaceResult;
	paragraph: string;
}
