import { expect, test, type Page } from '@playwright/test';
import { hydrated } from '../support/hydrated';
import { stateOf } from '../support/roles';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Mapping an unknown spreadsheet is staff work (README, "Role").
test.use({ storageState: stateOf('staff') });

const HEADER = 'Event Name,Event Date,Start,Library,Age Group,Total Attendance\n';
const file = (name: string, rows: string) => {
	const path = join(mkdtempSync(join(tmpdir(), 'lantern-e2e-map-')), name);
	writeFileSync(path, HEADER + rows);
	return path;
};

test('a staff member maps an unknown spreadsheet once, and the next one imports in one step', async ({ page }) => {
	await page.goto('/uploads');
	await hydrated(page);
	await page
		.getByLabel('Choose files')
		.setInputFiles(
			file(
				'librarycalendar_may.csv',
				'Toddler Time,05/05/2026,10:30 AM,Eastside,Babies & Toddlers,31\nLego Club,05/07/2026,4:00 PM,Central,Kids,18\n'
			)
		);
	await page.getByRole('link', { name: 'Map its columns by hand' }).click();
	await hydrated(page);
	await expect(page.getByRole('heading', { name: 'Map the columns of librarycalendar_may.csv' })).toBeVisible();
	await expect(page.getByLabel('Attendance (required)')).toHaveValue('total attendance');
	await page.getByLabel('Save this mapping as').fill('LibraryCalendar');
	await page.getByRole('button', { name: 'Preview' }).click();
	await expect(page.getByRole('region', { name: 'Preview' })).toContainText('Toddler Time');
	await page.getByRole('button', { name: 'Import and save the mapping' }).click();
	await expect(page).toHaveURL(/\/uploads\?mapped=LibraryCalendar/);
	await expect(page.getByRole('status').filter({ hasText: 'mapping “LibraryCalendar”' })).toBeVisible();

	await page
		.getByLabel('Choose files')
		.setInputFiles(file('librarycalendar_june.csv', 'Book Club,06/09/2026,7:00 PM,Riverside,Adults,12\n'));
	await expect(page.getByRole('listitem').filter({ hasText: 'librarycalendar_june.csv' })).toContainText(
		'Saved mapping "LibraryCalendar": 1 rows loaded.'
	);
});

const FIXTURES = join(process.cwd(), 'src/lib/server/ingest/sources/fixtures');

/** The Overview's program attendance for a range, as a number (0 when there is none). */
async function programAttendance(page: Page, from: string, to: string): Promise<number> {
	await page.goto(`/overview?from=${from}&to=${to}`);
	const value = page.getByRole('region', { name: 'Key figures' }).getByRole('article', { name: 'Program attendance' });
	return Number((await value.locator('.value').innerText()).replace(/\D/g, '') || 0);
}

test('a staff member maps a library system’s open-data program statistics in one pass', async ({ page }) => {
	const before = await programAttendance(page, '2024-01-01', '2024-04-30');
	await page.goto('/uploads');
	await hydrated(page);
	await page.getByLabel('Choose files').setInputFiles(join(FIXTURES, 'program_statistics_2024_jan-apr.csv'));
	await page.getByRole('link', { name: 'Map its columns by hand' }).click();
	await hydrated(page);

	// The year and month columns make the date; nothing is taken for a title, and blank attendance is allowed.
	const column = (name: RegExp) => page.getByRole('combobox', { name });
	await expect(column(/^Program title/)).toHaveValue('');
	await expect(column(/^Date/)).toHaveValue('');
	await expect(column(/^Year/)).toHaveValue('event year');
	await expect(column(/^Month/)).toHaveValue('event month');
	await expect(column(/^Branch/)).toHaveValue('library');
	await expect(column(/^Category/)).toHaveValue('category');
	await expect(column(/^Audience/)).toHaveValue('age group');
	await expect(column(/^Attendance/)).toHaveValue('attendance');
	await expect(column(/^Attendance/)).toHaveAccessibleDescription('a blank cell is stored as not recorded');
	await expect(page.getByText('stays one record for its month')).toBeVisible();
	await expect(page.getByLabel(/^Rows for the whole system/)).toHaveValue(/All Locations/);
	await expect(page.getByLabel(/^Places that are not branches/)).toHaveValue(/Virtual/);

	await page.getByLabel('Save this mapping as').fill('County program statistics');
	await page.getByRole('button', { name: 'Preview' }).click();
	const preview = page.getByRole('region', { name: 'Preview' });
	await expect(preview).toContainText('5 rows for “All Locations” were left out');
	await expect(preview).toContainText('4 rows for “Virtual” and “Service Center” were kept with no branch');
	await expect(preview.getByRole('cell', { name: 'Arts & Crafts, STEM (Children)' }).first()).toBeVisible();
	// Each month's record starts at midnight on its first day, shown in the library's zone.
	await expect(preview.getByRole('cell', { name: /^Jan 1, 2024, 12:00\sAM$/ }).first()).toBeVisible();

	await page.getByRole('button', { name: 'Import and save the mapping' }).click();
	await expect(page).toHaveURL(/\/uploads\?mapped=County(%20|\+)program(%20|\+)statistics/);
	const status = page.getByRole('status').filter({ hasText: 'mapping “County program statistics”' });
	await expect(status).toContainText('35 rows loaded');
	await expect(status).toContainText('5 rows for “All Locations” were left out');

	// The branches' and online programs' attendance is added once; the All Locations totals (758) are not.
	expect(await programAttendance(page, '2024-01-01', '2024-04-30')).toBe(before + 1355);

	await page.goto('/uploads');
	await hydrated(page);
	await page.getByLabel('Choose files').setInputFiles(join(FIXTURES, 'program_statistics_2024_may-jun.csv'));
	const next = page.getByRole('listitem').filter({ hasText: 'program_statistics_2024_may-jun.csv' });
	await expect(next).toContainText('Saved mapping "County program statistics": 14 rows loaded.');
	await expect(next).toContainText('2 rows for “All Locations” were left out');
});
