import { describe, expect, it } from 'vitest';
import { birthAgeSpan, dateRange, mergeRanges, plausibleBirthDays } from './birth-dates';

const day = (iso: string) => Date.parse(iso) / 86_400_000;
const registrations = dateRange([day('2025-06-02'), day('2025-07-31')]);

describe('birth dates', () => {
	it('folds ranges without spreading, so a large sample cannot overflow the stack', () => {
		const days = Array.from({ length: 500_000 }, (_, i) => i);
		expect(dateRange(days)).toEqual({ earliest: 0, latest: 499_999 });
		expect(mergeRanges([null, { earliest: 5, latest: 9 }, { earliest: 2, latest: 6 }])).toEqual({
			earliest: 2,
			latest: 9
		});
		expect(mergeRanges([null])).toBeNull();
	});

	it('under a birth-date header, counts dates 0–110 years before the file’s other dates', () => {
		const days = [day('2019-04-09'), day('1950-01-01'), day('1890-05-05'), day('2026-01-01')];
		expect(plausibleBirthDays(days, registrations)).toBe(2);
		expect(plausibleBirthDays(days, null)).toBe(4);
	});

	it('without a header, needs every date before the others, several years and plausible ages', () => {
		const births = ['2019-04-09', '2012-11-30', '1988-02-14', '2016-07-01', '1971-09-23'].map(day);
		expect(birthAgeSpan(births, 5, registrations, 5, 0.6)).toBe('6–53');
		expect(birthAgeSpan(births, 5, null, 5, 0.6)).toBeNull();
		expect(birthAgeSpan([...births.slice(0, 4), day('2025-06-10')], 5, registrations, 5, 0.6)).toBeNull();
		expect(
			birthAgeSpan(
				['2024-01-05', '2024-02-05', '2023-03-05', '2023-04-05', '2024-05-05'].map(day),
				5,
				registrations,
				5,
				0.6
			)
		).toBeNull();
		expect(birthAgeSpan([...births.slice(0, 4), day('1850-01-01')], 5, registrations, 5, 0.6)).toBeNull();
	});
});
