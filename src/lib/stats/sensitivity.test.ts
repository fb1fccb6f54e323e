/**
 * Model sensitivity (issue 15, item 3): AirPassengers (R's `datasets::AirPassengers`, monthly
 * international airline passengers in thousands, 1949–1960) has no campaign in 1955, yet a level
 * change alone reads +7% (+3% to +12%) there and a level and trend change −7% (−12% to −1%). A
 * clean simulated effect must read the same under every specification.
 */
import { describe, expect, it } from 'vitest';
import { createRandom } from '../demo/random';
import { interruptedTimeSeries, type ItsOptions } from './its';
import type { StateSpaceResult } from './state-space';
import { itsAlternatives, modelSensitivity } from './sensitivity';
import { monthlyDates, success } from './test-support';
import { AIR_PASSENGERS } from './public-series';

function sensitivityOf(dates: string[], values: number[], options: ItsOptions) {
	const main = success(interruptedTimeSeries({ dates, values }, options));
	const others = itsAlternatives(main, (changed) =>
		interruptedTimeSeries({ dates, values }, { ...options, ...changed })
	);
	return { main, sensitivity: modelSensitivity(main, others) };
}

describe('model sensitivity', () => {
	it('flags AirPassengers with a fake 1955 start as depending on the model, with both readings', () => {
		expect(AIR_PASSENGERS.reduce((a, b) => a + b)).toBe(40363); // the published series' total
		const { main, sensitivity } = sensitivityOf(monthlyDates(144, 1949, 1), AIR_PASSENGERS, { start: '1955-01-01' });
		expect(main.summary.average.relative).toBeCloseTo(0.072, 3);
		expect(sensitivity?.dependsOnModel).toBe(true);
		const labels = sensitivity!.alternatives.map((a) => a.label);
		expect(labels).toEqual([
			'A level change, 2 seasonal pairs (the estimate above)',
			'A level and trend change, 2 seasonal pairs',
			'A level change, 1 seasonal pair',
			'A level change, 3 seasonal pairs'
		]);
		expect(sensitivity!.alternatives[1]!.estimate).toBeCloseTo(-0.068, 3);
		expect(sensitivity!.sentences[0]).toBe(
			"This result depends on the model: with a level change and 2 seasonal pairs it reads +7% (+3% to +12%), with a level and trend change and 2 seasonal pairs −7% (−12% to −1%); both cannot be right, so no single figure here is the campaign's effect (the models are compared side by side)."
		);
	});

	it('does not flag a clean simulated effect, which every specification recovers', () => {
		// Four years of monthly counts around 200 with a yearly swing and a gentle trend, ×1.3 from month 37.
		const random = createRandom(15, 'sensitivity-clean');
		const dates = monthlyDates(48);
		const values = dates.map((_, t) =>
			random.poisson(200 * Math.exp(0.004 * t + 0.2 * Math.sin((2 * Math.PI * t) / 12)) * (t >= 36 ? 1.3 : 1))
		);
		const { main, sensitivity } = sensitivityOf(dates, values, { start: dates[36]! });
		expect(main.summary.average.relativeLower).toBeLessThan(0.3);
		expect(main.summary.average.relativeUpper).toBeGreaterThan(0.3);
		expect(sensitivity!.alternatives.length).toBe(4);
		expect(sensitivity!.dependsOnModel).toBe(false);
		expect(sensitivity!.sentences).toEqual([]);
	});

	it('says in one sentence what to believe when the cross-check is too uncertain to confirm the estimate', () => {
		const dates = monthlyDates(48);
		const random = createRandom(15, 'sensitivity-clean');
		const values = dates.map((_, t) =>
			random.poisson(200 * Math.exp(0.004 * t + 0.2 * Math.sin((2 * Math.PI * t) / 12)) * (t >= 36 ? 1.3 : 1))
		);
		const main = success(interruptedTimeSeries({ dates, values }, { start: dates[36]! }));
		// The demo's Eastside storytime cross-check as it read under log(y + 1): +21% (−41% to +204%).
		const wide = {
			ok: true,
			summary: { average: { relative: 0.21, relativeLower: -0.41, relativeUpper: 2.04 }, p: 0.52 }
		} as unknown as StateSpaceResult;
		const sensitivity = modelSensitivity(main, [], { result: wide, against: 'Central' })!;
		expect(sensitivity.dependsOnModel).toBe(false);
		expect(sensitivity.alternatives.at(-1)!.label).toBe('Cross-check against Central');
		expect(sensitivity.sentences).toHaveLength(1);
		expect(sensitivity.sentences[0]).toMatch(
			/^The cross-check reads \+21% \(−41% to \+204%\): too uncertain to confirm this estimate but not against it, since its interval includes \+\d+%; believe the direction of the estimate above/
		);
	});
});
