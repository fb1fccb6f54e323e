import { defineSource } from '../source';

const yes = (cell: string) =>
	`coalesce(lower(${cell}) IN ('yes', 'y', 'true', '1', 'completed', 'complete', 'x'), false)`;

/**
 * A reader-level summer reading export (Beanstack, READsquared or a spreadsheet: one row per
 * reader; docs/export-formats.md, "Summer reading"). It is aggregated on import: registrations by branch, program, age
 * group and week; completions, minutes and books for the season. Names, contacts, birth dates and
 * card numbers are never read, so never stored; the import report lists them as dropped.
 */
export const readerLevelSummerReading = defineSource({
	id: 'reader-level-summer-reading',
	label: 'Summer reading, one row per reader (aggregated on import)',
	description:
		'A reader-level export from Beanstack, READsquared or a spreadsheet. Lantern keeps only counts by branch, program, age group and week; personal columns are dropped.',
	target: 'literacy_records',
	anchors: ['age group', 'registered on'],
	fields: {
		branch: { headers: ['branch', 'library', 'home library'], type: { kind: 'text', oneLine: true } },
		program: { headers: ['program', 'challenge', 'program name'], type: { kind: 'text', oneLine: true } },
		ageGroup: { headers: ['age group', 'program level', 'grade'], type: { kind: 'text' } },
		registered: {
			headers: ['registered on', 'registration date', 'registered'],
			type: { kind: 'date', formats: ['%Y-%m-%d', '%m/%d/%Y', '%Y-%m-%d %H:%M:%S'] },
			required: true
		},
		minutes: { headers: ['minutes read', 'minutes logged', 'minutes'], type: { kind: 'count' } },
		books: { headers: ['books read', 'books logged', 'books'], type: { kind: 'count' } },
		completed: { headers: ['completed', 'finished', 'completion'], type: { kind: 'text' } }
	},
	rows: (n) => `[
		{'metric': 'registrations', 'period': 'week', 'start': CAST(date_trunc('week', ${n.registered}) AS DATE), 'value': 1.0},
		{'metric': 'completions', 'period': 'year', 'start': CAST(date_trunc('year', ${n.registered}) AS DATE), 'value': CAST(${yes(n.completed)} AS DOUBLE)},
		{'metric': 'minutes_logged', 'period': 'year', 'start': CAST(date_trunc('year', ${n.registered}) AS DATE), 'value': CAST(coalesce(${n.minutes}, 0) AS DOUBLE)},
		{'metric': 'books_logged', 'period': 'year', 'start': CAST(date_trunc('year', ${n.registered}) AS DATE), 'value': CAST(coalesce(${n.books}, 0) AS DOUBLE)}
	]`,
	sumColumns: ['value'],
	load: (n) => ({
		branch: `coalesce(${n.branch}, 'All branches')`,
		period_start: 'u.item.start',
		period: 'u.item.period',
		program: n.program,
		age_group: n.ageGroup,
		metric: 'u.item.metric',
		value: 'u.item.value'
	})
});

/**
 * LibCal's registrations export: one row per registrant per event. Aggregated on import into one
 * program per event with its registrations and attendance; registrants' details are dropped.
 */
export const libcalRegistrants = defineSource({
	id: 'libcal-registrants',
	label: 'LibCal registrations (aggregated per event on import)',
	description:
		"LibCal's registrant-level export. Lantern keeps each event's registration and attendance counts only; names and contact details are dropped.",
	target: 'program_records',
	anchors: ['event id', 'registration id'],
	fields: {
		eventId: { headers: ['event id'], type: { kind: 'id' }, required: true },
		title: { headers: ['event title', 'title'], type: { kind: 'text' } },
		date: {
			headers: ['start date', 'date'],
			type: { kind: 'date', formats: ['%Y-%m-%d', '%m/%d/%Y'] },
			required: true
		},
		branch: { headers: ['campus', 'library', 'branch'], type: { kind: 'text', oneLine: true } },
		registrationType: { headers: ['registration type'], type: { kind: 'text' } },
		attendance: { headers: ['attendance', 'attended'], type: { kind: 'text' } }
	},
	sumColumns: ['registrations', 'attendance_in_person', 'attendance_online', 'attendance'],
	load: (n) => {
		const attended = `coalesce(lower(${n.attendance}) IN ('attended', 'yes', 'present', 'checked in'), false)`;
		const online = `coalesce(lower(${n.registrationType}) = 'online', false)`;
		return {
			source: `'libcal'`,
			program_id: n.eventId,
			title: n.title,
			branch: n.branch,
			starts_at: `timezone(p.tz, CAST(${n.date} AS TIMESTAMP))`,
			registrations: '1',
			attendance_in_person: `CASE WHEN ${attended} AND NOT ${online} THEN 1 ELSE 0 END`,
			attendance_online: `CASE WHEN ${attended} AND ${online} THEN 1 ELSE 0 END`,
			attendance: `CASE WHEN ${attended} THEN 1 ELSE 0 END`
		};
	}
});
