import { dayFromIso, dayOf, dayParts, isoFromDay } from '../../calendar';
import type { DateRange } from '../../domain/overview';

/** The twelve months ending on the last day of the month `latest` falls in. */
export function defaultRange(latest: string): DateRange {
	const { year, month } = dayParts(dayFromIso(latest));
	// Day 0 of the next month is the last of this one; Date.UTC carries months past December.
	return { from: isoFromDay(dayOf(year, month - 11, 1)), to: isoFromDay(dayOf(year, month + 1, 0)) };
}

/** The period of equal length that ends the day before `range` starts. */
export function previousRange(range: DateRange): DateRange {
	const from = dayFromIso(range.from);
	const days = dayFromIso(range.to) - from + 1;
	return { from: isoFromDay(from - days), to: isoFromDay(from - 1) };
}
