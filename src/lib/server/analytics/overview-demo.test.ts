/**
 * The key figures against sums computed here, independently, from the demo library's own files, for
 * ranges a director picks: a half year, a quarter, a month, and one that starts mid-month. The old
 * "previous period" was the same number of days, so Jan–Jun 2026 was compared with Jul 4 – Dec 31
 * and lost July's circulation (+25.4% where the true change is small).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../demo/csv';
import type { Database } from '../db/database';
import { demoDatabase, REPO_ROOT } from '../db/test-support';
import { overview } from './overview';

const DEMO = join(REPO_ROOT, 'data', 'demo');

/** A CSV of the demo library as objects keyed by header. */
function rowsOf(file: string): Record<string, string>[] {
	const [header, ...rows] = parseCsv(readFileSync(join(DEMO, file), 'utf8').replace(/^\uFEFF/, '')).map((record) =>
		record.map((cell) => cell.value)
	);
	return rows
		.filter((row) => row.length === header!.length)
		.map((row) => Object.fromEntries(header!.map((name, i) => [name, row[i]!])));
}

const lastDay = (month: string) =>
	new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);

/** Circulation: physical and digital checkouts of the months that lie wholly inside the range. */
function circulation(from: string, to: string): number {
	return rowsOf('usage_monthly_2023-11_2026-10.csv')
		.filter((row) => ['circulation', 'digital_checkouts'].includes(row.metric!) && row.period === 'month')
		.filter((row) => row.period_start! >= from && lastDay(row.period_start!) <= to)
		.reduce((sum, row) => sum + Number(row.value!.replaceAll(',', '')), 0);
}

/** Attendance: in-person plus online of the programs held (not cancelled) on days inside the range. */
function attendance(from: string, to: string): number {
	const file = 'lc_events_2023-11-01_2026-10-31.csv';
	return rowsOf(file)
		.filter((row) => row['Start Date']! >= from && row['Start Date']! <= to)
		.filter((row) => !/^\W*cancel+ed\b/i.test(row.Title!) && !/cancel/i.test(row['Publishing Status'] ?? ''))
		.filter((row) => row['Actual Attendance (In-Person)'] !== '' || row['Actual Attendance (Online)'] !== '')
		.reduce(
			(sum, row) =>
				sum + Number(row['Actual Attendance (In-Person)'] || 0) + Number(row['Actual Attendance (Online)'] || 0),
			0
		);
}

describe('key figures of the demo library, against its files', () => {
	let db: Database;
	beforeAll(async () => {
		db = await demoDatabase();
	}, 180_000);

	const cases = [
		{ range: { from: '2026-01-01', to: '2026-06-30' }, previous: { from: '2025-07-01', to: '2025-12-31' } },
		{ range: { from: '2026-01-01', to: '2026-03-31' }, previous: { from: '2025-10-01', to: '2025-12-31' } },
		{ range: { from: '2026-06-01', to: '2026-06-30' }, previous: { from: '2026-05-01', to: '2026-05-31' } },
		{ range: { from: '2026-03-15', to: '2026-04-14' }, previous: { from: '2026-02-12', to: '2026-03-14' } }
	];

	for (const { range, previous } of cases) {
		it(`${range.from} to ${range.to} is compared with ${previous.from} to ${previous.to}, whole months only`, async () => {
			const data = await overview(db, range);
			expect(data.previousRange).toEqual(previous);
			const kpi = (id: string) => data.kpis.find((k) => k.id === id)!;
			expect(kpi('circulation').value ?? 0).toBe(circulation(range.from, range.to));
			expect(kpi('circulation').previous ?? 0).toBe(circulation(previous.from, previous.to));
			expect(kpi('attendance').value).toBe(attendance(range.from, range.to));
			expect(kpi('attendance').previous).toBe(attendance(previous.from, previous.to));
		});
	}

	it('a range that holds no whole month shows no monthly circulation rather than two partial months', async () => {
		const data = await overview(db, { from: '2026-03-15', to: '2026-04-14' });
		expect(data.kpis.find((k) => k.id === 'circulation')!.value).toBeNull();
	});

	it('compares with the same period last year when asked', async () => {
		const data = await overview(db, { from: '2026-01-01', to: '2026-06-30', compare: 'year' });
		expect(data.comparison).toBe('year');
		expect(data.previousRange).toEqual({ from: '2025-01-01', to: '2025-06-30' });
		expect(data.kpis.find((k) => k.id === 'circulation')!.previous).toBe(circulation('2025-01-01', '2025-06-30'));
	});
});
