import { describe, expect, it } from 'vitest';
import { NILE, NILE_DROP_INDEX } from '../public-series';
import { monthlyDates, success, weeklyDates } from '../test-support';
import { forecastHorizon, stateSpaceCounterfactual } from './counterfactual';

describe('state-space counterfactual: how far ahead it compares', () => {
	it('compares at most half the pre-period after the start, never fewer than 4 points', () => {
		expect(forecastHorizon(28, 72)).toBe(14);
		expect(forecastHorizon(104, 26)).toBe(26);
		expect(forecastHorizon(8, 20)).toBe(4);
		expect(forecastHorizon(12, 4)).toBe(4);
	});

	it('reads the Nile’s drop after 1899 as a clear drop over the first 14 years, and says why it stops there', () => {
		// Annual flows on monthly dates (Lantern reads days, weeks and months), without a season, on
		// the log scale as the panel asks. Averaged over all 72 years after 1899 the interval was
		// −54% to +23% ("cannot tell"), wider than the drop plain to the eye.
		const dates = monthlyDates(NILE.length, 1871, 1);
		const result = success(
			stateSpaceCounterfactual({ dates, values: NILE }, { start: dates[NILE_DROP_INDEX]!, seasonal: null, log: true })
		);
		expect(result.summary.points).toBe(14);
		expect(result.options.end).toBe(dates[NILE_DROP_INDEX + 13]);
		const { relative, relativeLower, relativeUpper } = result.summary.average;
		expect(relativeUpper).toBeLessThan(0);
		expect(relative).toBeGreaterThan(relativeLower);
		expect(result.summary.p).toBeLessThan(0.05);
		expect(result.counterfactual.filter((p) => p.post)).toHaveLength(14);
		expect(result.warnings[0]).toBe(
			'The comparison covers the first 14 months after the start (to 1874-06-01), half the 28 before it: the longest forecast its placebo run can check. The 58 months after that are left out, because a forecast that far ahead is too uncertain to tell an effect from drift.'
		);
	});

	it('leaves a post period within half the pre-period whole, with no warning about it', () => {
		const dates = weeklyDates(130);
		const values = dates.map((_, i) => 50 + 5 * Math.sin(i / 4) + (i % 7));
		const result = success(stateSpaceCounterfactual({ dates, values }, { start: dates[104]!, seasonal: null }));
		expect(result.summary.points).toBe(26);
		expect(result.warnings.some((w) => w.includes('The comparison covers'))).toBe(false);
	});
});
