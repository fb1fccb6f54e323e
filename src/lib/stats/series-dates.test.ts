import { describe, expect, it } from 'vitest';
import { countOnOrBefore, dayNumber, detectSpacing, firstIndexOnOrAfter, naturalPeriod } from './series-dates';

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
});
