/**
 * Birth dates told apart from the other dates in a file. Measured against the file's own dates
 * (registrations, events), never the clock, so detection stays pure and gives the same answer
 * for an old export as on the day it was made.
 */
import { DAYS_PER_YEAR } from './calendar-dates';
import { share } from './column-values';

/** Oldest plausible patron, in years before the file's latest other date. */
export const MAX_AGE_YEARS = 110;
/** A value-only birth-date column must span this many distinct years: a population, not a season. */
export const MIN_BIRTH_YEARS = 4;

export interface DateRange {
	earliest: number;
	latest: number;
}

/** The range of some day numbers, folded without spreading (a large sample would overflow the stack). */
export function dateRange(days: readonly number[]): DateRange | null {
	if (days.length === 0) return null;
	let earliest = Number.POSITIVE_INFINITY;
	let latest = Number.NEGATIVE_INFINITY;
	for (const day of days) {
		if (day < earliest) earliest = day;
		if (day > latest) latest = day;
	}
	return { earliest, latest };
}

export function mergeRanges(ranges: readonly (DateRange | null)[]): DateRange | null {
	const present = ranges.filter((range): range is DateRange => range !== null);
	return present.length === 0
		? null
		: { earliest: Math.min(...present.map((r) => r.earliest)), latest: Math.max(...present.map((r) => r.latest)) };
}

export function isAge(years: number): boolean {
	return years >= 0 && years <= MAX_AGE_YEARS;
}

/** Under a birth-date header: the days that are 0–110 years before the file's other dates (any, if it has none). */
export function plausibleBirthDays(days: readonly number[], others: DateRange | null): number {
	return others === null ? days.length : days.filter((day) => isAge((others.latest - day) / DAYS_PER_YEAR)).length;
}

/**
 * With no header to go on, a date column is a birth date only when every date precedes every
 * other date in the file by 0–110 years and the dates span several years, as a population's
 * birthdays do. Returns the age range, e.g. "3–79", or null.
 */
export function birthAgeSpan(
	days: readonly number[],
	valueCount: number,
	others: DateRange | null,
	minValues: number,
	minShare: number
): string | null {
	const own = dateRange(days);
	if (others === null || own === null || days.length < minValues || share(days.length, valueCount) < minShare)
		return null;
	if (own.latest >= others.earliest) return null;
	const years = new Set(days.map((day) => new Date(day * 86_400_000).getUTCFullYear()));
	if (years.size < MIN_BIRTH_YEARS) return null;
	const oldest = (others.latest - own.earliest) / DAYS_PER_YEAR;
	const youngest = (others.latest - own.latest) / DAYS_PER_YEAR;
	if (!isAge(oldest) || !isAge(youngest)) return null;
	return `${Math.floor(youngest)}–${Math.floor(oldest)}`;
}
