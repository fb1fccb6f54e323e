/**
 * Observed totals next to what the same cases would have totalled without the campaign (the
 * expected value, before noise). Their ratio is the effect as it landed in this seed's files.
 */
export interface Tally {
	observed: number;
	counterfactual: number;
	cases: number;
	add(observed: number, counterfactual: number): void;
	/** observed / counterfactual, to three decimals; null when nothing was counted. */
	ratio(): number | null;
}

export function tally(): Tally {
	return {
		observed: 0,
		counterfactual: 0,
		cases: 0,
		add(observed, counterfactual) {
			this.observed += observed;
			this.counterfactual += counterfactual;
			this.cases += 1;
		},
		ratio() {
			return this.counterfactual > 0 ? Math.round((this.observed / this.counterfactual) * 1000) / 1000 : null;
		}
	};
}
