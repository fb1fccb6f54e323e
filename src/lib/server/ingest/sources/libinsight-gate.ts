import { defineSource } from '../source';

/**
 * Springshare LibInsight gate-count import: `date,gate_start,gate_end` (docs/export-formats.md, "LibInsight"). Each
 * row's visits are the counter's rise over the period; a counter that passed its maximum rolled over
 * to 0 (its maximum is taken as 10^digits − 1 of the start reading); a manual dataset has only
 * gate_start, the count itself. Bidirectional counters count every visitor twice (the setting halves them).
 * Hourly rows are summed into days. An optional branch (or library) column says which entrance.
 */
export const libinsightGateCounts = defineSource({
	id: 'libinsight-gate-counts',
	label: 'LibInsight gate counts',
	description:
		'The LibInsight gate-count CSV (date,gate_start,gate_end), daily or hourly, with an optional branch column; loaded as daily visits.',
	target: 'usage_records',
	anchors: ['date', 'gate_start'],
	fields: {
		date: {
			headers: ['date'],
			type: { kind: 'timestamp', formats: ['%Y-%m-%d %H:%M', '%Y-%m-%d', '%Y-%m-%d %H:%M:%S'], zone: 'in-value' },
			required: true
		},
		start: { headers: ['gate_start'], type: { kind: 'count' }, required: true },
		end: { headers: ['gate_end'], type: { kind: 'count' } },
		branch: { headers: ['branch', 'library', 'location'], type: { kind: 'text', oneLine: true } }
	},
	sumColumns: ['value'],
	load: (n, { gateCountsBidirectional }) => {
		const rise = `CASE WHEN ${n.end} IS NULL THEN ${n.start} WHEN ${n.end} >= ${n.start} THEN ${n.end} - ${n.start}
			ELSE (CAST(pow(10, length(CAST(${n.start} AS VARCHAR))) AS BIGINT) - 1 - ${n.start}) + ${n.end} + 1 END`;
		return {
			branch: `coalesce(${n.branch}, 'All branches')`,
			// The zone-less date is a calendar day: its date part, read without any zone. (Read "AT TIME ZONE
			// 'UTC'" first, the cast to DATE went through the server's zone, and west of UTC every day moved back one.)
			period_start: `CAST(${n.date} AS DATE)`,
			period: `'day'`,
			metric: `'visits'`,
			value: gateCountsBidirectional ? `${rise} / 2.0` : rise
		};
	}
});
