import { splitListSql as splitList } from '../field-sql';
import { defineSource } from '../source';

/** Springshare LibCal events export, lc_events_*.csv (docs/export-formats.md, "LibCal"). */
export const libcalEvents = defineSource({
	id: 'libcal-events',
	label: 'LibCal events',
	description: 'The Springshare LibCal events export (lc_events_*.csv), one program per row with attendance.',
	target: 'program_records',
	anchors: ['event id', 'title', 'start date'],
	fields: {
		eventId: { headers: ['event id'], type: { kind: 'id' }, required: true },
		title: { headers: ['title'], type: { kind: 'text' }, required: true },
		startDate: { headers: ['start date'], type: { kind: 'date', formats: ['%Y-%m-%d', '%m/%d/%Y'] }, required: true },
		startTime: { headers: ['start time'], type: { kind: 'clock', allDay: ['All Day Event', 'All Day'] } },
		endDate: { headers: ['end date'], type: { kind: 'date', formats: ['%Y-%m-%d', '%m/%d/%Y'] } },
		endTime: { headers: ['end time'], type: { kind: 'clock', allDay: ['All Day Event', 'All Day'] } },
		location: { headers: ['location'], type: { kind: 'text' } },
		branch: {
			headers: ['campus', 'library', 'branch', 'campus / library', 'library branch'],
			type: { kind: 'text', oneLine: true }
		},
		audiences: { headers: ['audiences', 'audience'], type: { kind: 'text' } },
		categories: { headers: ['categories', 'category'], type: { kind: 'text' } },
		tags: { headers: ['internal tags'], type: { kind: 'text' } },
		status: { headers: ['publishing status'], type: { kind: 'text' } },
		registrations: { headers: ['confirmed registrations'], type: { kind: 'count' } },
		inPerson: { headers: ['actual attendance (in-person)'], type: { kind: 'count' } },
		online: { headers: ['actual attendance (online)'], type: { kind: 'count' } }
	},
	load: (n) => ({
		source: `'libcal'`,
		program_id: n.eventId,
		title: n.title,
		branch: n.branch,
		category: `${splitList(n.categories)}[1]`,
		audience: `nullif(array_to_string(${splitList(n.audiences)}, ', '), '')`,
		// An all-day event starts at midnight local time; a blank time reads the same way.
		starts_at: `timezone(p.tz, ${n.startDate} + coalesce(${n.startTime}, TIME '00:00'))`,
		end_at: `CASE WHEN ${n.endTime} IS NULL THEN NULL ELSE timezone(p.tz, coalesce(${n.endDate}, ${n.startDate}) + ${n.endTime}) END`,
		location: n.location,
		audiences: splitList(n.audiences),
		categories: splitList(n.categories),
		tags: splitList(n.tags),
		registrations: n.registrations,
		attendance_in_person: n.inPerson,
		attendance_online: n.online,
		// Blank attendance is unknown, not zero: only sum when at least one figure was entered.
		attendance: `CASE WHEN ${n.inPerson} IS NULL AND ${n.online} IS NULL THEN NULL ELSE coalesce(${n.inPerson}, 0) + coalesce(${n.online}, 0) END`,
		cancelled: `coalesce(regexp_matches(${n.title}, '^\\W*(cancel+ed|canceled|cancelled)\\b', 'i') OR regexp_matches(coalesce(${n.status}, ''), 'cancel', 'i'), false)`
	})
});
