import type { ItsResult } from '../stats';

/** One outcome's Impact panel: the estimate, its paragraph, and the campaigns it cannot tell apart. */
export interface ImpactPanelData {
	metric: string;
	label: string;
	period: 'week' | 'month';
	result: ItsResult;
	paragraph: string;
	/** other campaigns whose windows overlap this estimate's post period on the same outcome */
	overlapping: string[];
}
