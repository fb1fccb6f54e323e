import { describe, expect, it } from 'vitest';
import {
	dayNumber,
	daysBetween,
	instantMs,
	isoFromDay,
	localDate,
	periodStart,
	realDay,
	wallClockAt
} from './calendar';

describe('localDate', () => {
	it('gives the calendar date in the library time zone, not UTC', () => {
		expect(localDate('2025-06-01T03:30:00Z', 'America/Chicago')).toBe('2025-05-31');
		expect(localDate('2025-06-01T05:30:00Z', 'America/Chicago')).toBe('2025-06-01');
		expect(localDate('2025-06-01T03:30:00Z', 'UTC')).toBe('2025-06-01');
	});
	it('reads a time without a zone as UTC and rejects what is not a date', () => {
		expect(instantMs('2025-06-01T00:00:00')).toBe(Date.UTC(2025, 5, 1));
		expect(localDate('not a date', 'UTC')).toBeNull();
	});
});

describe('periods', () => {
	it('starts weeks on Monday and months on the 1st', () => {
		expect(periodStart('2025-06-01', 'week')).toBe('2025-05-26'); // a Sunday
		expect(periodStart('2025-06-02', 'week')).toBe('2025-06-02'); // a Monday
		expect(periodStart('2025-06-18', 'month')).toBe('2025-06-01');
	});
	it('counts calendar days across a daylight-saving change', () => {
		expect(daysBetween('2025-03-01', '2025-03-22')).toBe(21);
	});
});

describe('day numbers', () => {
	it('numbers real dates and refuses the ones Date.UTC would roll over', () => {
		expect(dayNumber('1970-01-02')).toBe(1);
		expect(isoFromDay(dayNumber('2024-02-29')!)).toBe('2024-02-29');
		expect(dayNumber('2026-02-30')).toBeNull();
		expect(dayNumber('2026-2-3')).toBeNull();
		expect(realDay(2026, 13, 1)).toBeNull();
		expect(realDay(2026, 4, 31)).toBeNull();
	});
});

describe('wallClockAt', () => {
	it('reads the wall clock in the zone, summer time included', () => {
		expect(wallClockAt(Date.UTC(2025, 6, 1, 3, 30), 'America/Chicago')).toEqual({
			year: 2025,
			month: 6,
			date: 30,
			hour: 22,
			minute: 30,
			second: 0
		});
		expect(wallClockAt(Date.UTC(2025, 0, 1, 3, 30), 'America/Chicago')).toMatchObject({ date: 31, hour: 21 });
	});
});
