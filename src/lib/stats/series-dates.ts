/**
 * Calendar facts about an outcome series: its spacing, where the campaign starts in it, and the
 * month of each point. Dates are calendar dates (YYYY-MM-DD, no time zone), so all arithmetic is
 * in UTC days and never shifts across a daylight-saving change.
 */

export type Spacing = 'daily' | 'weekly' | 'monthly';

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01, or null when the text is not a real YYYY-MM-DD date. */
export function dayNumber(date: string): number | null {
	const match = ISO_DATE.exec(date);
	if (!match) return null;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const time = Date.UTC(year, month - 1, day);
	const back = new Date(time);
	if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return null;
	return time / DAY_MS;
}

/** Month of the year, 1–12, of a valid YYYY-MM-DD date. */
export const monthOfYear = (date: string): number => Number(date.slice(5, 7));

const monthIndex = (date: string): number => Number(date.slice(0, 4)) * 12 + monthOfYear(date) - 1;

export type SpacingCheck = { ok: true; spacing: Spacing } | { ok: false; reason: string };

const DAYS_IN_MONTH = (date: string): number => {
	const year = Number(date.slice(0, 4));
	const month = monthOfYear(date);
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
};
/** 2023-01-31, 2023-02-28, 2024-02-29: months dated by their last day, as many exports date them. */
const isMonthEnd = (date: string): boolean => Number(date.slice(8)) === DAYS_IN_MONTH(date);

/** The next month's point: the same day of the month, or the last day when the series is dated by month ends. */
const nextMonth = (before: string, after: string, monthEnds: boolean, day: string): boolean =>
	monthIndex(after) - monthIndex(before) === 1 && (monthEnds ? isMonthEnd(after) : after.slice(8) === day);

/**
 * An annual series is refused in words: a campaign of weeks or months is a small part of one yearly
 * point, and a change from one year to the next mixes it with everything else that changed that year.
 */
const YEARLY_REFUSAL =
	'the dates are one year apart. A campaign lasting weeks or months is a small part of one yearly figure, and a change from one year to the next mixes it with everything else that changed that year, so Lantern does not estimate effects from annual totals. Use monthly (or weekly) figures for the same outcome: at least 8 periods before the campaign start and 4 from it.';

/**
 * The series must step by one day, one week or one calendar month throughout; a missing period
 * would silently stretch the trend and shift the seasonality, so it is named instead. Monthly
 * points may be dated by any one day of the month or by each month's last day.
 */
export function detectSpacing(dates: readonly string[]): SpacingCheck {
	for (const date of dates)
		if (dayNumber(date) === null) return { ok: false, reason: `"${date}" is not a date in the form YYYY-MM-DD.` };
	if (dates.length < 2) return { ok: false, reason: 'the series has fewer than two dates.' };
	const first = dates[0]!;
	const second = dates[1]!;
	const step = dayNumber(second)! - dayNumber(first)!;
	const monthEnds = isMonthEnd(first) && isMonthEnd(second) && first.slice(8) !== second.slice(8);
	const monthly = nextMonth(first, second, monthEnds, first.slice(8));
	const spacing: Spacing | null = monthly ? 'monthly' : step === 7 ? 'weekly' : step === 1 ? 'daily' : null;
	if (!spacing) {
		if (monthIndex(second) - monthIndex(first) === 12 && (step === 365 || step === 366))
			return { ok: false, reason: YEARLY_REFUSAL };
		return {
			ok: false,
			reason: `the dates must be one day, one week or one month apart; ${first} and ${second} are ${step} days apart.`
		};
	}
	for (let i = 1; i < dates.length; i++) {
		const before = dates[i - 1]!;
		const after = dates[i]!;
		const steady =
			spacing === 'monthly'
				? nextMonth(before, after, monthEnds, first.slice(8))
				: dayNumber(after)! - dayNumber(before)! === (spacing === 'weekly' ? 7 : 1);
		if (!steady) {
			const what = dayNumber(after)! <= dayNumber(before)! ? 'are out of order or repeated' : 'leave a gap';
			return {
				ok: false,
				reason: `the series is ${spacing} but ${before} and ${after} ${what}: fill in every ${unitOf(spacing)} (with 0 if nothing happened) and sort by date.`
			};
		}
	}
	return { ok: true, spacing };
}

export const unitOf = (spacing: Spacing): string => ({ daily: 'day', weekly: 'week', monthly: 'month' })[spacing];

/**
 * The natural seasonal period, in points, when none is given: the year for weekly (365.25/7, so
 * the cycle stays on the calendar across years) and monthly series, the week for daily ones.
 */
export const naturalPeriod = (spacing: Spacing): number => ({ daily: 7, weekly: 365.25 / 7, monthly: 12 })[spacing];

/** Index of the first date on or after `date` (dates ascending); dates.length when none is. */
export function firstIndexOnOrAfter(dates: readonly string[], date: string): number {
	const index = dates.findIndex((d) => d >= date);
	return index < 0 ? dates.length : index;
}

/** Count of dates on or before `date` (dates ascending). */
export function countOnOrBefore(dates: readonly string[], date: string): number {
	const index = dates.findIndex((d) => d > date);
	return index < 0 ? dates.length : index;
}

/**
 * The one rule for where a date falls in a series, used by the estimators, the pages and the CLI:
 * the index of the point whose period contains it. A month is its calendar month however the
 * points are dated (first day, 15th, last day); a week is the 7 days from its point's date (gaps
 * allowed, as in a summer-only program); a day is itself. So a campaign starting 2023-01-15 counts
 * January on monthly data. A date before the first period gives 0, after the last dates.length.
 */
export function periodIndexOf(dates: readonly string[], spacing: Spacing, date: string): number {
	if (spacing === 'monthly') {
		const index = dates.findIndex((d) => monthIndex(d) >= monthIndex(date));
		return index < 0 ? dates.length : index;
	}
	const before = countOnOrBefore(dates, date) - 1;
	if (before < 0) return 0;
	const length = spacing === 'weekly' ? 7 : 1;
	return dayNumber(date)! < dayNumber(dates[before]!)! + length ? before : before + 1;
}

/** How many points have periods that begin on or before `date`: the points an end date keeps. */
export function pointsThrough(dates: readonly string[], spacing: Spacing, date: string): number {
	if (spacing !== 'monthly') return countOnOrBefore(dates, date);
	const index = dates.findIndex((d) => monthIndex(d) > monthIndex(date));
	return index < 0 ? dates.length : index;
}

/** A post period's start and optional end must be dates, in order: a caller's bug, so it throws. */
export function checkStartAndEnd({ start, end }: { start: string; end?: string }): void {
	if (dayNumber(start) === null) throw new RangeError(`start must be a date in the form YYYY-MM-DD, not "${start}"`);
	if (end !== undefined && dayNumber(end) === null)
		throw new RangeError(`end must be a date in the form YYYY-MM-DD, not "${end}"`);
	if (end !== undefined && end < start) throw new RangeError(`end (${end}) is before start (${start})`);
}
