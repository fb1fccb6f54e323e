import type { ItsResult, ModelSensitivity, StateSpaceResult, Summary } from '../stats';

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

/** How a campaign's estimate reads in one sentence, and whether it settles anything. */
export type Verdict = 'increase' | 'decrease' | 'inconclusive' | 'not enough data';

export function verdictOf(panel: Pick<ImpactPanelData, 'result' | 'sensitivity'>): Verdict {
	const r = panel.result;
	if (!r.ok) return 'not enough data';
	const { absoluteLower, absoluteUpper } = r.summary.average;
	if (panel.sensitivity?.dependsOnModel || (absoluteLower <= 0 && absoluteUpper >= 0)) return 'inconclusive';
	return absoluteLower > 0 ? 'increase' : 'decrease';
}

/** One branch's estimate of a campaign's library-wide outcome, fitted on that branch's series alone. */
export interface BranchEffect {
	branch: string;
	/** the branch's series, e.g. literacy:registrations:Eastside (Explore opens it) */
	metric: string;
	verdict: Verdict;
	/** averages a period over the campaign's window; null when no estimate could be made */
	average: Summary | null;
	/** why there is no estimate, or that it depends on the model */
	note: string | null;
}

/** A campaign's library-wide outcome estimated branch by branch. */
export interface BranchEffects {
	metric: string;
	label: string;
	period: 'week' | 'month';
	/** branches estimated, in name order; empty when there are too many to estimate on one page */
	branches: BranchEffect[];
	/** every branch the series is held for */
	branchCount: number;
}
