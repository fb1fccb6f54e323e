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
	kind: 'text' | 'date' | 'year' | 'month' | 'time' | 'count' | 'metric';
	/** a column must be chosen for it (or, when `or` is given, one for each of those fields instead) */
	required?: boolean;
	/** fields whose columns together stand in for this one: a year and a month column for a date */
	or?: readonly string[];
	/** blank cells mean "not recorded" and are stored as unknown, not refused (attendance left blank) */
	blankIsUnknown?: boolean;
	/** a few words shown under the field */
	note?: string;
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

/** A period start given as a date, or as a year column and a month column (open-data program statistics). */
const periodFields = (date: MappingField): MappingField[] => [
	{ ...date, or: ['year', 'month'] },
	{
		key: 'year',
		label: 'Year',
		kind: 'year',
		note: 'with Month, instead of a date',
		hints: ['year', 'event year', 'yr']
	},
	{
		key: 'month',
		label: 'Month',
		kind: 'month',
		note: '1–12 or a name, with Year',
		hints: ['month', 'event month', 'month name']
	}
];

export const MAPPING_TARGETS = [
	target({
		id: 'programs',
		label: 'Programs and attendance (one row per program, or per month and kind of program)',
		fields: [
			{
				key: 'title',
				label: 'Program title',
				kind: 'text',
				note: 'without one, its category and audience name each row',
				hints: ['title', 'name', 'event name', 'program name', 'event', 'program']
			},
			...periodFields({
				key: 'date',
				label: 'Date',
				kind: 'date',
				required: true,
				hints: ['date', 'start date', 'event date', 'day']
			}),
			{ key: 'time', label: 'Start time', kind: 'time', hints: ['start time', 'time', 'start', 'begins'] },
			{
				key: 'branch',
				label: 'Branch',
				kind: 'text',
				hints: ['branch', 'library', 'location', 'campus', 'library name', 'branch name']
			},
			{
				key: 'category',
				label: 'Category',
				kind: 'text',
				note: 'several, comma-separated, are kept as a list',
				hints: ['category', 'categories', 'type', 'event type', 'program type']
			},
			{
				key: 'audience',
				label: 'Audience',
				kind: 'text',
				note: 'several, comma-separated, are kept as a list',
				hints: ['audience', 'audiences', 'age group', 'age groups', 'age']
			},
			{
				key: 'attendance',
				label: 'Attendance',
				kind: 'count',
				required: true,
				blankIsUnknown: true,
				note: 'a blank cell is stored as not recorded',
				hints: ['attendance', 'attendees', 'attended', 'headcount', 'total attendance']
			},
			{
				key: 'registrations',
				label: 'Registrations',
				kind: 'count',
				blankIsUnknown: true,
				hints: ['registrations', 'registered']
			},
			{ key: 'id', label: 'Event ID (optional)', kind: 'text', hints: ['event id', 'id'] }
		],
		metrics: []
	}),
	target({
		id: 'usage',
		label: 'Usage counts, one row per branch, period and metric',
		fields: [
			...periodFields({
				key: 'date',
				label: 'Period start',
				kind: 'date',
				note: 'a date, or a month such as 2026-01',
				required: true,
				hints: ['date', 'month', 'period', 'week']
			}),
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
			...periodFields({
				key: 'date',
				label: 'Period start',
				kind: 'date',
				note: 'a date, or a month such as 2026-01',
				required: true,
				hints: ['date', 'month', 'period', 'week']
			}),
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
			...periodFields({
				key: 'date',
				label: 'Period start',
				kind: 'date',
				required: true,
				hints: ['date', 'week', 'period']
			}),
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

/**
 * Branch cells that mean the whole library system. Open-data program statistics carry such rows beside
 * the branches' own; stored with them, every total would count those programs twice.
 */
export const SYSTEM_ROWS = ['All Locations', 'All Branches', 'All Libraries', 'Systemwide', 'System-wide', 'Total'];
/** Branch cells that name a place that is not a branch: programs held online or away from any branch. */
export const NOT_BRANCHES = ['Virtual', 'Online', 'Zoom', 'Service Center', 'Outreach', 'Offsite'];
const PlaceNames = z.array(z.string().trim().min(1).max(80)).max(50);
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
	header: z.array(z.string()).max(2000),
	/** programs: branch cells that stand for the whole system, whose rows are left out so nothing counts twice (default SYSTEM_ROWS) */
	systemRows: PlaceNames.optional(),
	/** programs: branch cells that name a place that is no branch (online, a service centre), kept with no branch (default NOT_BRANCHES) */
	notBranches: PlaceNames.optional()
});
export type ColumnMapping = z.infer<typeof ColumnMapping>;

/** The label a form shows for a field: "Attendance (required)", "Date (required, or Year and Month)". */
export function fieldLabel(field: MappingField, target: MappingTarget): string {
	if (!field.required) return field.label;
	const labelOf = (key: string) => target.fields.find((f) => f.key === key)?.label ?? key;
	return `${field.label} (required${field.or ? `, or ${field.or.map(labelOf).join(' and ')}` : ''})`;
}

/**
 * What keeps a mapping from being used, in a sentence for the person who chose its columns, or null:
 * a required field with no column, a date given twice or half (a year with no month), a column for a
 * field the target does not have, or no month columns for a file with one column per month.
 */
export function mappingProblem(mapping: Pick<ColumnMapping, 'target' | 'columns' | 'monthColumns'>): string | null {
	const target = mappingTarget(mapping.target);
	const labelOf = (key: string) => target.fields.find((f) => f.key === key)?.label ?? key;
	const chosen = (key: string) => Boolean(mapping.columns[key]);
	const unknown = Object.keys(mapping.columns).filter((key) => !target.fields.some((f) => f.key === key));
	if (unknown.length > 0)
		return `${target.label} has no field ${unknown.map((key) => `"${key}"`).join(', ')}; its fields are ${target.fields.map((f) => f.key).join(', ')}.`;
	const missing = target.fields.filter((f) => f.required && !chosen(f.key) && !(f.or ?? []).some(chosen));
	if (missing.length > 0)
		return `Choose a column for: ${missing.map((f) => (f.or ? `${f.label} (or ${f.or.map(labelOf).join(' and ')})` : f.label)).join(', ')}.`;
	for (const field of target.fields.filter((f) => f.or)) {
		const partners = field.or!.filter(chosen);
		if (chosen(field.key) && partners.length > 0)
			return `Choose a ${field.label} column or ${field.or!.map(labelOf).join(' and ')} columns, not both.`;
		const lacking = field.or!.filter((key) => !chosen(key));
		if (partners.length > 0 && lacking.length > 0)
			return `A ${partners.map(labelOf).join(' and ')} column needs a ${lacking.map(labelOf).join(' and ')} column beside it.`;
	}
	if (mapping.target === 'usage_months' && mapping.monthColumns.length === 0)
		return 'Choose which group of month columns to read.';
	return null;
}

/**
 * A mapping as people write it for `lantern mappings save FILE.json`: columns by their headers as the
 * file writes them; the header row defaults to the first, and the file's header to the mapped columns
 * (a file is then recognised by those). Unknown keys are refused, so a misspelt one is not ignored.
 */
export const MappingDescription = z.strictObject({
	...ColumnMapping.shape,
	headerLine: ColumnMapping.shape.headerLine.default(0),
	header: ColumnMapping.shape.header.optional()
});
export type MappingDescription = z.infer<typeof MappingDescription>;
