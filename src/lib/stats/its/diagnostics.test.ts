import { describe, expect, it } from 'vitest';
import { createRandom } from '../../demo/random';
import { expectClose, weeklyDates } from '../test-support';
import { durbinWatson, ljungBox, ljungBoxLags } from './diagnostics';
import { interruptedTimeSeries } from './interrupted-time-series';

describe('residual autocorrelation', () => {
	it('computes Durbin-Watson and Ljung-Box by hand on an alternating series', () => {
		const e = [1, -1, 1, -1];
		// Σ(eₜ − eₜ₋₁)² = 3·4 = 12 over Σe² = 4.
		expect(durbinWatson(e)).toBe(3);
		// r₁ = −3/4; Q = n(n+2)·r₁²/(n − 1) = 4·6·(9/16)/3 = 4.5; SciPy: stats.chi2.sf(4.5, 1) = 0.033894853524689295.
		const test = ljungBox(e, 1);
		expectClose(test.statistic, 4.5, 1e-14);
		expectClose(test.p, 0.033894853524689295, 1e-12);
		expect(ljungBoxLags(48)).toBe(9);
		expect(ljungBoxLags(260)).toBe(10);
	});
});

describe('diagnostics of an estimate', () => {
	const dates = weeklyDates(104);
	const series = (
		seed: number,
		draw: (mean: number, random: ReturnType<typeof createRandom>) => number,
		shift: (i: number) => number = (i) => (i >= 78 ? 1.2 : 1)
	) => {
		const random = createRandom(seed, 'diagnostics');
		return dates.map((_, i) => draw(80 * shift(i), random));
	};

	it('flags overdispersed counts, and not Poisson ones', () => {
		const poisson = interruptedTimeSeries(
			{ dates, values: series(1, (m, r) => r.poisson(m)) },
			{ start: dates[78]!, harmonics: 0 }
		);
		const spread = interruptedTimeSeries(
			{ dates, values: series(1, (m, r) => r.overdispersed(m, 5)) },
			{ start: dates[78]!, harmonics: 0 }
		);
		expect(poisson.ok && poisson.diagnostics.overdispersion?.flagged).toBe(false);
		expect(spread.ok && spread.diagnostics.overdispersion?.flagged).toBe(true);
		expect(spread.ok && spread.dispersion).toBeGreaterThan(5);
		const plainPoisson = interruptedTimeSeries(
			{ dates, values: series(1, (m, r) => r.overdispersed(m, 5)) },
			{ start: dates[78]!, harmonics: 0, family: 'poisson' }
		);
		expect(plainPoisson.warnings).toContain(
			'The counts vary more than a Poisson model allows, so its intervals are too narrow; use the quasi-Poisson family.'
		);
	});

	it('flags autocorrelated residuals', () => {
		const random = createRandom(7, 'ar');
		let carried = 0;
		const values = dates.map(() => (carried = 0.8 * carried + random.normal(0, 1)) + 50);
		const result = interruptedTimeSeries({ dates, values }, { start: dates[78]!, harmonics: 0 });
		expect(result.ok && result.diagnostics.autocorrelation.flagged).toBe(true);
		expect(result.ok && result.diagnostics.autocorrelation.durbinWatson).toBeLessThan(1);
	});

	it('runs a placebo at the pre-period midpoint and flags a change that happened there', () => {
		const clean = interruptedTimeSeries(
			{ dates, values: series(3, (m, r) => r.poisson(m)) },
			{ start: dates[78]!, harmonics: 0 }
		);
		expect(clean.ok && clean.diagnostics.placebo).toMatchObject({ ran: true, start: dates[39], flagged: false });
		const earlier = series(
			3,
			(m, r) => r.poisson(m),
			(i) => (i >= 39 ? 1.5 : 1)
		);
		const flagged = interruptedTimeSeries({ dates, values: earlier }, { start: dates[78]!, harmonics: 0 });
		expect(flagged.ok && flagged.diagnostics.placebo).toMatchObject({ ran: true, flagged: true });
		expect(flagged.warnings.some((w) => w.startsWith('The placebo run found a "campaign effect" at'))).toBe(true);
	});

	it('explains when the pre-period is too short for a placebo', () => {
		const short = weeklyDates(24);
		const result = interruptedTimeSeries(
			{ dates: short, values: short.map((_, i) => 20 + (i % 3)) },
			{ start: short[12]! }
		);
		expect(result.ok && result.diagnostics.placebo).toEqual({
			ran: false,
			reason:
				'the pre-period is too short for a placebo run at its midpoint: only 6 points before the start; at least 8 are needed to learn the level and trend without the campaign.'
		});
	});
});
