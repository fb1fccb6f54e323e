/**
 * Calendar days as integers (days since 1970-01-01) and the conversions between a library's
 * wall clock and UTC instants. Days carry no time zone; instants are UTC milliseconds.
 */
export type Day = number;

const MS_PER_DAY = 86_400_000;

export function dayFromIso(iso: string): Day {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
	if (!match) throw new Error(`Not a YYYY-MM-DD date: ${iso}`);
	return dayOf(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** month is 1-12. */
export function dayOf(year: number, month: number, date: number): Day {
	return Math.round(Date.UTC(year, month - 1, date) / MS_PER_DAY);
}

export function isoFromDay(day: Day): string {
	return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function dayParts(day: Day): { year: number; month: number; date: number } {
	const at = new Date(day * MS_PER_DAY);
	return { year: at.getUTCFullYear(), month: at.getUTCMonth() + 1, date: at.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: Day): number {
	return (((day + 4) % 7) + 7) % 7;
}

export function daysBetween(from: Day, to: Day): Day[] {
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

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
	let formatter = formatters.get(timeZone);
	if (!formatter) {
		formatter = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit'
		});
		formatters.set(timeZone, formatter);
	}
	return formatter;
}

export interface WallClock {
	year: number;
	month: number;
	date: number;
	hour: number;
	minute: number;
	second: number;
}

/** The wall clock in timeZone at a UTC instant, DST included (Intl, never a fixed offset). */
export function wallClockAt(utcMs: number, timeZone: string): WallClock {
	const parts: Record<string, number> = {};
	for (const part of formatterFor(timeZone).formatToParts(new Date(utcMs))) {
		if (part.type !== 'literal') parts[part.type] = Number(part.value);
	}
	return {
		year: parts.year ?? 0,
		month: parts.month ?? 0,
		date: parts.day ?? 0,
		hour: parts.hour ?? 0,
		minute: parts.minute ?? 0,
		second: parts.second ?? 0
	};
}

function offsetMs(utcMs: number, timeZone: string): number {
	const wall = wallClockAt(utcMs, timeZone);
	const asUtc = Date.UTC(wall.year, wall.month - 1, wall.date, wall.hour, wall.minute, wall.second);
	return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/**
 * The UTC instant of a local wall-clock time. Callers keep to 07:00-23:00, so the hour that
 * does not exist (spring forward) and the one that happens twice (fall back) never arise.
 */
export function utcFromWallClock(day: Day, minuteOfDay: number, timeZone: string): number {
	const naive = day * MS_PER_DAY + minuteOfDay * 60_000;
	const first = naive - offsetMs(naive, timeZone);
	const second = naive - offsetMs(first, timeZone);
	return second;
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
