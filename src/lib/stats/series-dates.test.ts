import { describe, expect, it } from 'vitest';
import {
	countOnOrBefore,
	dayNumber,
	detectSpacing,
	firstIndexOnOrAfter,
	naturalPeriod,
	periodIndexOf,
	pointsThrough
} from './series-dates';

describe('series dates', () => {
	it('accepts only real calendar dates', () => {
		expect(dayNumber('1970-01-02')).toBe(1);
		expect(dayNumber('2024-02-29')).not.toBeNull();
		expect(dayNumber('2023-02-29')).toBeNull();
		expect(dayNumber('2024-1-05')).toBeNull();
	});

	it('detects daily, weekly and monthly spacing, across month ends and leap days', () => {
		expect(detectSpacing(['2024-02-26', '2024-03-04', '2024-03-11'])).toEqual({ ok: true, spacing: 'weekly' });
		expect(detectSpacing(['2023-11-01', '2023-12-01', '2024-01-01', '2024-02-01'])).toEqual({
			ok: true,
			spacing: 'monthly'
		});
		expect(detectSpacing(['2024-02-28', '2024-02-29', '2024-03-01'])).toEqual({ ok: true, spacing: 'daily' });
	});

	it('names the gap or disorder instead of guessing', () => {
		const gap = detectSpacing(['2024-01-01', '2024-01-08', '2024-01-22']);
		expect(gap).toEqual({ ok: false, reason: expect.stringContaining('2024-01-08 and 2024-01-22 leave a gap') });
		const repeated = detectSpacing(['2024-01-01', '2024-02-01', '2024-02-01']);
		expect(repeated.ok).toBe(false);
		expect(!repeated.ok && repeated.reason).toContain('out of order or repeated');
		expect(detectSpacing(['2024-01-01', '2024-01-04']).ok).toBe(false);
		expect(detectSpacing(['2024-01-01', 'soon']).ok).toBe(false);
	});

	it('finds the start and end positions', () => {
		const dates = ['2024-01-01', '2024-01-08', '2024-01-15'];
		expect(firstIndexOnOrAfter(dates, '2024-01-05')).toBe(1);
		expect(firstIndexOnOrAfter(dates, '2024-01-08')).toBe(1);
		expect(firstIndexOnOrAfter(dates, '2025-01-01')).toBe(3);
		expect(countOnOrBefore(dates, '2024-01-08')).toBe(2);
		expect(countOnOrBefore(dates, '2023-01-01')).toBe(0);
		expect(naturalPeriod('weekly')).toBeCloseTo(52.18, 2);
	});

	it("accepts monthly series dated by each month's last day", () => {
		expect(detectSpacing(['2023-11-30', '2023-12-31', '2024-01-31', '2024-02-29', '2024-03-31'])).toEqual({
			ok: true,
			spacing: 'monthly'
		});
		expect(detectSpacing(['2023-11-30', '2023-12-31', '2024-02-29']).ok).toBe(false);
	});

	it('refuses a yearly series saying why and what would be needed', () => {
		const check = detectSpacing(['2019-01-01', '2020-01-01', '2021-01-01']);
		expect(check.ok).toBe(false);
		if (check.ok) return;
		expect(check.reason).toContain('the dates are one year apart');
		expect(check.reason).toContain('Use monthly (or weekly) figures');
		expect(check.reason).not.toContain('365 days apart');
	});

	it('places a date in the period that contains it, however the periods are dated', () => {
		const firsts = ['2022-12-01', '2023-01-01', '2023-02-01'];
		const ends = ['2022-12-31', '2023-01-31', '2023-02-28'];
		expect(periodIndexOf(firsts, 'monthly', '2023-01-15')).toBe(1);
		expect(periodIndexOf(ends, 'monthly', '2023-01-15')).toBe(1);
		expect(pointsThrough(ends, 'monthly', '2023-01-15')).toBe(2);
		const weeks = ['2023-01-01', '2023-01-08', '2023-01-15'];
		expect(periodIndexOf(weeks, 'weekly', '2023-01-11')).toBe(1);
		expect(periodIndexOf(weeks, 'weekly', '2022-12-01')).toBe(0);
		expect(periodIndexOf(weeks, 'weekly', '2023-01-22')).toBe(3);
		expect(periodIndexOf(['2023-01-01', '2023-01-02'], 'daily', '2023-01-02')).toBe(1);
	});
});
