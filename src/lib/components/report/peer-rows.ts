import type { PeerBenchmark, PeerMeasure } from '$lib/server/analytics/library';
import { formatCount, formatDecimal } from '$lib/format';

/** A median of fewer than three peers, or quartiles of fewer than four, would describe a library or two, not a group. */
export const MEDIAN_PEERS = 3;
export const QUARTILE_PEERS = 4;

/** Where the library sits among its peers on one measure, in words a trustee reads without a chart. */
export function peerStanding(m: PeerMeasure): string {
	if (m.own === null) return 'not reported';
	if (m.peers < MEDIAN_PEERS || m.median === null) return 'not enough data';
	if (m.peers >= QUARTILE_PEERS && m.q1 !== null && m.q3 !== null) {
		if (m.own > m.q3) return 'top quarter';
		if (m.own < m.q1) return 'bottom quarter';
	}
	return m.own >= m.median ? 'above the median' : 'below the median';
}

/** The printed table's rows: measure, the library's figure, peers' median and middle half, peers reporting, standing. */
export function peerTableRows(p: PeerBenchmark): string[][] {
	return p.measures.map((m) => [
		m.label,
		m.own === null ? 'not reported' : formatDecimal(m.own, 2),
		m.peers >= MEDIAN_PEERS ? formatDecimal(m.median, 2) : 'not enough data',
		m.peers >= QUARTILE_PEERS ? `${formatDecimal(m.q1, 2)} to ${formatDecimal(m.q3, 2)}` : 'not enough data',
		formatCount(m.peers),
		peerStanding(m)
	]);
}
