/** Instants and calendar dates in the library's time zone, without the server's own zone leaking in. */

const dateFormats = new Map<string, Intl.DateTimeFormat>();
const DAY_MS = 86_400_000;

/** Milliseconds for an ISO instant; a time written without a zone is read as UTC, never server-local. */
export function instantMs(instant: string | null | undefined): number | null {
	if (!instant) return null;
	const zoneless = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(instant.trim());
	const ms = Date.parse(zoneless ? `${instant.trim().replace(' ', 'T')}Z` : instant);
	return Number.isNaN(ms) ? null : ms;
}

/** The calendar date (YYYY-MM-DD) an instant falls on in `timeZone`; null for an unreadable instant. */
export function localDate(instant: string | null | undefined, timeZone: string): string | null {
	const ms = instantMs(instant);
	if (ms === null) return null;
	// Every zone's offset in the social-media era is a whole number of quarter hours, so local midnight
	// never falls inside a quarter hour: one answer per zone and quarter hour, as formatting is slow.
	const bucket = `${timeZone}|${Math.floor(ms / QUARTER_HOUR)}`;
	const cached = dateCache.get(bucket);
	if (cached !== undefined) return cached;
	let format = dateFormats.get(timeZone);
	if (!format) {
		format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
		dateFormats.set(timeZone, format);
	}
	const parts = Object.fromEntries(format.formatToParts(ms).map((part) => [part.type, part.value]));
	const date = `${parts.year}-${parts.month}-${parts.day}`;
	if (dateCache.size >= 200_000) dateCache.clear();
	dateCache.set(bucket, date);
	return date;
}

const QUARTER_HOUR = 15 * 60 * 1000;
const dateCache = new Map<string, string>();

function dateMs(date: string): number {
	return Date.parse(`${date}T00:00:00Z`);
}

/** Whole days from `from` to `to` (calendar dates); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
	return Math.round((dateMs(to) - dateMs(from)) / DAY_MS);
}

/** The first day of the week (Monday, as DuckDB's date_trunc('week')) or month a date falls in. */
export function periodStart(date: string, bucket: 'week' | 'month'): string {
	if (bucket === 'month') return `${date.slice(0, 7)}-01`;
	const ms = dateMs(date);
	const daysSinceMonday = (new Date(ms).getUTCDay() + 6) % 7;
	return new Date(ms - daysSinceMonday * DAY_MS).toISOString().slice(0, 10);
}
