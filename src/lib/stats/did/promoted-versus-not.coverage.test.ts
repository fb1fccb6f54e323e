/**
 * Calibration of the promoted-versus-not estimate on simulated programs: how often its 95% interval
 * covers the true ratio, and how often it finds an effect where there is none.
 */
import { describe, expect, it } from 'vitest';
import { createRandom, type Random } from '../../demo/random';
import { success } from '../test-support';
import { promotedVersusNot } from './promoted-versus-not';
import type { ProgramSession } from './types';

const START = '2024-03-04';
const START_DAY = Date.parse(`${START}T00:00:00Z`) / 86_400_000;
const dateOf = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

/**
 * Four groups of six programs, three promoted in each; twelve weeks before and eight after; each
 * group has its own level and week-to-week shocks (shared by both arms), each program its own
 * level; Poisson attendance around 15 a session. Promotion multiplies the promoted programs'
 * attendance after the start by `ratio`.
 */
function simulated(random: Random, ratio: number): ProgramSession[] {
	const sessions: ProgramSession[] = [];
	for (let g = 0; g < 4; g++) {
		const groupLevel = random.logNormal(15, 0.4);
		const shocks = Array.from({ length: 20 }, () => Math.exp(random.normal(0, 0.1)));
		for (let p = 0; p < 6; p++) {
			const promoted = p < 3;
			const level = groupLevel * random.logNormal(1, 0.3);
			for (let week = -12; week < 8; week++) {
				const after = week >= 0;
				const mean = level * shocks[week + 12]! * (promoted && after ? ratio : 1);
				// Programs meet on different weekdays, so a week's bucket mixes days as real calendars do.
				sessions.push({
					programId: `G${g}-P${p}`,
					group: `G${g}`,
					date: dateOf(START_DAY + 7 * week + (p % 5)),
					attendance: random.poisson(mean),
					promoted: promoted && after
				});
			}
		}
	}
	return sessions;
}

describe('promoted versus not: calibration (300 seeded datasets each)', () => {
	const RUNS = 300;

	it('covers the true ratio of 1.4 with the 95% interval in 90–99% of datasets', () => {
		let covered = 0;
		const started = performance.now();
		for (let seed = 0; seed < RUNS; seed++) {
			const result = success(
				promotedVersusNot(simulated(createRandom(seed, 'did-coverage'), 1.4), { promotionStart: START, seed })
			);
			if (result.estimate.lower <= 1.4 && 1.4 <= result.estimate.upper) covered++;
		}
		console.log(
			`DiD coverage of the 95% interval: ${((covered / RUNS) * 100).toFixed(1)}% (${((performance.now() - started) / 1000).toFixed(1)} s)`
		);
		expect(covered / RUNS).toBeGreaterThanOrEqual(0.9);
		expect(covered / RUNS).toBeLessThanOrEqual(0.99);
	});

	it('with no effect, p < 0.05 in 1–10% of datasets', () => {
		let significant = 0;
		let flagged = 0;
		for (let seed = 0; seed < RUNS; seed++) {
			const result = success(
				promotedVersusNot(simulated(createRandom(seed, 'did-null'), 1), { promotionStart: START, seed })
			);
			if (result.estimate.p < 0.05) significant++;
			if (result.preTrend.flagged) flagged++;
		}
		console.log(
			`DiD effect-free datasets: p < 0.05 in ${((significant / RUNS) * 100).toFixed(1)}%, pre-trend flagged in ${((flagged / RUNS) * 100).toFixed(1)}%`
		);
		expect(significant / RUNS).toBeGreaterThanOrEqual(0.01);
		expect(significant / RUNS).toBeLessThanOrEqual(0.1);
		// Parallel by construction, so the 10% pre-trend check should fire about 10% of the time.
		expect(flagged / RUNS).toBeGreaterThanOrEqual(0.04);
		expect(flagged / RUNS).toBeLessThanOrEqual(0.16);
	});
});
