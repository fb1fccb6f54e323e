/**
 * The Programs page's figures against sums computed here, independently, from the demo library's
 * LibCal events export: attendance by branch, category and audience, and the fill rate.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { demoDatabase } from '../db/test-support';
import { demoAttendance, demoHeldPrograms, demoNumber } from './demo-files';
import { programsDashboard } from './programs';

describe('the Programs page on the demo library, against its files', () => {
	let db: Database;
	beforeAll(async () => {
		db = await demoDatabase();
	}, 180_000);

	it('attendance by branch and by category, this quarter and the one before', async () => {
		const data = await programsDashboard(db, {
			from: '2026-04-01',
			to: '2026-06-30',
			compare: 'previous',
			filters: {}
		});
		const now = demoHeldPrograms('2026-04-01', '2026-06-30');
		const before = demoHeldPrograms('2026-01-01', '2026-03-31');
		const group = (dimension: string, value: string | null) =>
			data.groups.find((row) => row.dimension === dimension && row.value === value)!;
		expect(group('all', null).attendance).toBe(demoAttendance(now));
		expect(group('all', null).programs).toBe(now.length);
		for (const branch of ['Central', 'Eastside', 'Riverside']) {
			expect(group('branch', branch).attendance).toBe(demoAttendance(now.filter((row) => row.Campus === branch)));
			expect(group('branch', branch).previousAttendance).toBe(
				demoAttendance(before.filter((row) => row.Campus === branch))
			);
		}
		for (const category of new Set(now.map((row) => row.Categories!))) {
			expect(group('category', category).attendance).toBe(
				demoAttendance(now.filter((row) => row.Categories === category))
			);
		}
	});

	it('fill rate is attendance over confirmed registrations, of the programs that took registrations', async () => {
		const data = await programsDashboard(db, {
			from: '2026-01-01',
			to: '2026-06-30',
			compare: 'previous',
			filters: {}
		});
		const registered = demoHeldPrograms('2026-01-01', '2026-06-30').filter(
			(row) =>
				demoNumber(row['Confirmed Registrations']) > 0 &&
				(row['Actual Attendance (In-Person)'] !== '' || row['Actual Attendance (Online)'] !== '')
		);
		const all = data.groups.find((row) => row.dimension === 'all')!;
		expect(all.registrations).toBe(
			registered.reduce((sum, row) => sum + demoNumber(row['Confirmed Registrations']), 0)
		);
		expect(all.registeredAttendance).toBe(demoAttendance(registered));
	});

	it('an audience filter keeps the programs for that audience, counted once each', async () => {
		const data = await programsDashboard(db, {
			from: '2026-01-01',
			to: '2026-06-30',
			compare: 'year',
			filters: { audience: 'Teens', branch: 'Central' }
		});
		const teens = (row: Record<string, string>) =>
			row.Campus === 'Central' &&
			row
				.Audiences!.split(',')
				.map((a) => a.trim())
				.includes('Teens');
		const all = data.groups.find((row) => row.dimension === 'all')!;
		expect(all.attendance).toBe(demoAttendance(demoHeldPrograms('2026-01-01', '2026-06-30').filter(teens)));
		expect(all.previousAttendance).toBe(demoAttendance(demoHeldPrograms('2025-01-01', '2025-06-30').filter(teens)));
	});

	it('promoted and not promoted add up to every program held', async () => {
		const data = await programsDashboard(db, {
			from: '2025-11-01',
			to: '2026-10-31',
			compare: 'previous',
			filters: {}
		});
		const split = data.groups.filter((row) => row.dimension === 'promoted');
		const all = data.groups.find((row) => row.dimension === 'all')!;
		expect(split.map((row) => row.value).sort()).toEqual(['not promoted', 'promoted']);
		expect(split.reduce((sum, row) => sum + row.programs, 0)).toBe(all.programs);
		expect(split.find((row) => row.value === 'promoted')!.programs).toBeGreaterThan(0);
	});
});
