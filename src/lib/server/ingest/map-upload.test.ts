import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SOURCE_FIXTURES, tempDatabase } from '../db/test-support';
import { heldUpload, holdUpload } from './held-uploads';
import { importMapping, MapperQuery, mapperView, MappingForm, previewMapping } from './map-upload';

const EVENTS = `Report: Program attendance (LibraryCalendar)
Event Name,Event Date,Start,Library,Age Group,Total Attendance
Toddler Time,03/03/2026,10:30 AM,Eastside,Babies & Toddlers,31
Lego Club,03/05/2026,4:00 PM,Central,Kids,18
`;

async function held(name: string, text: string): Promise<string> {
	const path = join(mkdtempSync(join(tmpdir(), 'lantern-map-upload-')), name);
	writeFileSync(path, text);
	return holdUpload(path, name);
}

/** The form the mapper page posts after its first guess, with the suggested column for each field. */
async function guessedForm(token: string, name: string) {
	const view = await mapperView(await tempDatabase(), token, MapperQuery.parse({}));
	if (!view.ok) throw new Error(view.message);
	const columns = Object.fromEntries(Object.entries(view.suggestion).map(([key, column]) => [`col_${key}`, column]));
	return MappingForm.parse({
		target: 'programs',
		headerLine: String(view.headerLine),
		name,
		systemRows: view.systemRows,
		notBranches: view.notBranches,
		...columns
	});
}

const OPEN_DATA = readFileSync(join(SOURCE_FIXTURES, 'program_statistics_2024_jan-apr.csv'), 'utf8');

describe('mapping a held upload by hand', () => {
	it('shows the first rows with the header found under a title row and a guess for each field', async () => {
		const view = await mapperView(await tempDatabase(), await held('march.csv', EVENTS), MapperQuery.parse({}));
		expect(view).toMatchObject({
			ok: true,
			target: 'programs',
			headerLine: 1,
			suggestion: { title: 'event name', date: 'event date', attendance: 'total attendance' }
		});
	});

	it('previews without storing, then imports, saves the mapping and lets the upload go', async () => {
		const db = await tempDatabase();
		const token = await held('march.csv', EVENTS);
		const form = await guessedForm(token, 'LibraryCalendar');
		const shown = await previewMapping(db, token, form);
		expect(shown.ok && shown.preview.rows[0]).toMatchObject({
			title: 'Toddler Time',
			branch: 'Eastside',
			attendance: 31
		});
		expect(await db.query('SELECT count(*) AS n FROM programs')).toEqual([{ n: 0 }]);
		expect(await importMapping(db, token, form, 'user:staff@library.org')).toMatchObject({
			ok: true,
			mapping: { name: 'LibraryCalendar', target: 'programs', headerLine: 1 }
		});
		expect(await db.query('SELECT count(*) AS n FROM programs')).toEqual([{ n: 2 }]);
		expect(await db.query('SELECT name FROM column_mappings')).toEqual([{ name: 'LibraryCalendar' }]);
		expect(await heldUpload(token)).toBeNull();
	});

	it('says which required fields have no column, and what is wrong with the mapping', async () => {
		const db = await tempDatabase();
		const token = await held('march.csv', EVENTS);
		const form = await guessedForm(token, 'LibraryCalendar');
		expect(await previewMapping(db, token, { ...form, col_attendance: '' })).toEqual({
			ok: false,
			status: 400,
			message: 'Choose a column for: Attendance.'
		});
		expect(await previewMapping(db, token, { ...form, name: ' ' })).toEqual({
			ok: false,
			status: 400,
			message: 'name: give the mapping a name'
		});
	});

	it('answers 404 for an upload no longer held, and refuses a target it does not know', async () => {
		const gone = '00000000-0000-0000-0000-000000000000';
		expect(await mapperView(await tempDatabase(), gone, MapperQuery.parse({}))).toMatchObject({
			ok: false,
			status: 404
		});
		expect(await previewMapping(await tempDatabase(), gone, { target: 'programs' })).toMatchObject({
			ok: false,
			status: 404
		});
		expect(MappingForm.safeParse({ target: 'weather' }).success).toBe(false);
	});

	it('maps open-data program statistics in one pass: year and month, lists, whole-system rows left out', async () => {
		const db = await tempDatabase();
		const token = await held('program_statistics_2024_jan-apr.csv', OPEN_DATA);
		const view = await mapperView(await tempDatabase(), token, MapperQuery.parse({}));
		expect(view).toMatchObject({
			ok: true,
			suggestion: {
				year: 'event year',
				month: 'event month',
				branch: 'library',
				category: 'category',
				audience: 'age group',
				attendance: 'attendance'
			},
			labels: {
				date: 'Date (required, or Year and Month)',
				attendance: 'Attendance (required)'
			}
		});
		const form = await guessedForm(token, 'County program statistics');
		const shown = await previewMapping(db, token, form);
		expect(shown.ok && shown.preview.notes).toEqual([
			expect.stringMatching(/^5 rows for “All Locations” were left out/),
			expect.stringMatching(/^4 rows for “Virtual” and “Service Center” were kept with no branch/)
		]);
		expect(shown.ok && shown.preview.rows[1]).toMatchObject({
			title: 'Arts & Crafts, STEM (Children)',
			categories: ['Arts & Crafts', 'STEM'],
			attendance: null
		});
		const imported = await importMapping(db, token, form, 'user:staff@library.org');
		expect(imported).toMatchObject({
			ok: true,
			mapping: { name: 'County program statistics', systemRows: expect.arrayContaining(['All Locations']) },
			result: { rowsLoaded: 35 }
		});
	});

	it('takes the place names from the form: with no whole-system names, the All Locations rows are kept', async () => {
		const db = await tempDatabase();
		const token = await held('program_statistics_2024_jan-apr.csv', OPEN_DATA);
		const form = await guessedForm(token, 'County program statistics');
		const shown = await previewMapping(db, token, { ...form, systemRows: '', notBranches: 'Virtual' });
		expect(shown.ok && shown.preview.notes).toEqual([
			"3 rows for “Virtual” were kept with no branch (the place is stored as the location): they count in the library's totals, not in any branch's."
		]);
		expect(await importMapping(db, token, { ...form, systemRows: '' }, 'user:staff@library.org')).toMatchObject({
			ok: true,
			result: { rowsLoaded: 40 }
		});
	});

	it('says when a date is given twice, or half of one', async () => {
		const db = await tempDatabase();
		const token = await held('program_statistics_2024_jan-apr.csv', OPEN_DATA);
		const form = await guessedForm(token, 'County program statistics');
		expect(await previewMapping(db, token, { ...form, col_month: '' })).toMatchObject({
			status: 400,
			message: 'A Year column needs a Month column beside it.'
		});
		expect(await previewMapping(db, token, { ...form, col_year: '', col_month: '' })).toMatchObject({
			status: 400,
			message: 'Choose a column for: Date (or Year and Month).'
		});
		expect(await previewMapping(db, token, { ...form, col_date: 'event month' })).toMatchObject({
			status: 400,
			message: 'Choose a Date column or Year and Month columns, not both.'
		});
	});
});
