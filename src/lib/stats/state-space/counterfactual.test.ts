import { describe, expect, it } from 'vitest';
import { createRandom } from '../../demo/random';
import { expectClose, monthlyDates, reason, success, weeklyDates } from '../test-support';
import { stateSpaceCounterfactual } from './counterfactual';

/** A control that wanders and swings, so it is never close to a straight line or a constant. */
function controlSeries(n: number, seed: number): number[] {
	const random = createRandom(seed, 'state-space-control');
	let walk = 0;
	return Array.from({ length: n }, (_, i) => 10 + 3 * Math.sin(i / 3) + (walk += random.normal(0, 0.5)));
}

describe('state-space counterfactual: recovering what was put in', () => {
	const n = 60;
	const start = 40;
	const dates = weeklyDates(n);
	const x = controlSeries(n, 1);
	const noise = createRandom(2, 'state-space-noise');
	// y = 3 + 2x + N(0, 0.1²) with a level that never moves, then +5 a week from the start.
	const y = x.map((v, i) => 3 + 2 * v + noise.normal(0, 0.1) + (i >= start ? 5 : 0));
	const result = success(
		stateSpaceCounterfactual(
			{ dates, values: y, controls: [{ name: 'reach', values: x }] },
			{ start: dates[start]!, seasonal: null }
		)
	);

	it('recovers the control coefficient inside its interval', () => {
		const [row] = result.coefficients;
		expect(row!.name).toBe('reach');
		// Any 95% t interval is at least ±1.96 standard errors.
		expect(Math.abs(row!.estimate - 2)).toBeLessThan(1.96 * row!.se);
		expect(Math.abs(row!.estimate - 2)).toBeLessThan(0.02);
		expect(row!.p).toBeLessThan(1e-10);
		// A level that never moves: its variance is estimated near zero next to the noise.
		expect(result.variances.level).toBeLessThan(0.01 * result.variances.observation);
		expectClose(Math.sqrt(result.variances.observation), 0.1, 0.3);
	});

	it('recovers the injected effect, average and cumulative, inside the intervals', () => {
		const { average, cumulative } = result.summary;
		expect(result.summary.points).toBe(n - start);
		expect(average.absoluteLower).toBeLessThan(5);
		expect(average.absoluteUpper).toBeGreaterThan(5);
		expect(Math.abs(average.absolute - 5)).toBeLessThan(0.15);
		expectClose(cumulative.absolute, 20 * average.absolute, 1e-12);
		expectClose(
			cumulative.actual,
			y.slice(start).reduce((a, b) => a + b, 0),
			1e-12
		);
		expect(cumulative.absoluteLower).toBeLessThan(100);
		expect(cumulative.absoluteUpper).toBeGreaterThan(100);
		expect(result.summary.p).toBeLessThan(1e-6);
		const last = result.cumulativeEffect[result.cumulativeEffect.length - 1]!;
		expectClose(last.effect, cumulative.absolute, 1e-12);
		expect(result.cumulativeEffect).toHaveLength(n - start);
	});

	it('lays out the counterfactual from the first predictable point, with the start marked', () => {
		const { counterfactual, diagnostics } = result;
		// The level and the coefficient take the first two points; every later one has a prediction.
		expect(diagnostics.sufficiency.diffusePoints).toBe(2);
		expect(counterfactual).toHaveLength(n - 2);
		expect(counterfactual[0]!.date).toBe(dates[2]);
		expect(counterfactual.filter((p) => p.post)).toHaveLength(n - start);
		expect(counterfactual.find((p) => p.post)!.date).toBe(dates[start]);
		for (const point of counterfactual) expect(point.lower).toBeLessThanOrEqual(point.upper);
		expect(diagnostics.preFit.rSquared!).toBeGreaterThan(0.9);
		expect(diagnostics.placebo.ran && diagnostics.placebo.start).toBe(dates[Math.max(start - 20, 20)]);
		expect(diagnostics.controlStability.ran).toBe(true);
		expect(result.options).toMatchObject({
			trend: 'level',
			seasonal: null,
			transform: 'none',
			level: 0.95,
			spacing: 'weekly',
			start: dates[start],
			end: dates[n - 1]
		});
	});

	it('works on the log scale and reads the effect as a ratio', () => {
		// log y = 3 + 0.05x + N(0, 0.02²), then ×1.25 from the start: the cumulative relative effect is 0.25.
		const logNoise = createRandom(3, 'state-space-log');
		const counts = x.map((v, i) => Math.exp(3 + 0.05 * v + logNoise.normal(0, 0.02)) * (i >= start ? 1.25 : 1));
		const logged = success(
			stateSpaceCounterfactual(
				{ dates, values: counts, controls: [{ name: 'reach', values: x }] },
				{ start: dates[start]!, seasonal: null, log: true }
			)
		);
		expect(logged.options.transform).toBe('log');
		const { cumulative } = logged.summary;
		expect(cumulative.relativeLower).toBeLessThan(0.25);
		expect(cumulative.relativeUpper).toBeGreaterThan(0.25);
		expect(Math.abs(cumulative.relative - 0.25)).toBeLessThan(0.03);
		expect(logged.diagnostics.placebo.ran && logged.diagnostics.placebo.scale).toBe('ratio');
		// Back-transformed intervals stay positive and skew upwards.
		for (const p of logged.counterfactual) {
			expect(p.lower).toBeGreaterThan(0);
			expect(p.upper - p.expected).toBeGreaterThan(p.expected - p.lower);
		}
		const withZero = counts.slice();
		withZero[5] = 0;
		const plusOne = stateSpaceCounterfactual(
			{ dates, values: withZero, controls: [{ name: 'reach', values: x }] },
			{ start: dates[start]!, seasonal: null, log: true }
		);
		expect(plusOne.ok && plusOne.options.why.transform).toContain(`the value for ${dates[5]} is 0`);
		// log(y + 1) would bias the expected line (zero-weeks.test.ts), so a series with a 0 keeps its scale.
		expect(plusOne.ok && plusOne.options.transform).toBe('none');
	});

	it('sums the forecast with its cross-covariances: a wandering level widens the total more than the points', () => {
		// A random walk with noise: forecast errors share the unknown level, so the total's variance
		// is well above the sum of the pointwise variances.
		const random = createRandom(4, 'state-space-walk');
		let level = 50;
		const walk = dates.map(() => (level += random.normal(0, 1)) + random.normal(0, 1));
		const r = success(stateSpaceCounterfactual({ dates, values: walk }, { start: dates[start]!, seasonal: null }));
		const post = r.counterfactual.filter((p) => p.post);
		const pointwise = Math.sqrt(post.reduce((s, p) => s + ((p.upper - p.lower) / 2) ** 2, 0));
		const total = (r.summary.cumulative.predictedUpper - r.summary.cumulative.predictedLower) / 2;
		expect(total).toBeGreaterThan(2 * pointwise);
	});
});

describe('state-space counterfactual: data sufficiency', () => {
	const n = 40;
	const dates = weeklyDates(n);
	const values = controlSeries(n, 5).map((v) => 4 * v);
	const control = (name: string, xs: number[]) => ({ name, values: xs });

	it('refuses too few points on either side, with the reason', () => {
		const fewBefore = stateSpaceCounterfactual({ dates, values }, { start: dates[7]!, seasonal: null });
		expect(fewBefore).toEqual({
			ok: false,
			reason: expect.stringMatching(/^Not enough data to estimate: only 7 points before the start; at least 8/),
			warnings: expect.any(Array)
		});
		// A level alone has 3 parameters (the level and two variances), so it needs 9 points.
		expect(reason(stateSpaceCounterfactual({ dates, values }, { start: dates[8]!, seasonal: null }))).toContain(
			'the model has 3 parameters'
		);
		expect(reason(stateSpaceCounterfactual({ dates, values }, { start: dates[9]!, seasonal: null }))).toBe('estimated');
		expect(reason(stateSpaceCounterfactual({ dates, values }, { start: dates[37]!, seasonal: null }))).toContain(
			'only 3 points from the start on'
		);
	});

	it('refuses more than one parameter per three points before the start', () => {
		const controls = [1, 2, 3].map((k) => control(`c${k}`, controlSeries(n, 10 + k)));
		// Level + 3 coefficients (all diffuse) + 2 variances = 6 parameters: 18 points are needed, 15 are there.
		const result = stateSpaceCounterfactual({ dates, values, controls }, { start: dates[15]!, seasonal: null });
		expect(reason(result)).toMatch(
			/^Not enough data to estimate: the model has 6 parameters \(states and variances\) but 15 points before the start support at most 5/
		);
		expect(reason(stateSpaceCounterfactual({ dates, values, controls }, { start: dates[18]!, seasonal: null }))).toBe(
			'estimated'
		);
	});

	it('refuses a seasonal cycle the pre-period has not seen twice, and drops the default one with a warning', () => {
		const months = monthlyDates(40);
		const asked = stateSpaceCounterfactual({ dates: months, values }, { start: months[20]!, seasonal: { period: 12 } });
		expect(reason(asked)).toContain(
			'a seasonal cycle of 12 months needs 2 full cycles (24 months) before the start, and there are 20'
		);
		const byDefault = success(stateSpaceCounterfactual({ dates: months, values }, { start: months[20]! }));
		expect(byDefault.options.seasonal).toBeNull();
		expect(byDefault.warnings.join(' ')).toContain('Seasonality is not modelled');
		const longEnough = success(
			stateSpaceCounterfactual(
				{ dates: months, values },
				{ start: months[24]!, seasonal: { period: 12, harmonics: 1 } }
			)
		);
		expect(longEnough.options.seasonal).toEqual({ period: 12, harmonics: 1 });
		expect(longEnough.variances.seasonal).not.toBeNull();
		const yearly = success(stateSpaceCounterfactual({ dates: months, values }, { start: months[24]! }));
		expect(yearly.options.seasonal).toEqual({ period: 12, harmonics: 2 });
		expect(yearly.options.why.seasonal).toContain('harmonics of a yearly cycle');
	});

	it('refuses controls that are missing, constant, or move in step with another', () => {
		const x = controlSeries(n, 6);
		const gap = x.slice();
		gap[30] = Number.NaN;
		expect(
			reason(
				stateSpaceCounterfactual(
					{ dates, values, controls: [control('visits', gap)] },
					{ start: dates[25]!, seasonal: null }
				)
			)
		).toContain(
			`the control "visits" has no value for ${dates[30]}; a control must be observed at every point, after the start too`
		);
		const flat = [...new Array<number>(25).fill(7), ...x.slice(25)];
		expect(
			reason(
				stateSpaceCounterfactual(
					{ dates, values, controls: [control('flat', flat)] },
					{ start: dates[25]!, seasonal: null }
				)
			)
		).toContain('the control "flat" does not change before the start');
		const twin = x.map((v) => 2 * v + 1);
		expect(
			reason(
				stateSpaceCounterfactual(
					{ dates, values, controls: [control('a', x), control('b', twin)] },
					{ start: dates[25]!, seasonal: null }
				)
			)
		).toContain('the control "b" moves in step with the other terms before the start');
	});

	it('refuses a control whose relation to the outcome changes within the pre-period', () => {
		// Reference: y = 2x in the first half of the pre-period and y = 6x in the second, noise 0.05:
		// the halves' coefficients are ~80 standard errors apart.
		const x = controlSeries(60, 7);
		const random = createRandom(8, 'state-space-break');
		const broken = x.map((v, i) => (i < 20 ? 2 : 6) * v + random.normal(0, 0.05));
		const result = stateSpaceCounterfactual(
			{ dates: weeklyDates(60), values: broken, controls: [control('reach', x)] },
			{ start: weeklyDates(60)[40]!, seasonal: null }
		);
		expect(reason(result)).toContain(
			'the outcome\'s relation to the control "reach" changed within the pre-period (the two halves disagree, p < 0.001)'
		);
	});

	it('refuses missing or negative values where they cannot be used, and gaps in the dates', () => {
		const negative = values.slice();
		negative[3] = -1;
		expect(
			reason(stateSpaceCounterfactual({ dates, values: negative }, { start: dates[20]!, seasonal: null, log: true }))
		).toContain('the log scale needs values of 0 or more');
		expect(reason(stateSpaceCounterfactual({ dates, values: negative }, { start: dates[20]!, seasonal: null }))).toBe(
			'estimated'
		);
		const missing = values.slice();
		missing[2] = Number.NaN;
		expect(
			reason(stateSpaceCounterfactual({ dates, values: missing }, { start: dates[20]!, seasonal: null }))
		).toContain(`the value for ${dates[2]} is missing`);
		const flatBefore = values.map((v, i) => (i < 20 ? 100 : v));
		expect(
			reason(stateSpaceCounterfactual({ dates, values: flatBefore }, { start: dates[20]!, seasonal: null }))
		).toContain('the values before the start never change');
		const gappy = [...dates.slice(0, 10), ...dates.slice(11)];
		expect(
			reason(stateSpaceCounterfactual({ dates: gappy, values: values.slice(1) }, { start: dates[20]!, seasonal: null }))
		).toContain('leave a gap');
	});

	it('throws on the caller’s mistakes rather than returning a reason', () => {
		expect(() => stateSpaceCounterfactual({ dates, values: values.slice(1) }, { start: dates[20]! })).toThrow(
			RangeError
		);
		expect(() =>
			stateSpaceCounterfactual({ dates, values, controls: [control('a', values.slice(1))] }, { start: dates[20]! })
		).toThrow(/control "a" has 39 entries/);
		expect(() =>
			stateSpaceCounterfactual(
				{ dates, values, controls: [control('a', values), control('a', values)] },
				{ start: dates[20]! }
			)
		).toThrow(/two controls are named "a"/);
		expect(() => stateSpaceCounterfactual({ dates, values }, { start: '20/01/2022' })).toThrow(/YYYY-MM-DD/);
		expect(() =>
			stateSpaceCounterfactual({ dates, values }, { start: dates[20]!, seasonal: { period: 12, harmonics: 7 } })
		).toThrow(/7 harmonics need a period of at least 14/);
		expect(() => stateSpaceCounterfactual({ dates, values }, { start: dates[20]!, level: 95 })).toThrow(
			/level must be between 0 and 1/
		);
	});
});
