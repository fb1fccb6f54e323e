/**
 * A library system's published program statistics, mapped by hand: branch × month × category × age
 * group, the year and the month in columns of their own, several categories and audiences in one
 * cell, half the attendance blank, and rows for the whole system and for places that are no branch.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ColumnMapping } from '../../../domain/mapping';
import { overview } from '../../analytics/overview';
import { SOURCE_FIXTURES, tempDatabase } from '../../db/test-support';
import { saveSettings } from '../../settings';
import { normaliseHeader } from '../headers';
import { inspectSpreadsheet, specFromMapping } from '../mapper';
import { saveMapping } from '../mapping-store';
import { importFile, previewImport } from '../pipeline';
import { suggestMapping } from './suggest';

const JAN_APR = join(SOURCE_FIXTURES, 'program_statistics_2024_jan-apr.csv');
const MAY_JUN = join(SOURCE_FIXTURES, 'program_statistics_2024_may-jun.csv');
const NOW = new Date('2024-07-15T12:00:00Z');

const write = (name: string, text: string) => {
	const path = join(mkdtempSync(join(tmpdir(), 'lantern-open-data-')), name);
	writeFileSync(path, text);
	return path;
};

/** The mapping a person gets by accepting every suggestion for the January–April file. */
async function suggestedMapping(name = 'County program statistics'): Promise<ColumnMapping> {
	const preview = await inspectSpreadsheet(JAN_APR, 'program_statistics_2024_jan-apr.csv');
	const header = preview.rows[preview.headerLine]!;
	return ColumnMapping.parse({
		name,
		target: 'programs',
		headerLine: preview.headerLine,
		columns: suggestMapping('programs', header, preview.rows.slice(preview.headerLine + 1)),
		header: header.map(normaliseHeader)
	});
}

async function chicagoDatabase() {
	const db = await tempDatabase();
	await saveSettings(db, { timeZone: 'America/Chicago' });
	return db;
}

describe('open-data program statistics through the column mapper', () => {
	it('suggests the year and month columns for the date, and no title from "Event Year"', async () => {
		const mapping = await suggestedMapping();
		expect(mapping.columns).toEqual({
			year: 'event year',
			month: 'event month',
			branch: 'library',
			category: 'category',
			audience: 'age group',
			attendance: 'attendance'
		});
	});

	it('imports the file in one pass: blank attendance unknown, lists kept, whole-system rows left out and said so', async () => {
		const db = await chicagoDatabase();
		const result = await importFile(db, JAN_APR, { source: specFromMapping(await suggestedMapping()), now: NOW });
		// 40 rows: 5 for All Locations left out, 35 stored; 17 of those have no attendance.
		expect(result).toMatchObject({ status: 'imported', rowsLoaded: 35, errorCount: 0 });
		expect(result.notes).toEqual([
			`5 rows for “All Locations” were left out: they give figures for the whole library system, and adding them to the branches' rows would count that attendance twice.`,
			`4 rows for “Virtual” and “Service Center” were kept with no branch (the place is stored as the location): they count in the library's totals, not in any branch's.`
		]);
		expect(
			await db.query(
				`SELECT count(*) AS n, count(attendance) AS recorded, sum(attendance) AS attendance,
					count(*) FILTER (WHERE branch = 'All Locations') AS system_rows FROM programs`
			)
		).toEqual([{ n: 35, recorded: 18, attendance: 1355, system_rows: 0 }]);
		expect(
			await db.query(
				`SELECT title, branch, location, category, categories, audience, audiences, attendance,
					strftime(timezone('America/Chicago', starts_at), '%Y-%m-%d %H:%M') AS starts
				 FROM programs WHERE starts_at < TIMESTAMPTZ '2024-02-01 06:00:00+00' ORDER BY branch NULLS LAST, title`
			)
		).toEqual([
			{
				title: 'Arts & Crafts, STEM (Children)',
				branch: 'Central Library',
				location: null,
				category: 'Arts & Crafts',
				categories: ['Arts & Crafts', 'STEM'],
				audience: 'Children',
				audiences: ['Children'],
				attendance: null,
				starts: '2024-01-01 00:00'
			},
			expect.objectContaining({ title: 'Author Talks, Book Clubs (Adults)', attendance: 41 }),
			expect.objectContaining({
				title: 'Storytime (Children, Families)',
				branch: 'Central Library',
				audiences: ['Children', 'Families'],
				attendance: 212
			}),
			expect.objectContaining({ branch: 'Northgate Branch', title: 'Storytime (Children, Families)' }),
			expect.objectContaining({ branch: 'Northgate Branch', title: 'Technology (Adults, Seniors)' }),
			expect.objectContaining({ branch: 'Southside Branch', title: 'Arts & Crafts (Teens)' }),
			expect.objectContaining({ branch: 'Southside Branch', title: 'Storytime (Children)' }),
			expect.objectContaining({ branch: 'Westwood Branch', title: 'Health & Wellness (Seniors)' }),
			expect.objectContaining({
				branch: 'Westwood Branch',
				categories: ['Reading & Literacy', 'Storytime']
			}),
			expect.objectContaining({ title: 'Author Talks (Adults)', branch: null, location: 'Virtual', attendance: null })
		]);
	});

	it('counts Overview attendance once: branches and online programs, never the All Locations totals', async () => {
		const db = await chicagoDatabase();
		await importFile(db, JAN_APR, { source: specFromMapping(await suggestedMapping()), now: NOW });
		const data = await overview(db, { from: '2024-01-01', to: '2024-04-30' });
		// 775 + 152 + 137 + 134 at the branches, 93 Virtual, 64 Service Center; the 758 of All Locations stay out.
		expect(data.kpis.find((kpi) => kpi.id === 'attendance')?.value).toBe(1355);
		expect(data.monthlyOutcomes.filter((row) => row.metric === 'attendance')).toEqual([
			{ month: '2024-01-01', metric: 'attendance', value: 389 },
			{ month: '2024-02-01', metric: 'attendance', value: 379 },
			{ month: '2024-03-01', metric: 'attendance', value: 366 },
			{ month: '2024-04-01', metric: 'attendance', value: 221 }
		]);
		expect(await db.query(`SELECT DISTINCT branch FROM programs WHERE branch IS NOT NULL ORDER BY 1`)).toEqual([
			{ branch: 'Central Library' },
			{ branch: 'Northgate Branch' },
			{ branch: 'Southside Branch' },
			{ branch: 'Westwood Branch' }
		]);
	});

	it('saves the mapping, and the next file (months as numbers) imports in one step', async () => {
		const db = await chicagoDatabase();
		const mapping = await suggestedMapping();
		await importFile(db, JAN_APR, { source: specFromMapping(mapping), now: NOW });
		await saveMapping(db, mapping);
		const next = await importFile(db, MAY_JUN, { now: NOW });
		expect(next).toMatchObject({
			status: 'imported',
			source: 'mapping:County program statistics',
			rowsLoaded: 14,
			notes: [
				expect.stringMatching(/^2 rows for “All Locations” were left out/),
				expect.stringMatching(/^3 rows for “Online” and “Service Center” were kept with no branch/)
			]
		});
		expect(
			await db.query(
				`SELECT strftime(timezone('America/Chicago', starts_at), '%Y-%m') AS month, count(*) AS n, sum(attendance) AS attendance
				 FROM programs WHERE starts_at >= TIMESTAMPTZ '2024-05-01 05:00:00+00' GROUP BY 1 ORDER BY 1`
			)
		).toEqual([
			{ month: '2024-05', n: 7, attendance: 370 },
			{ month: '2024-06', n: 7, attendance: 673 }
		]);
	});

	it('reads months written Jan, jan., Sept or 09, and refuses a month or year it cannot read, saying how to write one', async () => {
		const db = await chicagoDatabase();
		const mapping = await suggestedMapping();
		const header = 'Library,Event Year,Event Month,Category,Age Group,Events,Attendance\n';
		const good = write(
			'short_months.csv',
			`${header}Central Library,2024,Jan,Storytime,Children,2,30\nCentral Library,2024,jan.,STEM,Teens,1,\nCentral Library,2024,Sept,STEM,Teens,1,12\nCentral Library,2024,09,Storytime,Children,1,9\n`
		);
		const shown = await previewImport(db, good, 'short_months.csv', specFromMapping(mapping));
		expect(shown.errors).toEqual([]);
		expect(shown.rows.map((row) => (row.starts_at as Date).toISOString().slice(0, 7))).toEqual([
			'2024-01',
			'2024-01',
			'2024-09',
			'2024-09'
		]);
		const bad = write(
			'bad_months.csv',
			`${header}Central Library,2024,Smarch,Storytime,Children,2,30\nCentral Library,24,13,STEM,Teens,1,\nCentral Library,,March,STEM,Teens,1,4\n`
		);
		const refused = await importFile(db, bad, { source: specFromMapping(mapping) });
		expect(refused).toMatchObject({ status: 'rejected', errorCount: 4 });
		expect(refused.errors).toEqual([
			{
				row: 2,
				column: 'Event Month',
				message: 'a 6-character text is not a month (a number from 1 to 12, or a name such as January or Jan)'
			},
			{ row: 3, column: 'Event Year', message: 'a 2-digit number is not a year such as 2026' },
			{
				row: 3,
				column: 'Event Month',
				message: 'a 2-digit number is not a month (a number from 1 to 12, or a name such as January or Jan)'
			},
			{ row: 4, column: 'Event Year', message: 'is empty, but every row needs a value here' }
		]);
	});

	it('says which dates it reads in words, never in strftime codes', async () => {
		const db = await tempDatabase();
		const path = write('events.csv', 'Event Name,Event Date,Library,Attendance\nToddler Time,31/31/2026,Central,12\n');
		const preview = await inspectSpreadsheet(path, 'events.csv');
		const mapping = ColumnMapping.parse({
			name: 'Events',
			target: 'programs',
			headerLine: 0,
			columns: suggestMapping('programs', preview.rows[0]!, preview.rows.slice(1)),
			header: preview.rows[0]!.map(normaliseHeader)
		});
		const { errors } = await previewImport(db, path, 'events.csv', specFromMapping(mapping));
		expect(errors).toEqual([
			{
				row: 2,
				column: 'Event Date',
				message:
					'a 10-character text is not a real date written MM/DD/YYYY, YYYY-MM-DD, Month YYYY, Mon YYYY, YYYY-MM, MM/DD/YY, DD/MM/YYYY, YYYY/MM/DD, YYYY-MM-DD HH:mm:ss or DD.MM.YYYY'
			}
		]);
	});
});
