import { describe, expect, it } from 'vitest';
import { CampaignInput } from './campaigns';
import { IsoDate } from './dates';
import { DateRangeQuery } from './overview';
import { describeZodError } from './zod-message';

const problems = (value: string) => {
	const parsed = IsoDate.safeParse(value);
	return parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
};
const ALLOWED = 'write YYYY-MM-DD, from 1900-01-01 to 2100-12-31';

describe('IsoDate', () => {
	it('accepts dates that exist, 29 February of a leap year and the first and last allowed days included', () => {
		expect(problems('2026-02-28')).toEqual([]);
		expect(problems('2024-02-29')).toEqual([]);
		expect(problems('1900-01-01')).toEqual([]);
		expect(problems('2100-12-31')).toEqual([]);
	});

	it('refuses dates that do not exist, which Date.parse rolls into the next month, saying why and what is allowed', () => {
		expect(problems('2026-02-30')).toEqual([`2026-02-30 is not a real date: February 2026 has 28 days; ${ALLOWED}`]);
		expect(problems('2025-02-29')).toEqual([`2025-02-29 is not a real date: February 2025 has 28 days; ${ALLOWED}`]);
		expect(problems('2026-06-31')).toEqual([`2026-06-31 is not a real date: June 2026 has 30 days; ${ALLOWED}`]);
		expect(problems('2026-13-01')).toEqual([`2026-13-01 is not a real date: months run from 01 to 12; ${ALLOWED}`]);
	});

	it('refuses years before 1900 and after 2100, which a typo gives and DuckDB cannot compare across', () => {
		expect(problems('0000-01-01')).toEqual([`0000-01-01 is outside the dates Lantern accepts: ${ALLOWED}`]);
		expect(problems('9999-12-31')).toEqual([`9999-12-31 is outside the dates Lantern accepts: ${ALLOWED}`]);
		expect(problems('1899-12-31')).toHaveLength(1);
		expect(problems('2101-01-01')).toHaveLength(1);
	});

	it('says once how to write a date that is not YYYY-MM-DD', () => {
		const once = ['must be a date written YYYY-MM-DD (such as 2026-03-01), from 1900-01-01 to 2100-12-31'];
		expect(problems('2026-2-3')).toEqual(once);
		expect(problems('March 3')).toEqual(once);
	});

	it('is the date of the overview and board report range, whose message names the parameter', () => {
		const parsed = DateRangeQuery.safeParse({ from: '2026-02-30' });
		expect(parsed.success).toBe(false);
		expect(describeZodError(parsed.error!)).toBe(
			`from: 2026-02-30 is not a real date: February 2026 has 28 days; ${ALLOWED}`
		);
		const outside = DateRangeQuery.safeParse({ to: '9999-12-31' });
		expect(describeZodError(outside.error!)).toBe(`to: 9999-12-31 is outside the dates Lantern accepts: ${ALLOWED}`);
	});

	it('is the date of a campaign, so a campaigns file with 30 February is refused with the field named', () => {
		const parsed = CampaignInput.safeParse({
			name: 'Spring reads',
			strategy: 'book_recommendations',
			starts_on: '2026-02-30',
			ends_on: '2026-03-31'
		});
		expect(describeZodError(parsed.error!)).toBe(
			`starts_on: 2026-02-30 is not a real date: February 2026 has 28 days; ${ALLOWED}`
		);
	});
});
