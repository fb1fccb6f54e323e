/**
 * A series that starts with a run of zeros has usually not started yet (a new program, a count not
 * yet recorded). Fitting through the run projects the climb out of the zeros forward and reads a
 * rise as a fall (issue 15, item 2).
 */
import { describe, expect, it } from 'vitest';
import { monthlyDates, success } from '../test-support';
import { describeIts } from './describe';
import { interruptedTimeSeries } from './interrupted-time-series';

// 12 months of nothing, 12 months averaging 3.3, then 12 campaign months averaging 6.3.
const zeros = Array<number>(12).fill(0);
const before = [1, 2, 2, 3, 3, 3, 4, 4, 4, 5, 4, 5];
const after = [5, 6, 6, 5, 7, 6, 7, 6, 7, 6, 7, 8];
const dates = monthlyDates(36);
const start = dates[24]!;
const labels = { metricLabel: 'monthly new cards', periodLabel: 'month' };

describe('interrupted time series on a series that starts with a run of zeros', () => {
	it('leaves the leading zeros out of the fit, so a series that rose no longer reads as a confident fall', () => {
		// Fitted through the zeros it read −85% (−93% to −68%), p < 0.001; without them the trend of
		// the 12 months before carries on to about 6 a month, so the campaign months read about +2%.
		const result = success(interruptedTimeSeries({ dates, values: [...zeros, ...before, ...after] }, { start }));
		expect(result.leadingZeros).toEqual({ points: 12, last: dates[11] });
		const { average } = result.summary;
		expect(average.relative).toBeGreaterThan(-0.1);
		expect(average.relativeLower).toBeLessThan(0);
		expect(average.relativeUpper).toBeGreaterThan(0);
		expect(result.warnings[0]).toContain('first 12 months');
	});

	it('says so in the paragraph, not only among the warnings', () => {
		const result = interruptedTimeSeries({ dates, values: [...zeros, ...before, ...after] }, { start });
		const paragraph = describeIts(result, labels);
		expect(paragraph).toContain('The series is 0 for its first 12 months (to Dec 1, 2021)');
		expect(paragraph).toContain('left out of the model');
	});

	it('refuses when what remains before the start is too short', () => {
		const values = [...Array<number>(20).fill(0), 2, 3, 4, 3, ...after];
		const result = interruptedTimeSeries({ dates, values }, { start });
		expect(result.ok).toBe(false);
		expect(!result.ok && result.reason).toMatch(/^Not enough data to estimate: only 4 points before the start/);
		expect(!result.ok && result.reason).toContain('The series is 0 for its first 20 months');
	});

	it('keeps a short leading run, and one no longer than the zero runs that come later', () => {
		const twoZeros = [0, 0, 3, 4, 2, 5, 3, 4, 4, 3, 5, 4, 3, 4, 2, 5, 3, 4, 4, 3, 5, 4, 3, 4, ...after];
		expect(success(interruptedTimeSeries({ dates, values: twoZeros }, { start })).leadingZeros).toBeUndefined();
		const gappy = [0, 0, 0, 3, 4, 0, 0, 0, 3, 4, 2, 5, 3, 0, 0, 0, 3, 4, 2, 5, 3, 4, 4, 3, ...after];
		expect(success(interruptedTimeSeries({ dates, values: gappy }, { start })).leadingZeros).toBeUndefined();
	});
});
