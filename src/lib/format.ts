/**
 * The one place numbers and dates become text for people. Every page, chart, caption, report
 * and CLI table formats through here, so "12,345", "12.3K" and "+4.5%" look the same everywhere.
 */

const LOCALE = 'en-US';
export const MISSING = '—';

const integer = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat(LOCALE, { notation: 'compact', maximumFractionDigits: 1 });

/**
 * Formatters made once per set of options: making an Intl formatter costs about a thousand times
 * using one, and `toLocaleString` with options makes one on every call.
 */
const made = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function numberFormat(options: Intl.NumberFormatOptions): Intl.NumberFormat {
	const key = `n${JSON.stringify(options)}`;
	let format = made.get(key) as Intl.NumberFormat | undefined;
	if (!format) made.set(key, (format = new Intl.NumberFormat(LOCALE, options)));
	return format;
}
function dateTimeFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
	const key = `d${JSON.stringify(options)}`;
	let format = made.get(key) as Intl.DateTimeFormat | undefined;
	if (!format) made.set(key, (format = new Intl.DateTimeFormat(LOCALE, options)));
	return format;
}
/** Fixed fraction digits: 1.84, 12.30. */
const fixed = (digits: number) => numberFormat({ minimumFractionDigits: digits, maximumFractionDigits: digits });

const usable = (value: number | null | undefined): value is number =>
	typeof value === 'number' && Number.isFinite(value);

/** A count: 12,345. */
export function formatCount(value: number | null | undefined): string {
	return usable(value) ? integer.format(value) : MISSING;
}

/** A count in little space: 12.3K, 4.1M. */
export function formatCompact(value: number | null | undefined): string {
	return usable(value) ? compact.format(value) : MISSING;
}

/** A plain decimal with fixed digits: a dispersion of 1.84, a ratio of ×1.304. */
export function formatDecimal(value: number | null | undefined, digits = 2): string {
	return usable(value) ? fixed(digits).format(value) : MISSING;
}

/** A p-value: three decimals, and "< 0.001" below that. */
export function formatPValue(p: number | null | undefined): string {
	if (!usable(p)) return MISSING;
	return p < 0.001 ? '< 0.001' : formatDecimal(p, 3);
}

const money = new Intl.NumberFormat(LOCALE, { style: 'currency', currency: 'USD' });

/** An amount of money: $1,234.50. */
export function formatMoney(value: number | null | undefined): string {
	return usable(value) ? money.format(value) : MISSING;
}

/** A ratio (0.0234) as a percentage: 2.3%. */
export function formatPercent(ratio: number | null | undefined, digits = 1): string {
	if (!usable(ratio)) return MISSING;
	return `${fixed(digits).format(ratio * 100)}%`;
}

const roundsToZero = (text: string) => !/[1-9]/.test(text);

/** A ratio with its sign: +12%, −3%, ±0% (the minus is U+2212); ±0% whenever it rounds to zero, never −0%. */
export function formatSignedPercent(ratio: number | null | undefined, digits = 1): string {
	if (!usable(ratio)) return MISSING;
	const text = formatPercent(Math.abs(ratio), digits);
	return `${roundsToZero(text) ? '±' : ratio > 0 ? '+' : '−'}${text}`;
}

/**
 * Fraction digits that show a series' typical size (`scale`) to three significant digits: 0 from
 * 100 up (142), 1 for 31.4, 2 for 3.14, 4 for a rate of 0.0312. Whole counts alone made a rate
 * series read "averaged 0, against 0 expected (95% interval 0–0)".
 */
export function decimalsFor(scale: number | null | undefined, significant = 3): number {
	if (!usable(scale) || scale === 0) return 0;
	return Math.min(12, Math.max(0, significant - 1 - Math.floor(Math.log10(Math.abs(scale)))));
}

/** A measured value with fixed fraction digits (see decimalsFor) and a true minus; 0, never −0. */
export function formatMeasure(value: number | null | undefined, decimals = 0): string {
	if (!usable(value)) return MISSING;
	const text = fixed(decimals).format(Math.abs(value));
	return value < 0 && !roundsToZero(text) ? `−${text}` : text;
}

/** A change with its sign: +24, −0.31, and ±0 when it rounds to zero, never −0. */
export function formatSignedMeasure(value: number | null | undefined, decimals = 0): string {
	if (!usable(value)) return MISSING;
	const text = formatMeasure(Math.abs(value), decimals);
	return `${roundsToZero(text) ? '±' : value > 0 ? '+' : '−'}${text}`;
}

/** A statistic to three significant figures (a dispersion of 1.84, a coefficient of 0.000718); 0, never −0. */
export function formatSignificant(value: number | null | undefined, digits = 3): string {
	if (!usable(value)) return MISSING;
	const text = numberFormat({ maximumSignificantDigits: digits }).format(Math.abs(value));
	return value < 0 && !roundsToZero(text) ? `−${text}` : text;
}

/** Signed relative change from `previous` to `current`: +12.5%, −3.0%; none when there is no base. */
export function formatChange(current: number | null | undefined, previous: number | null | undefined): string {
	if (!usable(current) || !usable(previous) || previous === 0) return MISSING;
	const change = (current - previous) / previous;
	const text = formatPercent(Math.abs(change));
	if (text === '0.0%') return '±0.0%';
	return `${change > 0 ? '+' : '−'}${text}`;
}

/** Relative change as a number, or null when it cannot be computed. */
export function relativeChange(current: number | null | undefined, previous: number | null | undefined): number | null {
	if (!usable(current) || !usable(previous) || previous === 0) return null;
	return (current - previous) / previous;
}

const dayFormat = new Intl.DateTimeFormat(LOCALE, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
const monthFormat = new Intl.DateTimeFormat(LOCALE, { year: 'numeric', month: 'short', timeZone: 'UTC' });

function calendarDate(isoDate: string): Date {
	return new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
}

/** A calendar date (YYYY-MM-DD, no zone): Jan 5, 2026. */
export function formatDate(isoDate: string | null | undefined): string {
	return isoDate ? dayFormat.format(calendarDate(isoDate)) : MISSING;
}

/** The month a YYYY-MM-DD date falls in: Jan 2026. */
export function formatMonth(isoDate: string | null | undefined): string {
	return isoDate ? monthFormat.format(calendarDate(isoDate)) : MISSING;
}

export function formatDateRange(from: string, to: string): string {
	return `${formatDate(from)} – ${formatDate(to)}`;
}

/** An instant shown in the library's time zone: Jan 5, 2026, 10:30 AM. */
export function formatDateTime(instant: string | Date | null | undefined, timeZone: string): string {
	if (!instant) return MISSING;
	const date = typeof instant === 'string' ? new Date(instant) : instant;
	if (Number.isNaN(date.getTime())) return MISSING;
	return dateTimeFormat({ dateStyle: 'medium', timeStyle: 'short', timeZone }).format(date);
}

/** Any stored value in a preview table: numbers through the formatter, lists joined, nothing as a dash. */
export function formatCell(value: unknown): string {
	if (value === null || value === undefined) return MISSING;
	if (typeof value === 'number') return Number.isInteger(value) ? formatCount(value) : formatDecimal(value, 2);
	if (value instanceof Date) return value.toISOString();
	if (Array.isArray(value)) return value.map(formatCell).join(', ');
	if (typeof value === 'string') return value;
	if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
	return JSON.stringify(value) ?? MISSING;
}
