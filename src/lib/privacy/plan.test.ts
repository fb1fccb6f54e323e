import { describe, expect, it } from 'vitest';
import { fakeLibcalRegistrantsExport, fakeSummerReadingExport } from './fake-patrons';
import { planPrivacy } from './plan';

const summer = fakeSummerReadingExport();
const libcal = fakeLibcalRegistrantsExport();
const sample = summer.rows.slice(0, 50);

describe('planPrivacy', () => {
	it('keeps an aggregate file as it is', () => {
		const header = ['period_start', 'period', 'branch', 'program', 'age_group', 'metric', 'value'];
		const plan = planPrivacy(header, [
			['2025-06-02', 'week', 'Central', 'Summer Reading 2025', 'Kids (6-11)', 'registrations', '140']
		]);
		expect(plan).toEqual({
			action: 'keep',
			dropped: [],
			blocking: [],
			groupedOnly: [],
			message: 'No column holds patron-level personal data; the file is imported as it is.'
		});
	});

	it('drops the personal columns of a reader-level export it aggregates, and says which and why', () => {
		const plan = planPrivacy(summer.header, sample, {
			aggregateBy: ['Branch', 'Program', 'Age Group'],
			requiredColumns: ['Branch', 'Program']
		});
		expect(plan.action).toBe('drop-columns');
		expect(plan.dropped.map((column) => column.header)).toEqual([
			'Reader ID',
			'First Name',
			'Last Name',
			'Email',
			'Phone',
			'Address',
			'Birthdate',
			'Library Card'
		]);
		expect(plan.message.split('\n')).toEqual([
			'Lantern never stores patron-level personal data, so it dropped 8 columns before storing anything:',
			'- "Reader ID" (column 1): header "Reader ID" and 50 of 50 sampled values are patron identifiers',
			'- "First Name" (column 2): header "First Name" and 50 of 50 sampled values are personal names',
			'- "Last Name" (column 3): header "Last Name" and 50 of 50 sampled values are personal names',
			'- "Email" (column 4): header "Email" and 50 of 50 sampled values are email addresses',
			'- "Phone" (column 5): header "Phone" and 50 of 50 sampled values are phone numbers',
			'- "Address" (column 6): header "Address" and 50 of 50 sampled values are street addresses',
			'- "Birthdate" (column 7): header "Birthdate" and 50 of 50 sampled values are birth dates',
			'- "Library Card" (column 8): header "Library Card" and 50 of 50 sampled values are library card barcodes',
			'Each row is one person, so only counts by Branch, Program and Age Group are stored.'
		]);
	});

	it('drops without aggregating when the importer keeps rows', () => {
		const plan = planPrivacy(libcal.header, libcal.rows.slice(0, 50), { requiredColumns: ['Event ID', 'Start Date'] });
		expect(plan.action).toBe('drop-columns');
		expect(plan.dropped).toHaveLength(7);
		expect(plan.message.endsWith('The remaining columns are imported without them.')).toBe(true);
	});

	it('refuses a file whose needed column is personal, and says what to export instead', () => {
		const plan = planPrivacy(summer.header, sample, { aggregateBy: ['branch', 'Library Card'] });
		expect(plan.action).toBe('refuse');
		expect(plan.blocking.map((column) => column.header)).toEqual(['Library Card']);
		expect(plan.dropped).toHaveLength(7);
		const lines = plan.message.split('\n');
		expect(lines.slice(0, 3)).toEqual([
			'Lantern cannot import this file without keeping patron-level personal data, which it never stores. Nothing from it was stored.',
			'It needs 1 personal column:',
			'- "Library Card" (column 8): header "Library Card" and 50 of 50 sampled values are library card barcodes; it is needed to group the rows'
		]);
		expect(lines).toContain('Other personal columns in the file:');
		expect(lines[lines.length - 1]).toMatch(
			/^Export an aggregate report instead: counts by branch, program, age group and date/
		);
	});

	it('refuses when a required column is personal, matching headers however they are spelled', () => {
		const plan = planPrivacy(['Patron Name', 'Program', 'Attended'], [], { requiredColumns: ['patron_name'] });
		expect(plan.action).toBe('refuse');
		expect(plan.message).toContain(
			'- "Patron Name" (column 1): header "Patron Name" names a person\'s name; it is needed as a required column'
		);
	});

	it('lets a ZIP beside a street be a grouping key, since the street is dropped', () => {
		const rows = sample.map((row) => [row[5]!.split(',')[0]!, row[5]!.slice(-5), row[8]!, row[12]!]);
		const plan = planPrivacy(['Street', 'ZIP', 'Branch', 'Minutes Read'], rows, { aggregateBy: ['ZIP', 'Branch'] });
		expect(plan.action).toBe('drop-columns');
		expect(plan.dropped.map((column) => column.header)).toEqual(['Street']);
		expect(plan.groupedOnly.map((column) => column.header)).toEqual(['ZIP']);
		expect(plan.message).toContain(
			'"ZIP" is kept only to count by: it is part of a postal address, and no street is stored with it.'
		);
		// Kept per row instead of counted by, it stays part of the address.
		expect(planPrivacy(['Street', 'ZIP', 'Branch'], rows, { requiredColumns: ['ZIP'] }).action).toBe('refuse');
	});

	it('never quotes a cell in its message', () => {
		for (const options of [{ aggregateBy: ['Branch'] }, { aggregateBy: ['Email'] }]) {
			const { message } = planPrivacy(summer.header, sample, options);
			for (const { value, distinctive } of summer.personalValues)
				if (distinctive) expect(message.includes(value) ? value : null).toBeNull();
		}
	});
});
