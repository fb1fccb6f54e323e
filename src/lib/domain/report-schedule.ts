import { z } from 'zod';
import { dayOf, dayParts, isoFromDay, utcFromWallClock, wallClockAt, weekday, type Day } from '../calendar';
import type { DateRange } from './overview';

/** The period a saved template reports on, resolved on the day it is made. */
export const PERIODS = ['last-month', 'last-quarter', 'year-to-date', 'summer'] as const;
export type ReportPeriod = (typeof PERIODS)[number];
export const PERIOD_LABELS: Record<ReportPeriod, string> = {
	'last-month': 'Last month',
	'last-quarter': 'Last quarter',
	'year-to-date': 'Year to date',
	summer: 'Summer (Jun–Aug)'
};

/**
 * The dates a period covers when the report is made on `today` (the library's calendar date).
 * Year to date ends yesterday: today's exports are not in yet. Summer is this year's June–August
 * once it has ended, the summer so far while it runs, and last year's before June.
 */
export function resolvePeriod(period: ReportPeriod, today: string): DateRange {
	const [year, month, date] = today.split('-').map(Number) as [number, number, number];
	const span = (from: Day, to: Day) => ({ from: isoFromDay(from), to: isoFromDay(to) });
	switch (period) {
		case 'last-month':
			return span(dayOf(year, month - 1, 1), dayOf(year, month, 0));
		case 'last-quarter': {
			const quarterStart = month - ((month - 1) % 3);
			return span(dayOf(year, quarterStart - 3, 1), dayOf(year, quarterStart, 0));
		}
		case 'year-to-date': {
			// On January 1 there is no day of this year yet to report: the whole of last year.
			if (month === 1 && date === 1) return span(dayOf(year - 1, 1, 1), dayOf(year - 1, 12, 31));
			return span(dayOf(year, 1, 1), dayOf(year, month, date - 1));
		}
		case 'summer': {
			if (month < 6 || (month === 6 && date === 1)) return span(dayOf(year - 1, 6, 1), dayOf(year - 1, 8, 31));
			if (month <= 8) return span(dayOf(year, 6, 1), dayOf(year, month, date - 1));
			return span(dayOf(year, 6, 1), dayOf(year, 8, 31));
		}
	}
}

export const CADENCES = ['monthly', 'quarterly', 'weekly'] as const;
export type Cadence = (typeof CADENCES)[number];
export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** When a schedule runs: monthly on day N, quarterly on day N of Jan/Apr/Jul/Oct, or weekly on a weekday. */
export interface ScheduleTiming {
	cadence: Cadence;
	/** 1–31; a month shorter than this runs on its last day */
	dayOfMonth: number;
	/** 0 = Sunday … 6 = Saturday */
	weekday: number;
	/** local hour, 7–23 (utcFromWallClock keeps clear of the hours daylight saving skips or repeats) */
	hour: number;
}

export const ScheduleTiming = z.object({
	cadence: z.enum(CADENCES),
	dayOfMonth: z.coerce.number().int().min(1, 'must be 1 to 31').max(31, 'must be 1 to 31').default(1),
	weekday: z.coerce.number().int().min(0).max(6).default(1),
	hour: z.coerce.number().int().min(7, 'must be 7 to 23').max(23, 'must be 7 to 23').default(7)
});

function runsOn(timing: ScheduleTiming, day: Day): boolean {
	if (timing.cadence === 'weekly') return weekday(day) === timing.weekday;
	const { year, month, date } = dayParts(day);
	if (timing.cadence === 'quarterly' && (month - 1) % 3 !== 0) return false;
	const lastOfMonth = dayParts(dayOf(year, month + 1, 0)).date;
	return date === Math.min(timing.dayOfMonth, lastOfMonth);
}

/** The first run strictly after `afterMs`, in the library's zone (daylight saving included). */
export function nextRun(timing: ScheduleTiming, afterMs: number, timeZone: string): Date {
	const wall = wallClockAt(afterMs, timeZone);
	const today = dayOf(wall.year, wall.month, wall.date);
	// A quarter is at most 92 days; 400 covers any cadence with room to spare.
	for (let day = today; day < today + 400; day += 1) {
		if (!runsOn(timing, day)) continue;
		const at = utcFromWallClock(day, timing.hour * 60, timeZone);
		if (at > afterMs) return new Date(at);
	}
	throw new Error('No run date within 400 days: the schedule is not valid.');
}

/** The library's calendar date at an instant. */
export function libraryToday(nowMs: number, timeZone: string): string {
	const wall = wallClockAt(nowMs, timeZone);
	return isoFromDay(dayOf(wall.year, wall.month, wall.date));
}

/** "Monthly on day 3 at 7:00", "Weekly on Monday at 7:00": what the Reports page shows. */
export function describeTiming(timing: ScheduleTiming): string {
	const at = `at ${timing.hour}:00`;
	if (timing.cadence === 'weekly') return `Weekly on ${WEEKDAYS[timing.weekday]} ${at}`;
	const day = timing.dayOfMonth >= 29 ? `day ${timing.dayOfMonth} (or the month's last)` : `day ${timing.dayOfMonth}`;
	return timing.cadence === 'monthly' ? `Monthly on ${day} ${at}` : `Quarterly (Jan, Apr, Jul, Oct) on ${day} ${at}`;
}

/** Waits before the retries of a failed run: 5 min, 15 min, 45 min, 2 h 15, then 6 h; then it gives up until the next run. */
export const RETRY_DELAYS_MIN = [5, 15, 45, 135, 360];

export function retryDelayMs(failures: number): number | null {
	const minutes = RETRY_DELAYS_MIN[failures - 1];
	return minutes === undefined ? null : minutes * 60_000;
}
