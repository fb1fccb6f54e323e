import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDatabase } from '../db/test-support';
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
	const view = await mapperView(token, MapperQuery.parse({}));
	if (!view.ok) throw new Error(view.message);
	const columns = Object.fromEntries(Object.entries(view.suggestion).map(([key, column]) => [`col_${key}`, column]));
	return MappingForm.parse({ target: 'programs', headerLine: String(view.headerLine), name, ...columns });
}

describe('mapping a held upload by hand', () => {
	it('shows the first rows with the header found under a title row and a guess for each field', async () => {
		const view = await mapperView(await held('march.csv', EVENTS), MapperQuery.parse({}));
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
		expect(await mapperView(gone, MapperQuery.parse({}))).toMatchObject({ ok: false, status: 404 });
		expect(await previewMapping(await tempDatabase(), gone, { target: 'programs' })).toMatchObject({
			ok: false,
			status: 404
		});
		expect(MappingForm.safeParse({ target: 'weather' }).success).toBe(false);
	});
});
