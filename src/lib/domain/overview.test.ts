import { describe, expect, it } from 'vitest';
import { readDateRangeQuery } from './overview';

const read = (query: string) => readDateRangeQuery(new URLSearchParams(query));

describe('reading the overview’s date range from its address', () => {
	it('passes a valid range and comparison through with no problem', () => {
		expect(read('from=2026-01-01&to=2026-06-30&compare=year')).toEqual({
			query: { from: '2026-01-01', to: '2026-06-30', compare: 'year' },
			problem: null
		});
	});

	it('turns an inverted range into the default range and a sentence naming both dates, keeping the comparison', () => {
		expect(read('from=2026-06-30&to=2026-01-01&compare=year')).toEqual({
			query: { compare: 'year' },
			problem:
				'“From” (Jun 30, 2026) is after “To” (Jan 1, 2026), so that range holds no days. The default range is shown instead; choose the dates again.'
		});
	});

	it('says what could not be read when a date is not a date', () => {
		const { query, problem } = read('from=2026-02-30&to=2026-03-31');
		expect(query).toEqual({ compare: undefined });
		expect(problem).toBe(
			'The date range could not be read (from: 2026-02-30 is not a real date: February 2026 has 28 days; write YYYY-MM-DD, from 1900-01-01 to 2100-12-31). The default range is shown instead.'
		);
	});
});
