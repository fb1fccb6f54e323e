import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { monthColumnGroups, type ColumnMapping } from '../../domain/mapping';
import { fingerprint, itWithRealFixtures, REAL_FIXTURES, tempDatabase } from '../db/test-support';
import { normaliseHeader } from './headers';
import { inspectSpreadsheet, specFromMapping } from './mapper';
import { suggestMapping } from './mapper/suggest';
import { saveMapping } from './mapping-store';
import { importFile, previewImport } from './pipeline';

const write = (name: string, text: string) => {
	const path = join(mkdtempSync(join(tmpdir(), 'lantern-map-')), name);
	writeFileSync(path, text);
	return path;
};

const EVENTS = `Report: Program attendance (LibraryCalendar)
Event Name,Event Date,Start,Library,Age Group,Total Attendance,Registered
Toddler Time,03/03/2026,10:30 AM,Eastside,Babies & Toddlers,"1,024",30
Lego Club,03/05/2026,4:00 PM,Central,Kids,18,
Book Club,03/10/2026,7:00 PM,Riverside,Adults,9,12
`;

describe('column mapper', () => {
	it('finds the header under a title row and suggests each field from header words and value shapes', async () => {
		const path = write('attendance_march.csv', EVENTS);
		const preview = await inspectSpreadsheet(path, 'attendance_march.csv');
		expect(preview.headerLine).toBe(1);
		const suggestion = suggestMapping('programs', preview.rows[1]!, preview.rows.slice(2));
		expect(suggestion).toEqual({
			title: 'event name',
			date: 'event date',
			time: 'start',
			branch: 'library',
			audience: 'age group',
			attendance: 'total attendance',
			registrations: 'registered'
		});
	});

	it('previews without storing, imports with the mapping, and imports the next such file in one step', async () => {
		const db = await tempDatabase();
		const path = write('attendance_march.csv', EVENTS);
		const preview = await inspectSpreadsheet(path, 'attendance_march.csv');
		const mapping: ColumnMapping = {
			name: 'LibraryCalendar attendance',
			target: 'programs',
			sheet: null,
			headerLine: 1,
			columns: suggestMapping('programs', preview.rows[1]!, preview.rows.slice(2)),
			period: 'month',
			monthColumns: [],
			header: preview.rows[1]!.map(normaliseHeader)
		};
		const before = await fingerprint(db);
		const shown = await previewImport(db, path, 'attendance_march.csv', specFromMapping(mapping));
		expect(shown.errorCount).toBe(0);
		expect(shown.rows[0]).toMatchObject({
			title: 'Toddler Time',
			branch: 'Eastside',
			attendance: 1024,
			registrations: 30
		});
		expect(await fingerprint(db)).toEqual(before);

		expect(await importFile(db, path, { source: specFromMapping(mapping) })).toMatchObject({
			status: 'imported',
			rowsLoaded: 3
		});
		await saveMapping(db, mapping);
		const april = write('attendance_april.csv', EVENTS.replaceAll('03/', '04/'));
		expect(await importFile(db, april)).toMatchObject({
			status: 'imported',
			source: 'mapping:LibraryCalendar attendance',
			rowsLoaded: 3
		});
		expect(await db.query(`SELECT count(*) AS n, sum(attendance) AS a FROM programs`)).toEqual([
			{ n: 6, a: 2 * (1024 + 18 + 9) }
		]);
	});

	it('maps a file with one column per metric into the usage vocabulary, and shows validation errors in the preview', async () => {
		const db = await tempDatabase();
		const path = write(
			'monthly.csv',
			'Month,Library,Checkouts,Visitors,New Members\n2026-01,Central,18250,12004,80\n2026-02,Central,17100,,75\n2026-03,Central,lots,11000,70\n'
		);
		const preview = await inspectSpreadsheet(path, 'monthly.csv');
		const columns = suggestMapping('usage_wide', preview.rows[0]!, preview.rows.slice(1));
		expect(columns).toEqual({
			date: 'month',
			branch: 'library',
			circulation: 'checkouts',
			visits: 'visitors',
			new_cards: 'new members'
		});
		const mapping: ColumnMapping = {
			name: 'ILS monthly',
			target: 'usage_wide',
			sheet: null,
			headerLine: 0,
			columns,
			period: 'month',
			monthColumns: [],
			header: preview.rows[0]!.map(normaliseHeader)
		};
		const shown = await previewImport(db, path, 'monthly.csv', specFromMapping(mapping));
		expect(shown.errors).toEqual([
			{ row: 4, column: 'Checkouts', message: expect.stringContaining('a 4-character text is not a count') }
		]);
		const fixed = write(
			'monthly.csv',
			'Month,Library,Checkouts,Visitors,New Members\n2026-01,Central,18250,12004,80\n2026-02,Central,17100,,75\n'
		);
		expect(await importFile(db, fixed, { source: specFromMapping(mapping) })).toMatchObject({
			status: 'imported',
			rowsLoaded: 5
		});
		expect(
			await db.query(`SELECT strftime(period_start, '%Y-%m') AS m, metric, value FROM usage ORDER BY m, metric`)
		).toEqual([
			{ m: '2026-01', metric: 'circulation', value: 18250 },
			{ m: '2026-01', metric: 'new_cards', value: 80 },
			{ m: '2026-01', metric: 'visits', value: 12004 },
			{ m: '2026-02', metric: 'circulation', value: 17100 },
			{ m: '2026-02', metric: 'new_cards', value: 75 }
		]);
	});

	it('takes a monthly period start from a year column and a month column, as it does for programs', async () => {
		const db = await tempDatabase();
		const path = write(
			'monthly_by_year.csv',
			'Year,Month,Library,Checkouts\n2025,December,Central,16000\n2026,1,Central,18250\n'
		);
		const preview = await inspectSpreadsheet(path, 'monthly_by_year.csv');
		const columns = suggestMapping('usage_wide', preview.rows[0]!, preview.rows.slice(1));
		expect(columns).toEqual({ year: 'year', month: 'month', branch: 'library', circulation: 'checkouts' });
		const mapping: ColumnMapping = {
			name: 'ILS by year and month',
			target: 'usage_wide',
			sheet: null,
			headerLine: 0,
			columns,
			period: 'month',
			monthColumns: [],
			header: preview.rows[0]!.map(normaliseHeader)
		};
		expect(await importFile(db, path, { source: specFromMapping(mapping) })).toMatchObject({ rowsLoaded: 2 });
		expect(await db.query(`SELECT strftime(period_start, '%Y-%m-%d') AS d, value FROM usage ORDER BY d`)).toEqual([
			{ d: '2025-12-01', value: 16000 },
			{ d: '2026-01-01', value: 18250 }
		]);
	});

	itWithRealFixtures('opens the 500-column Arts Council workbook on its data sheet, quickly', async () => {
		const started = performance.now();
		const preview = await inspectSpreadsheet(
			join(REAL_FIXTURES, 'library-activity-uk/ace_libraries_activity_2023_24.xlsx'),
			'ace.xlsx'
		);
		expect(preview.sheet).toBe('Activity Data 2024');
		expect(preview.headerLine).toBe(0);
		expect(preview.rows[0]!.length).toBeGreaterThan(400);
		expect(preview.rows[1]![0]).toBe('Barbican & Community Libraries');
		expect(performance.now() - started).toBeLessThan(5000);
	});
});

describe('column mapper on the Arts Council return', () => {
	itWithRealFixtures("maps one service's events, one column per month, into monthly usage", async () => {
		const path = join(REAL_FIXTURES, 'library-activity-uk/ace_libraries_activity_2023_24.xlsx');
		const preview = await inspectSpreadsheet(path, 'ace.xlsx');
		const header = preview.rows[0]!;
		const events = monthColumnGroups(header).find((g) => g.label === 'Total Number Of Physical Events')!;
		expect(events.columns).toHaveLength(12);
		expect(events.columns[0]).toEqual({ header: 'total number of physical events - april 2023', month: '2023-04-01' });
		const mapping: ColumnMapping = {
			name: 'ACE physical events',
			target: 'usage_months',
			sheet: 'activity data 2024',
			headerLine: 0,
			columns: suggestMapping('usage_months', header, preview.rows.slice(1)),
			period: 'month',
			metric: 'events',
			monthColumns: events.columns,
			header: header.map(normaliseHeader)
		};
		expect(mapping.columns).toEqual({ branch: 'library details' });
		const db = await tempDatabase();
		expect(await importFile(db, path, { source: specFromMapping(mapping) })).toMatchObject({ status: 'imported' });
		// Barnsley's row: G3=335 (April), H3=426 (May), I3=423 (June), per the fixture's cell dump.
		expect(
			await db.query(
				`SELECT strftime(period_start, '%Y-%m') AS m, value FROM usage WHERE branch = 'Barnsley' AND metric = 'events' ORDER BY m LIMIT 3`
			)
		).toEqual([
			{ m: '2023-04', value: 335 },
			{ m: '2023-05', value: 426 },
			{ m: '2023-06', value: 423 }
		]);
	});
});
