import { describe, expect, it } from 'vitest';
import { IsoDate } from './dates';
import { DateRangeQuery } from './overview';

const problems = (value: string) => {
	const parsed = IsoDate.safeParse(value);
	return parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
};

describe('IsoDate', () => {
	it('accepts dates that exist, 29 February of a leap year included', () => {
		expect(problems('2026-02-28')).toEqual([]);
		expect(problems('2024-02-29')).toEqual([]);
	});

	it('refuses dates that do not exist, which Date.parse rolls into the next month', () => {
		expect(problems('2026-02-30')).toEqual(['is not a real date']);
		expect(problems('2025-02-29')).toEqual(['is not a real date']);
		expect(problems('2026-06-31')).toEqual(['is not a real date']);
		expect(problems('2026-13-01')).toEqual(['is not a real date']);
	});

	it('says once how to write a date that is not YYYY-MM-DD', () => {
		expect(problems('2026-2-3')).toEqual(['must be a date written YYYY-MM-DD']);
		expect(problems('March 3')).toEqual(['must be a date written YYYY-MM-DD']);
	});

	it('is the date of the overview and board report range', () => {
		expect(DateRangeQuery.safeParse({ from: '2026-02-30' }).success).toBe(false);
	});
});
