import { USAGE_METRICS, LITERACY_METRICS, PERIODS } from '../../../domain/vocabulary';
import { defineSource } from '../source';

const periodStart = {
	headers: ['period_start', 'period start', 'date', 'month', 'week'],
	type: { kind: 'date', formats: ['%Y-%m-%d', '%Y-%m', '%m/%d/%Y'] },
	required: true
} as const;
const period = { headers: ['period'], type: { kind: 'enum', values: PERIODS } } as const;
const branch = {
	headers: ['branch', 'library', 'location'],
	type: { kind: 'text', oneLine: true },
	required: true
} as const;
const value = { headers: ['value', 'count'], type: { kind: 'decimal', min: 0 }, required: true } as const;

/** Lantern's long usage template: one count per branch, period and metric (README, "Usage template"). */
export const usageTemplate = defineSource({
	id: 'lantern-usage',
	label: 'Library usage (Lantern template)',
	description: `Counts per branch and period: period_start,period,branch,metric,value with metric one of ${USAGE_METRICS.join(', ')}.`,
	target: 'usage_records',
	anchors: ['branch', 'metric', 'value'],
	fields: {
		periodStart,
		period,
		branch,
		metric: { headers: ['metric'], type: { kind: 'enum', values: USAGE_METRICS }, required: true },
		value
	},
	load: (n) => ({
		branch: n.branch,
		period_start: n.periodStart,
		period: `coalesce(${n.period}, 'month')`,
		metric: n.metric,
		value: n.value
	})
});

/** Lantern's literacy template: summer reading and similar program figures by age group. */
export const literacyTemplate = defineSource({
	id: 'lantern-literacy',
	label: 'Summer reading and literacy (Lantern template)',
	description: `Program figures by branch, period and age group: period_start,period,branch,program,age_group,metric,value with metric one of ${LITERACY_METRICS.join(', ')}.`,
	target: 'literacy_records',
	anchors: ['branch', 'age_group', 'metric', 'value'],
	fields: {
		periodStart,
		period,
		branch,
		program: { headers: ['program'], type: { kind: 'text', oneLine: true } },
		ageGroup: { headers: ['age_group', 'age group'], type: { kind: 'text' } },
		metric: { headers: ['metric'], type: { kind: 'enum', values: LITERACY_METRICS }, required: true },
		value
	},
	load: (n) => ({
		branch: n.branch,
		period_start: n.periodStart,
		period: `coalesce(${n.period}, 'week')`,
		program: n.program,
		age_group: n.ageGroup,
		metric: n.metric,
		value: n.value
	})
});
