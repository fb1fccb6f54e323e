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
