import { dayFromIso, dayOf, dayParts, isoFromDay } from '../../calendar';
import type { Comparison, DateRange } from '../../domain/overview';

/** The twelve months ending on the last day of the month `latest` falls in. */
export function defaultRange(latest: string): DateRange {
	const { year, month } = dayParts(dayFromIso(latest));
	// Day 0 of the next month is the last of this one; Date.UTC carries months past December.
	return { from: isoFromDay(dayOf(year, month - 11, 1)), to: isoFromDay(dayOf(year, month + 1, 0)) };
}

/**
 * The range a query asks for, its missing ends taken from the default range. An end given alone never
 * makes the range run backwards: `?from=2030-01-01` with data to 2026 is the one day 2030-01-01, and
 * `?to=1990-12-31` the twelve months ending then.
 */
export function resolveRange(query: { from?: string; to?: string }, fallback: DateRange): DateRange {
	if (query.from && query.to) return { from: query.from, to: query.to };
	if (query.to) return { from: query.to < fallback.from ? defaultRange(query.to).from : fallback.from, to: query.to };
	if (query.from) return { from: query.from, to: query.from > fallback.to ? query.from : fallback.to };
	return fallback;
}

/** How many whole calendar months the range is (Jan 1 – Jun 30: 6), or null when it starts or ends mid-month. */
export function wholeMonths(range: DateRange): number | null {
	const from = dayParts(dayFromIso(range.from));
	const to = dayParts(dayFromIso(range.to));
	const lastOfMonth = dayParts(dayOf(to.year, to.month + 1, 0)).date;
	if (from.date !== 1 || to.date !== lastOfMonth) return null;
	return (to.year - from.year) * 12 + (to.month - from.month) + 1;
}

/**
 * The period a range is compared with. Against the previous period: a range of whole months is
 * compared with the same number of whole months just before it (a quarter with the quarter before, a
 * half with the half before; Jan–Jun against Jul–Dec, never "Jul 4 – Dec 31"), any other range with
 * the same number of days just before it. Against the same period last year: the same dates a year
 * earlier (Feb 29 becomes Feb 28; a range of whole months stays whole).
 */
export function comparisonRange(range: DateRange, comparison: Comparison = 'previous'): DateRange {
	const months = wholeMonths(range);
	const { year, month, date } = dayParts(dayFromIso(range.from));
	if (comparison === 'year') {
		const end = dayParts(dayFromIso(range.to));
		const to =
			months !== null
				? dayOf(end.year - 1, end.month + 1, 0)
				: Math.min(dayOf(end.year - 1, end.month, end.date), dayOf(end.year - 1, end.month + 1, 0));
		const from = Math.min(dayOf(year - 1, month, date), dayOf(year - 1, month + 1, 0));
		return { from: isoFromDay(from), to: isoFromDay(to) };
	}
	if (months !== null)
		return { from: isoFromDay(dayOf(year, month - months, 1)), to: isoFromDay(dayOf(year, month, 0)) };
	const start = dayFromIso(range.from);
	const days = dayFromIso(range.to) - start + 1;
	return { from: isoFromDay(start - days), to: isoFromDay(start - 1) };
}

/**
 * SQL: the instant `column` falls on a day from `from` to `to` (SQL DATE expressions) in the library's
 * zone ($tz). The zone's conversion is dear (about a microsecond a row: most of a cold page at 250,000
 * posts), so a plain comparison of instants first keeps only the rows within two days of the range
 * (more than any two zones' offsets apart), and the exact day is worked out for those alone. Exact,
 * unlike comparing with the instants of the range's local midnights, which a zone whose clocks skip
 * midnight (America/Havana) does not have.
 */
export function localDayBetween(column: string, from: string, to: string): string {
	return `(${column} >= timezone('UTC', CAST(CAST(${from} AS DATE) - 2 AS TIMESTAMP))
		AND ${column} < timezone('UTC', CAST(CAST(${to} AS DATE) + 3 AS TIMESTAMP))
		AND CAST(timezone($tz, ${column}) AS DATE) BETWEEN CAST(${from} AS DATE) AND CAST(${to} AS DATE))`;
}
