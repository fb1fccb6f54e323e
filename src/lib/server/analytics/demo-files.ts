/** The demo library's own CSV files read as plain objects, for tests that check dashboards against them. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv } from '../../demo/csv';
import { REPO_ROOT } from '../db/test-support';

const DEMO = join(REPO_ROOT, 'data', 'demo');

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
