/** The demo library's own CSV files read as plain objects, for tests that check dashboards against them. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsv } from '../../csv-parse';

// Beside the repository's data folder without test-support (which imports Vitest), so the
// end-to-end tests read the demo files through these same functions.
const DEMO = fileURLToPath(new URL('../../../../data/demo', import.meta.url));

/** A CSV of the demo library as objects keyed by header. */
export function demoRows(file: string): Record<string, string>[] {
	const [header, ...rows] = parseCsv(readFileSync(join(DEMO, file), 'utf8').replace(/^\uFEFF/, '')).map((record) =>
		record.map((cell) => cell.value)
	);
	return rows
		.filter((row) => row.length === header!.length)
		.map((row) => Object.fromEntries(header!.map((name, i) => [name, row[i]!])));
}

/** A figure as the demo files write it ("1,234" or "1234"), as a number. */
export const demoNumber = (value: string | undefined) => Number((value ?? '').replaceAll(',', '') || 0);

/** A gate counter's rise over a day, read from the demo file; one that passed all nines started again at 0. */
export const demoGateRise = (start: string, end: string) =>
	demoNumber(end) >= demoNumber(start)
		? demoNumber(end) - demoNumber(start)
		: 10 ** start.length - 1 - demoNumber(start) + demoNumber(end) + 1;

/** A column's total over the rows of a demo file that `keep` keeps. */
export const demoSum = (file: string, keep: (row: Record<string, string>) => boolean, column = 'value') =>
	demoRows(file)
		.filter(keep)
		.reduce((sum, row) => sum + demoNumber(row[column]), 0);

const LIBRARY_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Chicago' });

/** The X analytics export's posts published on days of the range in the library's zone, each with its `day`. */
export function demoXPosts(from: string, to: string): Record<string, string>[] {
	return demoRows('tweet_activity_metrics_MapleValleyPL_20231101_20261031_en.csv')
		.map((row): Record<string, string> => ({
			...row,
			day: LIBRARY_DAY.format(new Date(row.time!.replace(' +0000', 'Z').replace(' ', 'T')))
		}))
		.filter((row) => row.day! >= from && row.day! <= to);
}

/** The LibCal programs held (not cancelled) on days of the range. */
export function demoHeldPrograms(from: string, to: string): Record<string, string>[] {
	return demoRows('lc_events_2023-11-01_2026-10-31.csv')
		.filter((row) => row['Start Date']! >= from && row['Start Date']! <= to)
		.filter((row) => !/^\W*cancel+ed\b/i.test(row.Title!) && !/cancel/i.test(row['Publishing Status'] ?? ''));
}

/** Programs' in-person and online attendance together. */
export const demoAttendance = (rows: Record<string, string>[]) =>
	rows.reduce(
		(sum, row) =>
			sum + demoNumber(row['Actual Attendance (In-Person)']) + demoNumber(row['Actual Attendance (Online)']),
		0
	);
