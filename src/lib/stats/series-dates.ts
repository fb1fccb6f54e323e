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

/**
 * The series must step by one day, one week or one calendar month throughout; a missing period
 * would silently stretch the trend and shift the seasonality, so it is named instead.
 */
export function detectSpacing(dates: readonly string[]): SpacingCheck {
	for (const date of dates)
		if (dayNumber(date) === null) return { ok: false, reason: `"${date}" is not a date in the form YYYY-MM-DD.` };
	if (dates.length < 2) return { ok: false, reason: 'the series has fewer than two dates.' };
	const first = dates[0]!;
	const second = dates[1]!;
	const step = dayNumber(second)! - dayNumber(first)!;
	const monthly = monthIndex(second) - monthIndex(first) === 1 && second.slice(8) === first.slice(8);
	const spacing: Spacing | null = monthly ? 'monthly' : step === 7 ? 'weekly' : step === 1 ? 'daily' : null;
	if (!spacing)
		return {
			ok: false,
			reason: `the dates must be one day, one week or one month apart; ${first} and ${second} are ${step} days apart.`
		};
	for (let i = 1; i < dates.length; i++) {
		const before = dates[i - 1]!;
		const after = dates[i]!;
		const steady =
			spacing === 'monthly'
				? monthIndex(after) - monthIndex(before) === 1 && after.slice(8) === first.slice(8)
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

/** A post period's start and optional end must be dates, in order: a caller's bug, so it throws. */
export function checkStartAndEnd({ start, end }: { start: string; end?: string }): void {
	if (dayNumber(start) === null) throw new RangeError(`start must be a date in the form YYYY-MM-DD, not "${start}"`);
	if (end !== undefined && dayNumber(end) === null)
		throw new RangeError(`end must be a date in the form YYYY-MM-DD, not "${end}"`);
	if (end !== undefined && end < start) throw new RangeError(`end (${end}) is before start (${start})`);
}
