import { z } from 'zod';
import { IsoDate } from './dates';
import { LITERACY_METRICS, PERIODS, USAGE_METRICS } from './vocabulary';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

export interface MonthColumnGroup {
	label: string;
	columns: { header: string; month: string }[];
}

/**
 * Columns whose headers end in a month and year ("Total Number Of Physical Events - April 2023"), grouped
 * by the rest of the header, for files with one column per month. Groups of fewer than three are ignored.
 */
export function monthColumnGroups(header: readonly string[]): MonthColumnGroup[] {
	const groups = new Map<string, MonthColumnGroup>();
	for (const cell of header) {
		const match = /^(.*?)[\s\-–:]+([A-Za-z]{3,9})\.?\s+(\d{4})(.*)$/.exec(cell.trim());
		const month = match ? MONTHS.indexOf(match[2]!.slice(0, 3).toLowerCase()) : -1;
		if (!match || month < 0) continue;
		const label = `${match[1]!.trim()}${match[4] ? ` (${match[4].replace(/^[_\s]+/, '')})` : ''}`;
		const group = groups.get(label) ?? { label, columns: [] };
		group.columns.push({
			header: cell.trim().replace(/\s+/g, ' ').toLowerCase(),
			month: `${match[3]}-${String(month + 1).padStart(2, '0')}-01`
		});
		groups.set(label, group);
	}
	return [...groups.values()].filter((g) => g.columns.length >= 3);
}

/** What a person can map an unrecognised spreadsheet to, and the fields each needs. */
export interface MappingField {
	key: string;
	label: string;
	kind: 'text' | 'date' | 'time' | 'count' | 'metric';
	required?: boolean;
	/** header words that suggest this field */
	hints: readonly string[];
}

/** A target with its id as a literal type, so the list of ids is read off MAPPING_TARGETS, never written again. */
const target = <const Id extends string>(definition: {
	id: Id;
	label: string;
	fields: readonly MappingField[];
	/** the metric names a `metric` field may hold */
	metrics: readonly string[];
}) => definition;

export const MAPPING_TARGETS = [
	target({
		id: 'programs',
		label: 'Programs and attendance (one row per program)',
		fields: [
			{
				key: 'title',
				label: 'Program title',
				kind: 'text',
				required: true,
				hints: ['title', 'name', 'event', 'program']
			},
			{ key: 'date', label: 'Date', kind: 'date', required: true, hints: ['date', 'start date', 'event date', 'day'] },
			{ key: 'time', label: 'Start time', kind: 'time', hints: ['start time', 'time', 'start', 'begins'] },
			{ key: 'branch', label: 'Branch', kind: 'text', hints: ['branch', 'library', 'location', 'campus'] },
			{ key: 'category', label: 'Category', kind: 'text', hints: ['category', 'type', 'event type'] },
			{ key: 'audience', label: 'Audience', kind: 'text', hints: ['audience', 'age group', 'age'] },
			{
				key: 'attendance',
				label: 'Attendance',
				kind: 'count',
				required: true,
				hints: ['attendance', 'attendees', 'attended', 'headcount', 'total attendance']
			},
			{ key: 'registrations', label: 'Registrations', kind: 'count', hints: ['registrations', 'registered'] },
			{ key: 'id', label: 'Event ID (optional)', kind: 'text', hints: ['event id', 'id'] }
		],
		metrics: []
	}),
	target({
		id: 'usage',
		label: 'Usage counts, one row per branch, period and metric',
		fields: [
			{
				key: 'date',
				label: 'Period start (date or month)',
				kind: 'date',
				required: true,
				hints: ['date', 'month', 'period', 'week']
			},
			{ key: 'branch', label: 'Branch', kind: 'text', hints: ['branch', 'library', 'location', 'library name'] },
			{ key: 'metric', label: 'Metric name', kind: 'metric', required: true, hints: ['metric', 'measure', 'type'] },
			{ key: 'value', label: 'Count', kind: 'count', required: true, hints: ['value', 'count', 'total'] }
		],
		metrics: USAGE_METRICS
	}),
	target({
		id: 'usage_wide',
		label: 'Usage counts, one column per metric',
		fields: [
			{
				key: 'date',
				label: 'Period start (date or month)',
				kind: 'date',
				required: true,
				hints: ['date', 'month', 'period', 'week']
			},
			{
				key: 'branch',
				label: 'Branch',
				kind: 'text',
				hints: ['branch', 'library', 'location', 'library name', 'library details']
			},
			...USAGE_METRICS.map((metric) => ({
				key: metric,
				label: metric.replaceAll('_', ' '),
				kind: 'count' as const,
				hints: [
					metric.replaceAll('_', ' '),
					metric === 'circulation' ? 'checkouts' : metric,
					metric === 'visits' ? 'visitors' : metric,
					metric === 'new_cards' ? 'new members' : metric
				]
			}))
		],
		metrics: USAGE_METRICS
	}),
	target({
		id: 'usage_months',
		label: 'Usage counts, one row per branch and one column per month',
		fields: [
			{
				key: 'branch',
				label: 'Branch (or library service)',
				kind: 'text',
				required: true,
				hints: ['branch', 'library', 'library details', 'library name', 'service']
			}
		],
		metrics: USAGE_METRICS
	}),
	target({
		id: 'literacy',
		label: 'Summer reading and literacy figures',
		fields: [
			{ key: 'date', label: 'Period start (date)', kind: 'date', required: true, hints: ['date', 'week', 'period'] },
			{ key: 'branch', label: 'Branch', kind: 'text', hints: ['branch', 'library', 'location'] },
			{ key: 'program', label: 'Program', kind: 'text', hints: ['program', 'challenge'] },
			{ key: 'age_group', label: 'Age group', kind: 'text', hints: ['age group', 'level', 'program level', 'age'] },
			{ key: 'metric', label: 'Metric name', kind: 'metric', required: true, hints: ['metric', 'measure'] },
			{ key: 'value', label: 'Count', kind: 'count', required: true, hints: ['value', 'count', 'total'] }
		],
		metrics: LITERACY_METRICS
	})
] as const;

export type MappingTarget = (typeof MAPPING_TARGETS)[number];
export const MappingTargetId = z.enum(MAPPING_TARGETS.map((t) => t.id));
export type MappingTargetId = MappingTarget['id'];

export function mappingTarget(id: MappingTargetId): MappingTarget {
	return MAPPING_TARGETS.find((t) => t.id === id)!;
}

/** A saved or proposed mapping: which header cell (normalised) feeds each field. */
export const ColumnMapping = z.object({
	name: z.string().trim().min(1, 'give the mapping a name').max(80),
	target: MappingTargetId,
	/** usage_months: the metric every chosen column counts, and which column is which month */
	metric: z.enum(USAGE_METRICS).optional(),
	monthColumns: z
		.array(
			z.object({
				header: z.string(),
				month: IsoDate.refine((date) => date.endsWith('-01'), 'must be the first of a month')
			})
		)
		.max(120)
		.default([]),
	/** normalised sheet name, for workbooks */
	sheet: z.string().max(120).nullable().default(null),
	/** line of the header, 0-based */
	headerLine: z.number().int().min(0).max(50),
	columns: z.record(z.string(), z.string().max(500)),
	period: z.enum(PERIODS).default('month'),
	/** the header cells of the file, normalised: the next file with the same cells uses this mapping */
	header: z.array(z.string()).max(2000)
});
export type ColumnMapping = z.infer<typeof ColumnMapping>;
