import type { DateRange } from '../../domain/overview';

const DAY_MS = 86_400_000;

const toIso = (date: Date) => date.toISOString().slice(0, 10);
const parse = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** The twelve months ending on the last day of the month `latest` falls in. */
export function defaultRange(latest: string): DateRange {
	const end = parse(latest);
	const to = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() + 1, 0));
	const from = new Date(Date.UTC(to.getUTCFullYear(), to.getUTCMonth() - 11, 1));
	return { from: toIso(from), to: toIso(to) };
}

/** The period of equal length that ends the day before `range` starts. */
export function previousRange(range: DateRange): DateRange {
	const from = parse(range.from).getTime();
	const days = Math.round((parse(range.to).getTime() - from) / DAY_MS) + 1;
	return { from: toIso(new Date(from - days * DAY_MS)), to: toIso(new Date(from - DAY_MS)) };
}
