/**
 * Calendar dates and instants in a library's time zone, one module for the campaigns, the
 * dashboards and the demo. A calendar date (YYYY-MM-DD, or a day number) has no zone, so its
 * arithmetic is in UTC days and never shifts across a daylight-saving change; an instant is read in
 * the library's zone through Intl, never a fixed offset and never the server's own zone.
 */

/** A calendar date as days since 1970-01-01. */
export type Day = number;

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day of a year, month (1-12) and date. */
export function dayOf(year: number, month: number, date: number): Day {
	return Math.round(Date.UTC(year, month - 1, date) / DAY_MS);
}

export function dayParts(day: Day): { year: number; month: number; date: number } {
	const at = new Date(day * DAY_MS);
	return { year: at.getUTCFullYear(), month: at.getUTCMonth() + 1, date: at.getUTCDate() };
}

/** The day of a year, month (1-12) and date that exist together; null for 30 February or month 13. */
export function realDay(year: number, month: number, date: number): Day | null {
	const day = dayOf(year, month, date);
	// Date.UTC rolls 30 February into March; a real date survives the round trip.
	const back = dayParts(day);
	return back.year === year && back.month === month && back.date === date ? day : null;
}

/** The day of a YYYY-MM-DD date; null for other text and for dates that do not exist (2026-02-30). */
export function dayNumber(date: string): Day | null {
	const match = ISO_DATE.exec(date);
	return match ? realDay(Number(match[1]), Number(match[2]), Number(match[3])) : null;
}

/** The day of a date Lantern itself writes (the demo's calendar): a wrong one is a bug, so it throws. */
export function dayFromIso(iso: string): Day {
	const day = dayNumber(iso);
	if (day === null) throw new Error(`Not a YYYY-MM-DD date: ${iso}`);
	return day;
}

export function isoFromDay(day: Day): string {
	return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: Day): number {
	return (((day + 4) % 7) + 7) % 7;
}

function dateMs(date: string): number {
	return Date.parse(`${date}T00:00:00Z`);
}

/** Whole days from `from` to `to` (calendar dates); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
	return Math.round((dateMs(to) - dateMs(from)) / DAY_MS);
}

/** The first day of the week (Monday, as DuckDB's date_trunc('week')) or month a date falls in. */
export function periodStart(date: string, bucket: 'week' | 'month'): string {
	if (bucket === 'month') return `${date.slice(0, 7)}-01`;
	const ms = dateMs(date);
	const daysSinceMonday = (new Date(ms).getUTCDay() + 6) % 7;
	return new Date(ms - daysSinceMonday * DAY_MS).toISOString().slice(0, 10);
}

/** Milliseconds for an ISO instant; a time written without a zone is read as UTC, never server-local. */
export function instantMs(instant: string | null | undefined): number | null {
	if (!instant) return null;
	const zoneless = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(instant.trim());
	const ms = Date.parse(zoneless ? `${instant.trim().replace(' ', 'T')}Z` : instant);
	return Number.isNaN(ms) ? null : ms;
}

export interface WallClock {
	year: number;
	month: number;
	date: number;
	hour: number;
	minute: number;
	second: number;
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

const pad = (value: number) => String(value).padStart(2, '0');
const QUARTER_HOUR = 15 * 60 * 1000;
const dateCache = new Map<string, string>();
/** Per zone, its UTC offset at each UTC midnight asked about. */
const midnightOffsets = new Map<string, Map<number, number>>();
/** Years in which the offset shortcut below is used (outside them dates are rare and formatted by Intl). */
const SHORTCUT_FROM = Date.UTC(1900, 0, 1);
const SHORTCUT_TO = Date.UTC(2200, 0, 1);

function offsetAtMidnight(utcMidnight: number, timeZone: string): number {
	let offsets = midnightOffsets.get(timeZone);
	if (!offsets) {
		offsets = new Map<number, number>();
		midnightOffsets.set(timeZone, offsets);
	}
	let offset = offsets.get(utcMidnight);
	if (offset === undefined) {
		offset = offsetMs(utcMidnight, timeZone);
		if (offsets.size >= 100_000) offsets.clear();
		offsets.set(utcMidnight, offset);
	}
	return offset;
}

/** The calendar date (YYYY-MM-DD) an instant falls on in `timeZone`; null for an unreadable instant. */
export function localDate(instant: string | null | undefined, timeZone: string): string | null {
	const ms = instantMs(instant);
	if (ms === null) return null;
	// A zone's offset changes a few times a year at most: when it is the same at the UTC midnights
	// either side, it holds all day, and the local date is the UTC date of the shifted instant. This
	// asks Intl (slow) twice per day seen, instead of once per quarter hour.
	if (ms >= SHORTCUT_FROM && ms < SHORTCUT_TO) {
		const midnight = Math.floor(ms / DAY_MS) * DAY_MS;
		const offset = offsetAtMidnight(midnight, timeZone);
		if (offset === offsetAtMidnight(midnight + DAY_MS, timeZone)) {
			const shifted = new Date(ms + offset);
			return `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`;
		}
	}
	// Every zone's offset in the social-media era is a whole number of quarter hours, so local midnight
	// never falls inside a quarter hour: one answer per zone and quarter hour, as formatting is slow.
	const bucket = `${timeZone}|${Math.floor(ms / QUARTER_HOUR)}`;
	const cached = dateCache.get(bucket);
	if (cached !== undefined) return cached;
	const wall = wallClockAt(ms, timeZone);
	const date = `${wall.year}-${pad(wall.month)}-${pad(wall.date)}`;
	if (dateCache.size >= 200_000) dateCache.clear();
	dateCache.set(bucket, date);
	return date;
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
	const naive = day * DAY_MS + minuteOfDay * 60_000;
	const first = naive - offsetMs(naive, timeZone);
	const second = naive - offsetMs(first, timeZone);
	return second;
}
