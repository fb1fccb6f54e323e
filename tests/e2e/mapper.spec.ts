import { expect, test } from '@playwright/test';
import { hydrated } from '../support/hydrated';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
