/**
 * Reads the date layouts the exports use (docs/export-formats.md) as a day number, UTC days since
 * 1970-01-01, so columns can be compared. Only whole dates: a year or a month alone is not one.
 */
import { realDay } from '../calendar';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const ISO = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ].*)?$/;
const US = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})(?:\s.*)?$/;
/** "Jun 5, 2026", "Fri, Jun 5, 2026", "Mon Feb 17 2025", "June 5 2026" */
const MONTH_FIRST = /^(?:[A-Za-z]{3,9},?\s+)?([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$/;
/** "5 Jun 2026", "05-Jun-2026" */
const DAY_FIRST = /^(\d{1,2})[\s-]([A-Za-z]{3,9})\.?[\s-](\d{4})$/;

export function parseDay(value: string): number | null {
	const text = value.trim();
	let match = ISO.exec(text);
	if (match) return plausibleDay(Number(match[1]), Number(match[2]), Number(match[3]));
	match = US.exec(text);
	if (match) return plausibleDay(Number(match[3]), Number(match[1]), Number(match[2]));
	match = MONTH_FIRST.exec(text);
	if (match) return plausibleDay(Number(match[3]), monthNumber(match[1] ?? ''), Number(match[2]));
	match = DAY_FIRST.exec(text);
	if (match) return plausibleDay(Number(match[3]), monthNumber(match[2] ?? ''), Number(match[1]));
	return null;
}

export const DAYS_PER_YEAR = 365.2425;

function monthNumber(name: string): number {
	return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

/** A real date in the years a patron record can hold. */
function plausibleDay(year: number, month: number, day: number): number | null {
	return year < 1850 || year > 2200 ? null : realDay(year, month, day);
}
