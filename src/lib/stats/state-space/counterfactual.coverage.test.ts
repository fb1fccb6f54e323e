/**
 * Calibration of the state-space counterfactual: on synthetic series drawn from the model family
 * with a known injected effect, the 95% interval of the post-period total must contain the truth
 * about 95% of the time, and on effect-free series the placebo must cry wolf about 5% of the time.
 * Seeded, so the figures are the same on every machine.
 *
 * 400 runs per check: a binomial standard error of 1.1 points at 95%, so the bands below are about
 * ±2 standard errors. These seeds give 95.5% coverage, 4.0% placebo flags, 4.5% false effects and
 * 96.0% on the log scale; 2,000 seeds of the same generators (1,000 for the log scale) give 94.8%,
 * 3.7%, 4.0% and 95.9%.
 */
import { describe, expect, it } from 'vitest';
import { createRandom, type Random } from '../../demo/random';
import { weeklyDates } from '../test-support';
import { stateSpaceCounterfactual } from './counterfactual';

const RUNS = 400;
const POINTS = 130;
const START = 104; // two years of weeks before the campaign, half a year after
const dates = weeklyDates(POINTS);

/**
 * A weekly outcome driven by one control: noise sd 0.5–3, a random-walk level whose step sd is
 * 0–0.4 of the noise's (0 is a fixed level), a coefficient of 0.5–3 on a control that wanders
 * and swings yearly, and a constant effect added from the start.
 */
function syntheticSeries(random: Random, effect: number): { values: number[]; control: number[] } {
	const noise = random.uniform(0.5, 3);
	const step = noise * random.uniform(0, 0.4);
	const beta = random.uniform(0.5, 3);
	let walk = 0;
	let level = 0;
	const control = dates.map((_, i) => 50 + (walk += random.normal(0, 1)) + 5 * Math.sin((2 * Math.PI * i) / 52));
	const values = control.map((x, i) => {
		const y = level + beta * x + random.normal(0, noise) + (i >= START ? effect : 0);
		level += random.normal(0, step);
		return y;
	});
	return { values, control };
}

const fit = (values: number[], control: number[], log = false) =>
	stateSpaceCounterfactual(
		{ dates, values, controls: [{ name: 'control', values: control }] },
		{ start: dates[START]!, seasonal: null, log }
	);

describe(`state-space counterfactual calibration (${RUNS} seeded runs each)`, () => {
	it('covers the true cumulative (and so average) effect with the 95% interval in 93–97.5% of runs', () => {
		let covered = 0;
		let refused = 0;
		for (let seed = 0; seed < RUNS; seed++) {
			const random = createRandom(seed, 'state-space-coverage');
			const effect = random.uniform(0, 10);
			const { values, control } = syntheticSeries(random, effect);
			const result = fit(values, control);
			if (!result.ok) {
				refused++;
				continue;
			}
			const truth = effect * (POINTS - START);
			const { cumulative, average } = result.summary;
			if (cumulative.absoluteLower <= truth && truth <= cumulative.absoluteUpper) covered++;
			expect(average.absoluteLower * (POINTS - START)).toBeCloseTo(cumulative.absoluteLower, 6);
		}
		const rate = covered / (RUNS - refused);
		console.log(
			`State-space coverage of the 95% interval of the cumulative effect: ${(rate * 100).toFixed(1)}% (${RUNS - refused} runs, ${refused} refused)`
		);
		// A stable control is refused (p < 0.001 for a break) about one run in a thousand.
		expect(refused).toBeLessThanOrEqual(2);
		expect(rate).toBeGreaterThanOrEqual(0.93);
		expect(rate).toBeLessThanOrEqual(0.975);
	});

	it('on effect-free series, flags the placebo (and the estimate) in about 5% of runs', () => {
		let placeboFlags = 0;
		let falseEffects = 0;
		let ran = 0;
		for (let seed = 0; seed < RUNS; seed++) {
			const random = createRandom(seed, 'state-space-null');
			const { values, control } = syntheticSeries(random, 0);
			const result = fit(values, control);
			if (!result.ok) continue;
			ran++;
			const { placebo } = result.diagnostics;
			if (!placebo.ran) throw new Error(placebo.reason);
			if (placebo.flagged) placeboFlags++;
			if (result.summary.p < 0.05) falseEffects++;
		}
		console.log(
			`State-space effect-free runs: placebo flagged ${((placeboFlags / ran) * 100).toFixed(1)}%, cumulative effect p < 0.05 in ${((falseEffects / ran) * 100).toFixed(1)}%`
		);
		expect(ran).toBeGreaterThanOrEqual(RUNS - 2);
		expect(placeboFlags / ran).toBeGreaterThanOrEqual(0.02);
		expect(placeboFlags / ran).toBeLessThanOrEqual(0.08);
		expect(falseEffects / ran).toBeGreaterThanOrEqual(0.02);
		expect(falseEffects / ran).toBeLessThanOrEqual(0.08);
	});

	it('on the log scale, covers a multiplicative effect in 92–98% of runs', () => {
		// log y from the same generator, scaled to a weekly count of about e³ = 20, then ×ratio from
		// the start; the truth is the relative effect ratio − 1. 200 runs: binomial SE 1.5 points.
		const runs = 200;
		let covered = 0;
		let ok = 0;
		for (let seed = 0; seed < runs; seed++) {
			const random = createRandom(seed, 'state-space-log-coverage');
			const ratio = random.uniform(0.8, 1.5);
			const { values, control } = syntheticSeries(random, 0);
			const counts = values.map((z, i) => Math.exp(3 + (z - values[0]!) / 40) * (i >= START ? ratio : 1));
			const result = fit(counts, control, true);
			if (!result.ok) continue;
			ok++;
			const { relativeLower, relativeUpper } = result.summary.cumulative;
			if (relativeLower <= ratio - 1 && ratio - 1 <= relativeUpper) covered++;
		}
		const rate = covered / ok;
		console.log(`State-space coverage on the log scale: ${(rate * 100).toFixed(1)}% (${ok} runs)`);
		expect(ok).toBeGreaterThanOrEqual(runs - 2);
		expect(rate).toBeGreaterThanOrEqual(0.92);
		expect(rate).toBeLessThanOrEqual(0.98);
	});
});
