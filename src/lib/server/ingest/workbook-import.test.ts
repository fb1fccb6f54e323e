import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprint, REPO_ROOT, tempDatabase } from '../db/test-support';
import { saveSettings } from '../settings';
import { importUpload } from './import-any';
import { inspectSpreadsheet } from './mapper';
import { importFile } from './pipeline';
import { BIFF, excelJsWorkbook, xlsOf } from './readers/workbook/test-support';

/** Workbooks written by other programs (ExcelJS, LibreOffice), imported end to end. */
const WRITTEN_BY_OTHERS = join(REPO_ROOT, 'src/lib/server/ingest/readers/fixtures');

function scratchFile(name: string, content: Buffer): string {
	const path = join(mkdtempSync(join(tmpdir(), 'lantern-files-')), name);
	writeFileSync(path, content);
	return path;
}

describe('workbooks whose dates and times are real date cells', () => {
	it('imports a usage workbook whose period starts are date cells (each arrived as a serial such as 46023 and the file was refused)', async () => {
		const db = await tempDatabase();
		const workbook = await excelJsWorkbook((book) => {
			const sheet = book.addWorksheet('Usage');
			sheet.addRow(['period_start', 'period', 'branch', 'metric', 'value']);
			sheet.addRow([new Date(Date.UTC(2026, 0, 1)), 'month', 'Central', 'visits', 4210]);
			sheet.addRow([new Date(Date.UTC(2026, 1, 1)), 'month', 'Central', 'visits', 3987]);
			sheet.getColumn(1).numFmt = 'dd/mm/yyyy';
		});
		expect(await importFile(db, scratchFile('usage.xlsx', workbook))).toMatchObject({
			status: 'imported',
			source: 'lantern-usage',
			rowsLoaded: 2
		});
		expect(
			await db.query(`SELECT strftime(period_start, '%Y-%m-%d') AS month, value FROM usage ORDER BY month`)
		).toEqual([
			{ month: '2026-01-01', value: 4210 },
			{ month: '2026-02-01', value: 3987 }
		]);
	});

	it('imports LibCal events saved by LibreOffice as .xlsx, their dates and times real date and time cells', async () => {
		const db = await tempDatabase();
		await saveSettings(db, { timeZone: 'America/Chicago' });
		const [result] = await importUpload(db, join(WRITTEN_BY_OTHERS, 'libcal-events.xlsx'), {
			fileName: 'libcal-events.xlsx'
		});
		expect(result).toMatchObject({ status: 'imported', source: 'libcal-events', rowsLoaded: 3 });
		const local = (column: string) => `strftime(${column} AT TIME ZONE 'America/Chicago', '%Y-%m-%d %H:%M')`;
		expect(
			await db.query(
				`SELECT program_id, title, ${local('starts_at')} AS starts, ${local('end_at')} AS ends FROM programs ORDER BY program_id`
			)
		).toEqual([
			{ program_id: '10384120', title: 'Preschool Storytime', starts: '2026-01-05 10:30', ends: '2026-01-05 11:00' },
			{
				program_id: '10384142',
				title: 'Baby & Toddler Storytime',
				starts: '2026-01-06 10:00',
				ends: '2026-01-06 10:30'
			},
			{
				program_id: '10384177',
				title: 'Author Talk: "Rivers of the Valley"',
				starts: '2026-01-08 18:30',
				ends: '2026-01-08 20:00'
			}
		]);
	});
});

describe('old binary .xls workbooks', () => {
	it('imports a LinkedIn Page content export as .xls: its Metrics and All posts sheets, each its own import (it was refused: "re-save as .xlsx")', async () => {
		const db = await tempDatabase();
		await saveSettings(db, { timeZone: 'America/Chicago' });
		const results = await importUpload(db, join(WRITTEN_BY_OTHERS, 'linkedin-content.xls'), {
			fileName: 'maplevalley_content_1772000000000.xls'
		});
		expect(results).toMatchObject([
			{
				status: 'imported',
				source: 'linkedin-page-metrics',
				rowsLoaded: 31,
				fileName: 'maplevalley_content_1772000000000.xls › Metrics'
			},
			{
				status: 'imported',
				source: 'linkedin-page-posts',
				rowsLoaded: 60,
				fileName: 'maplevalley_content_1772000000000.xls › All posts'
			}
		]);
		expect(
			await db.query(
				`SELECT strftime(date, '%Y-%m-%d') AS day, impressions, engagements FROM account_daily WHERE platform = 'linkedin' ORDER BY day LIMIT 2`
			)
		).toEqual([
			{ day: '2026-03-01', impressions: 337, engagements: 14 },
			{ day: '2026-03-02', impressions: 374, engagements: 16 }
		]);
		expect(
			await db.query(
				`SELECT post_id, strftime(published_at AT TIME ZONE 'America/Chicago', '%Y-%m-%d %H:%M') AS published, impressions FROM posts WHERE post_id = '7300000000000000059'`
			)
		).toEqual([{ post_id: '7300000000000000059', published: '2026-03-04 12:53', impressions: 1049 }]);
	});

	it('imports LibCal events saved as .xls by LibreOffice', async () => {
		const db = await tempDatabase();
		expect(
			await importUpload(db, join(WRITTEN_BY_OTHERS, 'libcal-events.xls'), { fileName: 'lc_events.xls' })
		).toMatchObject([{ status: 'imported', source: 'libcal-events', rowsLoaded: 3 }]);
	});

	it('refuses a password-protected .xls in words and stores nothing', async () => {
		const db = await tempDatabase();
		const before = await fingerprint(db);
		const [result] = await importUpload(
			db,
			scratchFile('locked.xls', xlsOf([BIFF.filePass()], [{ name: 'Metrics', records: [] }])),
			{ fileName: 'locked.xls' }
		);
		expect(result).toMatchObject({ status: 'rejected' });
		expect(result!.errors[0]!.message).toMatch(/protected with a password/);
		expect(await fingerprint(db)).toEqual(before);
	});

	it('offers an unrecognised .xls to the column mapper, sheet by sheet', async () => {
		const preview = await inspectSpreadsheet(
			join(WRITTEN_BY_OTHERS, 'linkedin-content.xls'),
			'content.xls',
			'All posts'
		);
		expect(preview).toMatchObject({ sheets: ['Metrics', 'All posts'], sheet: 'All posts', headerLine: 1 });
		expect(preview.rows[1]!.slice(0, 3)).toEqual(['Post title', 'Post link', 'Post type']);
	});
});
