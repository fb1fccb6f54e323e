import { describe, expect, it } from 'vitest';
import { monthlyDates, weeklyDates } from '../test-support';
import { describeIts } from './describe';
import { interruptedTimeSeries } from './interrupted-time-series';
import type { ItsSuccess, Summary } from './types';

const labels = { metricLabel: 'weekly new-card sign-ups', periodLabel: 'week' };
const dates = weeklyDates(120);

function estimate(): ItsSuccess {
	const values = dates.map((_, i) => 118 + ((i * 37) % 11) - 5 + (i >= 108 ? 24 : 0));
	const result = interruptedTimeSeries({ dates, values }, { start: dates[108]! });
	if (!result.ok) throw new Error(result.reason);
	return result;
}

const average: Summary = {
	actual: 142,
	predicted: 118,
	predictedLower: 105,
	predictedUpper: 131,
	absolute: 24,
	absoluteLower: 11,
	absoluteUpper: 37,
	relative: 0.2,
	relativeLower: 0.09,
	relativeUpper: 0.35
};
const cumulative: Summary = {
	...average,
	actual: 1704,
	predicted: 1416,
	absolute: 288,
	absoluteLower: 132,
	absoluteUpper: 444
};

/** The estimate with the summary above and clean diagnostics, so each test adds only the caveat it checks. */
function withSummary(result: ItsSuccess, changes: Partial<Summary> = {}): ItsSuccess {
	const { diagnostics } = result;
	return {
		...result,
		summary: { average: { ...average, ...changes }, cumulative, p: 0.01, points: 12 },
		diagnostics: {
			...diagnostics,
			overdispersion: null,
			autocorrelation: { ...diagnostics.autocorrelation, flagged: false },
			placebo: { ran: false, reason: 'not needed here' }
		}
	};
}

describe('the paragraph a director reads aloud', () => {
	it('states the average, the expectation with its interval and the relative effect', () => {
		const text = describeIts(withSummary(estimate()), labels);
		expect(text).toBe(
			'During the campaign, weekly new-card sign-ups averaged 142, against 118 expected without it (95% interval 105–131): an estimated +20% (+9% to +35%). ' +
				'Over the 12 weeks, that adds up to +288 (+132 to +444).'
		);
	});

	it('says the data cannot tell when the interval includes no change', () => {
		const text = describeIts(withSummary(estimate(), { absoluteLower: -4, relativeLower: -0.03 }), labels);
		expect(text).toContain('an estimated +20% (−3% to +35%)');
		expect(text).toContain(
			'The interval includes no change, so the data cannot tell whether the campaign made a difference.'
		);
	});

	it('adds each caveat that applies', () => {
		const base = withSummary(estimate());
		const troubled: ItsSuccess = {
			...base,
			family: 'poisson',
			effect: { ...base.effect, slope: { estimate: 1.02, lower: 0.99, upper: 1.05, p: 0.2, scale: 'ratio' } },
			diagnostics: {
				...base.diagnostics,
				overdispersion: { dispersion: 3, pearsonChi2: 300, df: 100, p: 1e-20, flagged: true },
				autocorrelation: { durbinWatson: 1.1, ljungBox: { statistic: 40, lags: 10, p: 1e-5 }, flagged: true },
				placebo: {
					ran: true,
					start: '2022-06-06',
					estimate: 1.3,
					lower: 1.1,
					upper: 1.5,
					p: 0.01,
					scale: 'ratio',
					flagged: true
				},
				sufficiency: { ...base.diagnostics.sufficiency, pointsAfter: 5 }
			}
		};
		const text = describeIts(troubled, labels);
		expect(text).toContain('The trend after the start changed by +2.0% a week (−1.0% to +5.0%).');
		expect(text).toContain('than a Poisson model allows, so this interval is too narrow.');
		expect(text).toContain(
			'Neighbouring weeks are more alike than the model expects, so the interval may be too narrow.'
		);
		expect(text).toContain(
			'A placebo test that pretended the campaign started on Jun 6, 2022 found an "effect" where there was none'
		);
		expect(text).toContain('With only 5 weeks since the start, this is an early reading.');
		// The same five weeks of a campaign that is over, with data after it: short, not early.
		const over = describeIts(troubled, { ...labels, ended: true });
		expect(over).toContain('The campaign lasted only 5 weeks, so the estimate rests on few points.');
		expect(over).not.toContain('early reading');
	});

	it("mentions unmodelled seasonality only when it was not the caller's choice", () => {
		const result = estimate();
		expect(result.options.harmonics).toBe(2);
		const short = weeklyDates(40);
		const values = short.map((_, i) => 50 + (i % 4));
		const auto = interruptedTimeSeries({ dates: short, values }, { start: short[30]! });
		const off = interruptedTimeSeries({ dates: short, values }, { start: short[30]!, harmonics: 0 });
		expect(describeIts(auto, labels)).toContain('Seasonal patterns are not modelled');
		expect(describeIts(off, labels)).not.toContain('Seasonal patterns are not modelled');
	});

	it('states a difference when the expected value is not clearly positive', () => {
		const text = describeIts(withSummary(estimate(), { predictedLower: -2 }), {
			metricLabel: 'net satisfaction',
			periodLabel: 'month'
		});
		expect(text).toContain('an estimated +24 a month (+11 to +37)');
	});

	it('shows a rate series to the digits its size needs, not as whole counts', () => {
		const months = monthlyDates(48);
		// A share of about 3%, with a repeating wiggle so the fit is exact to print.
		const values = months.map((_, i) => 0.03 + 0.001 * ((i * 7) % 5) + (i >= 36 ? 0.002 : 0));
		const result = interruptedTimeSeries({ dates: months, values }, { start: months[36]!, harmonics: 0 });
		const text = describeIts(result, { metricLabel: 'the monthly share', periodLabel: 'month' });
		expect(text).toMatch(
			/^During the campaign, the monthly share averaged 0\.0\d{3}, against 0\.0\d{3} expected without it \(95% interval 0\.0\d{3}–0\.0\d{3}\)/
		);
		expect(text).toMatch(/Over the 12 months, that adds up to \+0\.0\d\d \([−+]0\.\d{3} to \+0\.\d{3}\)\./);
		expect(text).not.toMatch(/−0(?![.,\d])/);
	});

	it('never prints minus zero, even for a change that rounds to nothing', () => {
		const small = { absolute: -0.2, absoluteLower: -0.4, absoluteUpper: -0.1 };
		const result = withSummary(estimate(), { predictedLower: -2, ...small });
		const text = describeIts(
			{ ...result, summary: { ...result.summary, cumulative: { ...cumulative, ...small } } },
			labels
		);
		expect(text).toContain('an estimated ±0 a week (±0 to ±0)');
		expect(text).toContain('that adds up to ±0 (±0 to ±0)');
		expect(text).not.toContain('−0');
	});

	it('says "no upper bound" in words when an interval end is infinite', () => {
		const text = describeIts(
			withSummary(estimate(), { predictedLower: 0, predictedUpper: Infinity, absoluteLower: -Infinity }),
			labels
		);
		expect(text).toContain('against 118 expected without it (95% interval 0 or more, with no upper bound)');
		expect(text).toContain('an estimated +24 a week (no lower bound, up to +37)');
		expect(text).not.toContain('—');
	});

	it('does not call a three-month window with twenty later months an early reading', () => {
		const months = monthlyDates(48);
		const values = months.map((_, i) => 100 + ((i * 7) % 11));
		const result = interruptedTimeSeries(
			{ dates: months, values },
			{ start: months[25]!, windowEnd: months[27]!, harmonics: 0 }
		);
		const text = describeIts(result, { metricLabel: 'monthly visits', periodLabel: 'month' });
		expect(text).toContain('Over the 3 months');
		expect(text).not.toContain('early reading');
	});

	it('passes the reason through when there is no estimate', () => {
		const result = interruptedTimeSeries(
			{ dates: dates.slice(0, 10), values: Array(10).fill(3) },
			{ start: dates[5]! }
		);
		expect(describeIts(result, labels)).toMatch(/^Not enough data to estimate: only 5 points before the start/);
	});
});
