import { describe, expect, it } from 'vitest';
import type { PeerMeasure } from '$lib/server/analytics/library';
import { peerStanding, peerTableRows } from './peer-rows';

const measure = (over: Partial<PeerMeasure>): PeerMeasure => ({
	measure: 'visits',
	label: 'Visits per person',
	own: 5,
	median: 4,
	q1: 3,
	q3: 6,
	peers: 10,
	...over
});

describe('the peer comparison in words', () => {
	it('places the library by the peers’ quartiles and median', () => {
		expect(peerStanding(measure({ own: 7 }))).toBe('top quarter');
		expect(peerStanding(measure({ own: 2 }))).toBe('bottom quarter');
		expect(peerStanding(measure({ own: 5 }))).toBe('above the median');
		expect(peerStanding(measure({ own: 3.5 }))).toBe('below the median');
	});

	it('says "not enough data" rather than a median of one or two peers, and never invents the library’s figure', () => {
		expect(peerStanding(measure({ peers: 2 }))).toBe('not enough data');
		expect(peerStanding(measure({ own: null }))).toBe('not reported');
		const [row] = peerTableRows({
			fiscalYear: 2024,
			library: 'Here',
			state: 'IL',
			population: 1000,
			peerRule: 'x',
			peerNames: ['A', 'B', 'C'],
			measures: [measure({ peers: 3, own: 1.234 })]
		});
		expect(row).toEqual(['Visits per person', '1.23', '4.00', 'not enough data', '3', 'below the median']);
	});
});
