import { z } from 'zod';
import { dayNumber } from '../calendar';

/**
 * The dates Lantern accepts anywhere a person writes one (a range, a campaign, an estimate's start).
 * Library data starts well after 1900; the bounds keep a typo like 0000 or 9999 from reaching DuckDB,
 * whose date arithmetic a comparison period 8,000 years long would overflow.
 */
export const EARLIEST_DATE = '1900-01-01';
export const LATEST_DATE = '2100-12-31';
const ALLOWED = `write YYYY-MM-DD, from ${EARLIEST_DATE} to ${LATEST_DATE}`;
const MONTHS = [
	'January',
	'February',
	'March',
	'April',
	'May',
	'June',
	'July',
	'August',
	'September',
	'October',
	'November',
	'December'
];

/** Why a YYYY-MM-DD date in range does not exist, in words: "February 2026 has 28 days". */
function whyNotReal(date: string): string {
	const [year, month] = date.split('-').map(Number) as [number, number];
	if (month < 1 || month > 12) return `${date} is not a real date: months run from 01 to 12`;
	const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
	return `${date} is not a real date: ${MONTHS[month - 1]} ${year} has ${days} days`;
}

/**
 * A calendar date written YYYY-MM-DD that exists, from 1900 to 2100: 2026-02-30 is refused, not
 * rolled into March. Each message says what is allowed, so a page can show it as it is.
 */
export const IsoDate = z.string().superRefine((date, context) => {
	const problem = !/^\d{4}-\d{2}-\d{2}$/.test(date)
		? `must be a date written YYYY-MM-DD (such as 2026-03-01), from ${EARLIEST_DATE} to ${LATEST_DATE}`
		: date < EARLIEST_DATE || date > LATEST_DATE
			? `${date} is outside the dates Lantern accepts: ${ALLOWED}`
			: dayNumber(date) === null
				? `${whyNotReal(date)}; ${ALLOWED}`
				: null;
	// The first problem is the one to fix; checks chained after this one never see a broken date.
	if (problem) context.addIssue({ code: 'custom', message: problem, input: date, continue: false });
});
