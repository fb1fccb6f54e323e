/**
 * A program that runs ten weeks a year is compared season with season: its weeks are placed back to
 * back. Counting the trend in weeks then reads a season that starts strong and tails off as a
 * decline carried into the next season, and a campaign season looks far better than it was (the
 * demo's summer reading read +100% where ×1.30 was built in). The clock counts the trend in seasons.
 */
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../demo/random';
import { success, weeklyDates } from '../test-support';
import { interruptedTimeSeries } from './interrupted-time-series';

const WEEKS = 10;
// Registrations front-loaded: 700 in the first week of a season, about 100 in the tenth.
const shape = Array.from({ length: WEEKS }, (_, w) => 100 + 600 * Math.exp(-0.45 * w));

function seasons(count: number, seed: number, lift: number): number[] {
	const random = createRandom(seed, 'season-clock');
	return Array.from({ length: count * WEEKS }, (_, i) => {
		const mean = shape[i % WEEKS]! * (i >= (count - 1) * WEEKS ? lift : 1);
		return Math.max(0, Math.round(random.normal(mean, Math.sqrt(mean) * 2)));
	});
}

const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const clock = (n: number) => Array.from({ length: n }, (_, i) => i - (i % WEEKS));

describe('season-with-season series and the trend clock', () => {
	const dates = weeklyDates(3 * WEEKS);
	const start = dates[2 * WEEKS]!;
	const options = { start, period: WEEKS, harmonics: 2 };

	it('reads no effect as none when the trend counts seasons, where counting weeks reads a rise', () => {
		// 20 seeded draws with no effect. Counting seasons: centred on 0, every interval includes 0.
		// Counting weeks (the old rule): the within-season decline becomes a trend and the campaign
		// season reads about +30% on average (+73% for seed 1) where nothing happened.
		const bySeason: number[] = [];
		const byWeek: number[] = [];
		for (let seed = 1; seed <= 20; seed++) {
			const values = seasons(3, seed, 1);
			const average = success(interruptedTimeSeries({ dates, values, clock: clock(values.length) }, options)).summary
				.average;
			expect(average.relativeLower).toBeLessThan(0);
			expect(average.relativeUpper).toBeGreaterThan(0);
			bySeason.push(average.relative);
			byWeek.push(success(interruptedTimeSeries({ dates, values }, options)).summary.average.relative);
		}
		expect(Math.abs(median(bySeason))).toBeLessThan(0.08);
		expect(median(byWeek)).toBeGreaterThan(0.2);
	});

	it('recovers a ×1.30 season, where counting the trend in weeks overstates it', () => {
		const values = seasons(3, 11, 1.3);
		const bySeason = success(interruptedTimeSeries({ dates, values, clock: clock(values.length) }, options));
		const byWeek = success(interruptedTimeSeries({ dates, values }, options));
		expect(Math.abs(bySeason.summary.average.relative - 0.3)).toBeLessThan(0.1);
		// The weekly clock takes the within-season decline for a trend: the same data read far higher.
		expect(byWeek.summary.average.relative).toBeGreaterThan(bySeason.summary.average.relative + 0.2);
	});

	it('refuses a clock that does not fit the dates', () => {
		expect(() => interruptedTimeSeries({ dates, values: seasons(3, 1, 1), clock: [1, 2] }, options)).toThrow(
			/clock has 2 entries/
		);
		const backwards = clock(3 * WEEKS).reverse();
		expect(() => interruptedTimeSeries({ dates, values: seasons(3, 1, 1), clock: backwards }, options)).toThrow(
			/never decrease/
		);
	});
});
