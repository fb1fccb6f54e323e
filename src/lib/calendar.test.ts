import { describe, expect, it } from 'vitest';
import { daysBetween, instantMs, localDate, periodStart } from './calendar';

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
