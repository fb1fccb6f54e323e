import { describe, expect, it } from 'vitest';
import { describeTiming, libraryToday, nextRun, resolvePeriod, retryDelayMs } from './report-schedule';

describe('report periods', () => {
	it('last month, last quarter and year to date are whole calendar spans before the day the report is made', () => {
		expect(resolvePeriod('last-month', '2026-03-03')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
		expect(resolvePeriod('last-month', '2026-01-15')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
		expect(resolvePeriod('last-quarter', '2026-05-20')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
		expect(resolvePeriod('last-quarter', '2026-01-02')).toEqual({ from: '2025-10-01', to: '2025-12-31' });
		expect(resolvePeriod('year-to-date', '2026-03-03')).toEqual({ from: '2026-01-01', to: '2026-03-02' });
		expect(resolvePeriod('year-to-date', '2026-01-01')).toEqual({ from: '2025-01-01', to: '2025-12-31' });
	});

	it('summer is June to August: last year’s before June, so far while it runs, this year’s once over', () => {
		expect(resolvePeriod('summer', '2026-04-10')).toEqual({ from: '2025-06-01', to: '2025-08-31' });
		expect(resolvePeriod('summer', '2026-07-15')).toEqual({ from: '2026-06-01', to: '2026-07-14' });
		expect(resolvePeriod('summer', '2026-09-02')).toEqual({ from: '2026-06-01', to: '2026-08-31' });
	});
});

describe('schedule timing', () => {
	const chicago = 'America/Chicago';
	it('runs monthly on day N at the hour in the library’s zone, on the last day of a shorter month', () => {
		const timing = { cadence: 'monthly' as const, dayOfMonth: 31, weekday: 1, hour: 7 };
		// 07:00 in Chicago on Feb 28 2026 (CST, UTC−6) is 13:00 UTC.
		expect(nextRun(timing, Date.parse('2026-02-01T00:00:00Z'), chicago).toISOString()).toBe('2026-02-28T13:00:00.000Z');
		// After daylight saving starts (CDT, UTC−5), the same wall-clock hour is 12:00 UTC.
		expect(nextRun(timing, Date.parse('2026-03-01T00:00:00Z'), chicago).toISOString()).toBe('2026-03-31T12:00:00.000Z');
	});

	it('runs quarterly in January, April, July and October, and weekly on the weekday', () => {
		const quarterly = { cadence: 'quarterly' as const, dayOfMonth: 3, weekday: 1, hour: 8 };
		expect(nextRun(quarterly, Date.parse('2026-01-04T00:00:00Z'), 'UTC').toISOString()).toBe(
			'2026-04-03T08:00:00.000Z'
		);
		const weekly = { cadence: 'weekly' as const, dayOfMonth: 1, weekday: 1, hour: 9 };
		// 2026-03-04 is a Wednesday; the next Monday is March 9.
		expect(nextRun(weekly, Date.parse('2026-03-04T12:00:00Z'), 'UTC').toISOString()).toBe('2026-03-09T09:00:00.000Z');
		// Exactly at a run time, the next run is the following one.
		expect(nextRun(weekly, Date.parse('2026-03-09T09:00:00Z'), 'UTC').toISOString()).toBe('2026-03-16T09:00:00.000Z');
		expect(describeTiming(weekly)).toBe('Weekly on Monday at 9:00');
	});

	it('reads today in the library’s zone, not the server’s', () => {
		// 03:00 UTC on March 1 is still February 28 in Chicago.
		expect(libraryToday(Date.parse('2026-03-01T03:00:00Z'), chicago)).toBe('2026-02-28');
	});

	it('backs off 5, 15, 45, 135 and 360 minutes, then gives up', () => {
		expect([1, 2, 3, 4, 5, 6].map(retryDelayMs)).toEqual([300_000, 900_000, 2_700_000, 8_100_000, 21_600_000, null]);
	});
});
