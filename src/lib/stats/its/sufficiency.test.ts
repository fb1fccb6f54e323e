import { describe, expect, it } from 'vitest';
import { monthlyDates, weeklyDates } from '../test-support';
import { interruptedTimeSeries } from './interrupted-time-series';
import type { ItsResult } from './types';

const reason = (result: ItsResult) => (result.ok ? 'estimated' : result.reason);
const counts = (n: number, base = 20) => Array.from({ length: n }, (_, i) => base + ((i * 7) % 5));

describe('data-sufficiency rules', () => {
	const dates = weeklyDates(30);

	it('says "Not enough data to estimate" with the reason instead of a number', () => {
		const fewBefore = interruptedTimeSeries({ dates, values: counts(30) }, { start: dates[7]! });
		expect(fewBefore).toEqual({
			ok: false,
			reason: expect.stringMatching(/^Not enough data to estimate: only 7 points before the start; at least 8/),
			warnings: expect.any(Array)
		});
		expect(reason(interruptedTimeSeries({ dates, values: counts(30) }, { start: dates[8]! }))).toBe('estimated');
		expect(reason(interruptedTimeSeries({ dates, values: counts(30) }, { start: dates[27]! }))).toContain(
			'only 3 points from the start on; at least 4 are needed.'
		);
		expect(reason(interruptedTimeSeries({ dates, values: counts(30) }, { start: dates[26]! }))).toBe('estimated');
		expect(reason(interruptedTimeSeries({ dates, values: counts(30) }, { start: dates[25]!, slope: true }))).toContain(
			'at least 8 are needed to estimate a slope change'
		);
		expect(reason(interruptedTimeSeries({ dates, values: counts(30) }, { start: '2030-01-01' }))).toContain(
			'only 0 points from the start on'
		);
	});

	it('refuses more than one parameter per three points', () => {
		const short = weeklyDates(20);
		const result = interruptedTimeSeries(
			{ dates: short, values: counts(20) },
			{ start: short[12]!, slope: true, harmonics: 2, period: 6 }
		);
		expect(reason(result)).toContain(
			'too many regressors for the data: the model has 8 parameters but 20 points support at most 6'
		);
		expect(reason(result)).toMatch(/^Not enough data to estimate: /);
	});

	it('refuses zeros, missing values, negative counts, constant measures and gaps', () => {
		expect(reason(interruptedTimeSeries({ dates, values: Array(30).fill(0) }, { start: dates[15]! }))).toContain(
			'every value is zero'
		);
		expect(
			reason(interruptedTimeSeries({ dates, values: [...Array(15).fill(0), ...counts(15)] }, { start: dates[15]! }))
		).toContain('every value before the start is zero');
		expect(
			reason(interruptedTimeSeries({ dates, values: [...counts(15), ...Array(15).fill(0)] }, { start: dates[15]! }))
		).toContain('every value from the start on is zero');
		const missing = counts(30);
		missing[4] = Number.NaN;
		expect(reason(interruptedTimeSeries({ dates, values: missing }, { start: dates[15]! }))).toContain(
			`the value for ${dates[4]} is missing or not a number`
		);
		const negative = counts(30);
		negative[3] = -2;
		expect(
			reason(interruptedTimeSeries({ dates, values: negative }, { start: dates[15]!, family: 'poisson' }))
		).toContain('a count model needs values of 0 or more');
		expect(reason(interruptedTimeSeries({ dates, values: Array(30).fill(2.5) }, { start: dates[15]! }))).toContain(
			'the values never change'
		);
		const exposure = Array(30).fill(100);
		exposure[20] = 0;
		expect(
			reason(interruptedTimeSeries({ dates, values: counts(30), offset: exposure }, { start: dates[15]! }))
		).toContain(`the exposure for ${dates[20]} must be a number greater than 0`);
		const gappy = [...dates.slice(0, 10), ...dates.slice(11)];
		expect(reason(interruptedTimeSeries({ dates: gappy, values: counts(29) }, { start: dates[15]! }))).toContain(
			`${dates[9]} and ${dates[11]} leave a gap`
		);
	});

	it('drops seasonality with fewer than two full cycles before the start, and says so', () => {
		const months = monthlyDates(40);
		const values = counts(40, 50);
		const asked = interruptedTimeSeries({ dates: months, values }, { start: months[20]!, harmonics: 2, period: 12 });
		expect(asked.ok).toBe(true);
		if (!asked.ok) return;
		expect(asked.options.harmonics).toBe(0);
		expect(asked.options.why.seasonality).toContain('less than 2 full cycles (24 months)');
		expect(asked.warnings).toContain(
			'Seasonality was dropped: it needs 2 full cycles (24 months) before the start. A campaign in a busy or quiet season may be credited with that season.'
		);
		const enough = interruptedTimeSeries({ dates: months, values }, { start: months[24]! });
		expect(enough.ok && enough.options).toMatchObject({ harmonics: 2, period: 12 });
		const longer = monthlyDates(48);
		const dummies = interruptedTimeSeries(
			{ dates: longer, values: counts(48, 50) },
			{ start: longer[24]!, monthDummies: true }
		);
		expect(dummies.ok && dummies.coefficients.length).toBe(3 + 11);
		expect(
			reason(interruptedTimeSeries({ dates: months, values }, { start: months[24]!, monthDummies: true }))
		).toContain('too many regressors');
		const tooFewForDummies = interruptedTimeSeries(
			{ dates: months, values },
			{ start: months[23]!, monthDummies: true }
		);
		expect(tooFewForDummies.ok && tooFewForDummies.options.monthDummies).toBe(false);
	});

	it('picks quasi-Poisson for counts and Gaussian otherwise, and ignores an exposure for Gaussian with a warning', () => {
		const result = interruptedTimeSeries(
			{ dates, values: counts(30), offset: Array(30).fill(10) },
			{ start: dates[15]!, family: 'gaussian' }
		);
		expect(result.ok && result.family).toBe('gaussian');
		expect(result.warnings.some((w) => w.startsWith('The exposure was ignored'))).toBe(true);
		const rates = interruptedTimeSeries({ dates, values: counts(30).map((v) => v / 3) }, { start: dates[15]! });
		expect(rates.ok && rates.options.why.family).toMatch(/^Gaussian: /);
	});

	it('truncates at the end date and throws on caller mistakes', () => {
		const result = interruptedTimeSeries({ dates, values: counts(30) }, { start: dates[15]!, end: dates[22]! });
		expect(result.ok && result.counterfactual.length).toBe(23);
		expect(result.ok && result.options.end).toBe(dates[22]);
		expect(() => interruptedTimeSeries({ dates, values: counts(29) }, { start: dates[15]! })).toThrow(
			'values has 29 entries but dates has 30'
		);
		expect(() => interruptedTimeSeries({ dates, values: counts(30) }, { start: '15/03/2022' })).toThrow(
			'start must be a date'
		);
		expect(() =>
			interruptedTimeSeries({ dates, values: counts(30) }, { start: dates[15]!, harmonics: 3, period: 4 })
		).toThrow('3 harmonics need a period of at least 6 points');
		expect(() => interruptedTimeSeries({ dates, values: counts(30) }, { start: dates[15]!, level: 95 })).toThrow(
			'level must be between 0 and 1'
		);
	});
});

describe('valid layouts are estimated, and refusals say what is wrong', () => {
	const months = monthlyDates(48);

	it('refuses a constant series under a count model as under Gaussian: it does not vary', () => {
		const flat = months.map(() => 50);
		for (const family of ['quasipoisson', 'poisson', 'gaussian'] as const)
			expect(reason(interruptedTimeSeries({ dates: months, values: flat }, { start: months[36]!, family }))).toBe(
				'Not enough data to estimate: the values never change, so there is no variation to learn from.'
			);
	});

	it('calls counts that are always zero in one month separation, not collinearity', () => {
		const decembersClosed = months.map((d, i) => (d.endsWith('-12-01') ? 0 : 2 + ((i * 7) % 3)));
		const text = reason(
			interruptedTimeSeries({ dates: months, values: decembersClosed }, { start: months[36]!, monthDummies: true })
		);
		expect(text).toContain('this is called separation');
		expect(text).not.toContain('collinear);');
		// Found by a seeded search: sparse counts where the December indicator's weight collapses during the fit.
		const sparse = [
			0, 4, 1, 4, 0, 0, 2, 2, 0, 4, 3, 0, 0, 0, 0, 4, 2, 1, 0, 0, 0, 0, 0, 1, 0, 0, 4, 0, 4, 0, 3, 0, 4, 0, 4, 0, 0, 1,
			0, 1, 0, 0, 0, 0, 0, 0, 0
		];
		const dates = monthlyDates(sparse.length, 2020);
		const sparseText = reason(
			interruptedTimeSeries({ dates, values: sparse }, { start: '2022-11-01', monthDummies: true, slope: true })
		);
		expect(sparseText).toContain(
			'through the "month Dec" term, so it has no finite estimate (this is called separation'
		);
	});

	it('shows a period that is not a whole number exactly', () => {
		const result = interruptedTimeSeries(
			{ dates: months, values: counts(48, 100) },
			{ start: months[36]!, harmonics: 1, period: 5.5 }
		);
		expect(result.ok && result.options.why.seasonality).toBe('1 Fourier pair with a period of 5.5 months, as asked.');
	});

	it('counts a Gaussian one-point window as one point in the window, not "from the start on"', () => {
		const values = months.map((_, i) => 50 + ((i * 7) % 5) / 2);
		const text = reason(
			interruptedTimeSeries(
				{ dates: months, values },
				{ start: months[30]!, windowEnd: months[30]!, family: 'gaussian' }
			)
		);
		expect(text).toBe(
			'Not enough data to estimate: only 1 point in the campaign window (to 2023-07-01); the Gaussian family needs at least 4 there, because Newey-West errors cannot be estimated from fewer. Use a count family if the values are counts, or a longer window.'
		);
	});
});
