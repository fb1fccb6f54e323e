/** The program calendar as a Springshare LibCal events export (`lc_events_*.csv`). */
import { isoFromDay } from '../calendar';
import { clockTime } from './calendar';
import { EASTSIDE_STORYTIME, EFFECT_SIZE, inWindow } from './campaigns';
import { csvDocument } from './csv';
import { FILE_NAMES, LIBRARY, SPAN } from './library';
import { planPrograms, type PlannedEvent } from './programs';
import type { Random } from './random';
import { tally, type Tally } from './tally';

export const LIBCAL_COLUMNS = [
	'Event ID',
	'Title',
	'Description',
	'Start Date',
	'End Date',
	'Start Time',
	'End Time',
	'Setup',
	'Teardown',
	'Location',
	'Campus',
	'Event Organizer',
	'Presenter',
	'Audiences',
	'Categories',
	'Publishing Status',
	'Internal Tags',
	'Event Note',
	'Registration Required',
	'In-Person Seats',
	'Online Seats',
	'Confirmed Registrations',
	'Waiting-List Registrations',
	'Cancelled Registrations',
	'Anticipated Attendance',
	'Actual Attendance (In-Person)',
	'Actual Attendance (Online)',
	'Confirmed Attendance',
	'Event URL'
] as const;
export const LIBCAL_HEADER = LIBCAL_COLUMNS.map((column) => `"${column}"`).join(',');

/** The calendar runs two weeks past the data end: published, upcoming, not yet attended. */
export const UPCOMING_DAYS = 14;
/** Share of past events whose attendance staff never entered. */
const MISSING_ATTENDANCE = 0.03;
/** Gamma-Poisson shape for drop-in crowds: storytime varies by about ±25% week to week. */
const DROP_IN_SHAPE = 40;
const SHOW_RATE = 0.8;
const ONLINE_SHOW_RATE = 0.62;

export interface LibcalResult {
	name: string;
	content: string;
	rows: number;
	eastsideStorytimeInWindow: Tally;
	otherStorytimesInWindow: Tally;
}

interface Counts {
	confirmed: number | null;
	waitlist: number | null;
	cancelledRegistrations: number | null;
	inPerson: number | null;
	online: number | null;
	confirmedAttendance: number | null;
}

export function generateLibcal(random: Random): LibcalResult {
	const planned = planPrograms(SPAN.from, SPAN.to + UPCOMING_DAYS, random.fork('calendar'));
	const draw = random.fork('attendance');
	const eastside = tally();
	const others = tally();
	let eventId = 10_384_117;

	const rows = planned.map((event) => {
		eventId += draw.integer(1, 37);
		const multiplier = effectMultiplier(event);
		const upcoming = event.day > SPAN.to;
		const cancelled = !upcoming && draw.chance(cancelChance(event));
		const unrecorded = !upcoming && !cancelled && draw.chance(MISSING_ATTENDANCE);
		const drawn = cancelled
			? CANCELLED
			: countsFor(event, multiplier, draw, upcoming ? Math.max(0.2, 1 - (event.day - SPAN.to) / UPCOMING_DAYS) : 1);
		const counts =
			upcoming || unrecorded ? { ...drawn, inPerson: null, online: null, confirmedAttendance: null } : drawn;

		if (event.kind === 'storytime' && inWindow(event.day, EASTSIDE_STORYTIME) && counts.inPerson !== null) {
			(event.branch === 'Eastside' ? eastside : others).add(counts.inPerson, event.expectedInPerson);
		}
		return libcalRow(eventId, event, counts, cancelled, draw);
	});

	return {
		name: FILE_NAMES.libcal,
		content: csvDocument(LIBCAL_HEADER, rows, { style: 'always' }),
		rows: rows.length,
		eastsideStorytimeInWindow: eastside,
		otherStorytimesInWindow: others
	};
}

function effectMultiplier(event: PlannedEvent): number {
	const promoted = event.kind === 'storytime' && event.branch === 'Eastside' && inWindow(event.day, EASTSIDE_STORYTIME);
	return promoted ? EFFECT_SIZE.eastsideStorytime : 1;
}

/** Snow closes January and February storytimes now and then; anything can lose its presenter. */
function cancelChance(event: PlannedEvent): number {
	const month = Number(isoFromDay(event.day).slice(5, 7));
	return event.kind === 'storytime' && month <= 2 ? 0.03 : 0.006;
}

const CANCELLED: Counts = {
	confirmed: 0,
	waitlist: 0,
	cancelledRegistrations: 0,
	inPerson: null,
	online: null,
	confirmedAttendance: null
};

/** filled: share of eventual sign-ups already in (1 for past events). */
function countsFor(event: PlannedEvent, multiplier: number, draw: Random, filled: number): Counts {
	const seats = event.registration;
	if (!seats) {
		const inPerson = draw.overdispersed(event.expectedInPerson * multiplier, DROP_IN_SHAPE);
		return { confirmed: 0, waitlist: 0, cancelledRegistrations: 0, inPerson, online: null, confirmedAttendance: null };
	}
	const demand = Math.round(draw.overdispersed(event.expectedInPerson * multiplier * 1.1, 15) * filled);
	const inPersonRegistered = Math.min(seats.inPersonSeats, demand);
	const onlineRegistered =
		seats.onlineSeats > 0
			? Math.min(seats.onlineSeats, Math.round(draw.overdispersed(event.expectedOnline * 1.4, 10) * filled))
			: 0;
	const attendedRegistrants = draw.binomial(inPersonRegistered, SHOW_RATE);
	const online = seats.onlineSeats > 0 ? draw.binomial(onlineRegistered, ONLINE_SHOW_RATE) : null;
	return {
		confirmed: inPersonRegistered + onlineRegistered,
		waitlist: Math.max(0, demand - seats.inPersonSeats),
		cancelledRegistrations: draw.poisson(0.08 * (inPersonRegistered + onlineRegistered)),
		inPerson: attendedRegistrants + draw.poisson(0.6),
		online,
		confirmedAttendance: attendedRegistrants + (online ?? 0)
	};
}

function libcalRow(id: number, event: PlannedEvent, counts: Counts, cancelled: boolean, draw: Random): string[] {
	const text = (value: number | null) => (value === null ? '' : String(value));
	const allDay = event.start === null;
	const date = isoFromDay(event.day);
	const winter = Number(date.slice(5, 7)) <= 2;
	const note = cancelled
		? winter
			? 'Cancelled: weather closure'
			: 'Cancelled: presenter unavailable'
		: draw.chance(0.02)
			? 'Moved to a different room for this session'
			: '';
	return [
		String(id),
		cancelled ? `CANCELLED: ${event.title}` : event.title,
		event.description,
		date,
		date,
		allDay ? 'All Day Event' : clockTime(event.start ?? 0),
		allDay ? '' : clockTime((event.start ?? 0) + event.minutes),
		event.kind === 'author_talk' ? '00:30' : '',
		event.kind === 'author_talk' ? '00:15' : '',
		event.location,
		event.branch,
		event.organizer,
		event.presenter,
		event.audiences.join(', '),
		event.categories.join(', '),
		'Published',
		event.internalTags.join(', '),
		note,
		event.registration ? 'Yes' : 'No',
		event.registration ? String(event.registration.inPersonSeats) : '',
		event.registration && event.registration.onlineSeats > 0 ? String(event.registration.onlineSeats) : '',
		text(counts.confirmed),
		text(counts.waitlist),
		text(counts.cancelledRegistrations),
		String(event.anticipated),
		text(counts.inPerson),
		text(counts.online),
		text(counts.confirmedAttendance),
		`${LIBRARY.libcalHost}/event/${id}`
	];
}
