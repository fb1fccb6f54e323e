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

// prettier-ignore
const airPassengers = [
	112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118, 115, 126, 141, 135, 125, 149, 170, 170, 158, 133, 114, 140,
	145, 150, 178, 163, 172, 178, 199, 199, 184, 162, 146, 166, 171, 180, 193, 181, 183, 218, 230, 242, 209, 191, 172, 194,
	196, 196, 236, 235, 229, 243, 264, 272, 237, 211, 180, 201, 204, 188, 235, 227, 234, 264, 302, 293, 259, 229, 203, 229,
	242, 233, 267, 269, 270, 315, 364, 347, 312, 274, 237, 278, 284, 277, 317, 313, 318, 374, 413, 405, 355, 306, 271, 306,
	315, 301, 356, 348, 355, 422, 465, 467, 404, 347, 305, 336, 340, 318, 362, 348, 363, 435, 491, 505, 404, 359, 310, 337,
	360, 342, 406, 396, 420, 472, 548, 559, 463, 407, 362, 405, 417, 391, 419, 461, 472, 535, 622, 606, 508, 461, 390, 432
];

function sensitivityOf(dates: string[], values: number[], options: ItsOptions) {
	const main = success(interruptedTimeSeries({ dates, values }, options));
	const others = itsAlternatives(main, (changed) =>
		interruptedTimeSeries({ dates, values }, { ...options, ...changed })
	);
	return { main, sensitivity: modelSensitivity(main, others) };
}

describe('model sensitivity', () => {
	it('flags AirPassengers with a fake 1955 start as depending on the model, with both readings', () => {
		expect(airPassengers.reduce((a, b) => a + b)).toBe(40363); // the published series' total
		const { main, sensitivity } = sensitivityOf(monthlyDates(144, 1949, 1), airPassengers, { start: '1955-01-01' });
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
