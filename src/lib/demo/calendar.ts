/**
 * The demo's own calendar: day ranges, the nth weekday of a month, and the time formats the exports
 * write. Days and wall clocks come from the shared calendar (../calendar).
 */
import { dayOf, dayParts, wallClockAt, weekday, type Day } from '../calendar';

/** Every day from `from` to `to`, both included. */
export function dayRange(from: Day, to: Day): Day[] {
	const days: Day[] = [];
	for (let day = from; day <= to; day++) days.push(day);
	return days;
}

/** The nth (1-based) given weekday of a month, e.g. the 4th Thursday of November. */
export function nthWeekday(year: number, month: number, wantedWeekday: number, n: number): Day {
	const first = dayOf(year, month, 1);
	const offset = (wantedWeekday - weekday(first) + 7) % 7;
	return first + offset + (n - 1) * 7;
}

export function monthStarts(from: Day, to: Day): Day[] {
	const starts: Day[] = [];
	let { year, month } = dayParts(from);
	for (;;) {
		const start = dayOf(year, month, 1);
		if (start > to) return starts;
		starts.push(start);
		month = month === 12 ? 1 : month + 1;
		if (month === 1) year++;
	}
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** `MM/DD/YYYY HH:MM`, Meta Business Suite's `Publish time`. */
export function metaPublishTime(utcMs: number, timeZone: string): string {
	const wall = wallClockAt(utcMs, timeZone);
	return `${pad(wall.month)}/${pad(wall.date)}/${wall.year} ${pad(wall.hour)}:${pad(wall.minute)}`;
}

/** `YYYY-MM-DD HH:MM +0000`, the legacy X export's `time`. */
export function xActivityTime(utcMs: number): string {
	const iso = new Date(utcMs).toISOString();
	return `${iso.slice(0, 10)} ${iso.slice(11, 16)} +0000`;
}

/** `HH:MM` from minutes after midnight. */
export function clockTime(minuteOfDay: number): string {
	return `${pad(Math.floor(minuteOfDay / 60))}:${pad(minuteOfDay % 60)}`;
}
