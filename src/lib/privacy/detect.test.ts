import { describe, expect, it } from 'vitest';
import { createRandom } from '../demo/random';
import { detectPersonalColumns } from './detect';
import { fakeIpAddress } from './test-support';
import { fakeLibcalRegistrantsExport, fakeSummerReadingExport } from './fake-patrons';
import type { PersonalColumn } from './personal-column';

const summer = fakeSummerReadingExport();
const libcal = fakeLibcalRegistrantsExport();
const sample = (rows: string[][], n = 50) => rows.slice(0, n);
const brief = (found: PersonalColumn[]) => found.map(({ header, kind, evidence }) => [header, kind, evidence]);
/** The same table with headers that say nothing, so only the values can give a column away. */
const unlabelled = (header: string[]) => header.map((_, index) => `Field ${index + 1}`);

describe('detectPersonalColumns: by header and values together', () => {
	it('finds every personal column of a reader-level summer reading export', () => {
		expect(brief(detectPersonalColumns(summer.header, sample(summer.rows)))).toEqual([
			['Reader ID', 'patron_id', 'both'],
			['First Name', 'name', 'both'],
			['Last Name', 'name', 'both'],
			['Email', 'email', 'both'],
			['Phone', 'phone', 'both'],
			['Address', 'street_address', 'both'],
			['Birthdate', 'birth_date', 'both'],
			['Library Card', 'card_number', 'both']
		]);
	});

	it('finds every personal column of a LibCal registrations export, and none of its event columns', () => {
		expect(brief(detectPersonalColumns(libcal.header, sample(libcal.rows)))).toEqual([
			['Registration ID', 'patron_id', 'both'],
			['First Name', 'name', 'both'],
			['Last Name', 'name', 'both'],
			['Email', 'email', 'both'],
			['Phone Number', 'phone', 'both'],
			['Library Card Number', 'card_number', 'both'],
			["Child's Name", 'name', 'both']
		]);
	});

	it('says why in counts, never quoting a value, since the reason is stored in the import log', () => {
		const found = detectPersonalColumns(summer.header, sample(summer.rows));
		expect(found.find((column) => column.header === 'Email')?.reason).toBe(
			'header "Email" and 50 of 50 sampled values are email addresses'
		);
		const values = new Set(sample(summer.rows).flat());
		for (const column of found)
			for (const value of values) expect(column.reason.includes(value) && value.length > 3 ? value : null).toBeNull();
	});
});

describe('detectPersonalColumns: by header alone', () => {
	it('needs no rows: a personal header is enough', () => {
		expect(
			brief(
				detectPersonalColumns(
					['Branch', 'DOB', 'E-mail Address', 'Mobile', 'Street', 'Barcode', 'Borrower Number', 'IP', 'Full Name'],
					[]
				)
			)
		).toEqual([
			['DOB', 'birth_date', 'header'],
			['E-mail Address', 'email', 'header'],
			['Mobile', 'phone', 'header'],
			['Street', 'street_address', 'header'],
			['Barcode', 'card_number', 'header'],
			['Borrower Number', 'patron_id', 'header'],
			['IP', 'ip_address', 'header'],
			['Full Name', 'name', 'header']
		]);
	});

	it('keeps the header verdict when values do not confirm it, and says so', () => {
		const [address] = detectPersonalColumns(['Address'], [['see form'], ['on file'], ['n/a']]);
		expect(address).toMatchObject({ kind: 'street_address', evidence: 'header' });
		expect(address?.reason).toBe(
			'header "Address" names a street address (its sampled values do not look like street addresses, but the header is enough)'
		);
	});

	it('strips a byte-order mark from the header it reports', () => {
		expect(detectPersonalColumns(['\uFEFFEmail'], [])[0]?.header).toBe('Email');
	});
});

describe('detectPersonalColumns: by values alone', () => {
	it('finds contact details, addresses, birth dates and cards under headers that say nothing', () => {
		expect(brief(detectPersonalColumns(unlabelled(summer.header), sample(summer.rows)))).toEqual([
			['Field 4', 'email', 'values'],
			['Field 5', 'phone', 'values'],
			['Field 6', 'street_address', 'values'],
			['Field 7', 'birth_date', 'values'],
			['Field 8', 'card_number', 'values']
		]);
	});

	it('finds full names by shape when enough start with a common given name', () => {
		const found = detectPersonalColumns(unlabelled(libcal.header), sample(libcal.rows, 80));
		expect(brief(found)).toContainEqual(['Field 11', 'name', 'values']);
	});

	it('finds IP addresses', () => {
		const random = createRandom(3);
		const rows = Array.from({ length: 20 }, (_, i) => [
			`2025-06-${String(i + 1).padStart(2, '0')}`,
			fakeIpAddress(random),
			'Summer Reading sign-up'
		]);
		expect(brief(detectPersonalColumns(['Submitted', 'Source', 'Form'], rows))).toEqual([
			['Source', 'ip_address', 'values']
		]);
	});

	it('reads a birth date only from dates that all precede the file’s other dates by 0–110 years', () => {
		const found = detectPersonalColumns(unlabelled(summer.header), sample(summer.rows));
		expect(found.find((column) => column.kind === 'birth_date')?.reason).toMatch(
			/^50 of 50 sampled values are dates \d+–\d+ years before every other date in the file, as birth dates are$/
		);
		// Event dates before registration dates are a season, not a population: too few years.
		const season = [
			['2025-06-02', '2025-07-01'],
			['2025-06-09', '2025-07-02'],
			['2025-06-16', '2025-07-03'],
			['2025-06-23', '2025-07-04'],
			['2025-06-30', '2025-07-05']
		];
		expect(detectPersonalColumns(['Field A', 'Field B'], season)).toEqual([]);
		// A header that names the date's meaning ("Member Since") keeps the value rule away.
		const since = summer.rows.slice(0, 20).map((row) => [row[6]!, row[11]!]);
		expect(detectPersonalColumns(['Member Since', 'Registered On'], since)).toEqual([]);
		expect(brief(detectPersonalColumns(['Field A', 'Registered On'], since))).toEqual([
			['Field A', 'birth_date', 'values']
		]);
	});

	it('counts emails and phones together in a mixed contact column', () => {
		const rows = summer.rows.slice(0, 10).map((row, i) => [i % 2 === 0 ? row[3]! : row[4]!, row[8]!]);
		const [contact] = detectPersonalColumns(['How to reach you', 'Branch'], rows);
		expect(contact).toMatchObject({
			kind: 'email',
			evidence: 'values',
			reason: '10 of 10 sampled values are email addresses or phone numbers'
		});
	});
});

describe('detectPersonalColumns: guards against false positives', () => {
	it('reads small numbers under a personal-sounding header as a measure', () => {
		expect(
			detectPersonalColumns(
				['Date', 'Phone', 'Email'],
				[
					['2025-06-02', '14', '3'],
					['2025-06-03', '9', '0'],
					['2025-06-04', '22', '5']
				]
			)
		).toEqual([]);
	});

	it('reads numbers under a person word as a patron number', () => {
		expect(
			brief(
				detectPersonalColumns(
					['Patron', 'Checkouts'],
					[
						['104233', '4'],
						['104811', '2'],
						['105002', '7']
					]
				)
			)
		).toEqual([['Patron', 'patron_id', 'both']]);
	});

	it('lets item barcodes (leading 3) through under a bare "Barcode" header', () => {
		expect(
			detectPersonalColumns(
				['Barcode', 'Title'],
				[
					['33921000123456', 'Salt & Cedar'],
					['33921000123457', 'Pip Counts the Stars'],
					['33921000123458', 'North of the Prairie']
				]
			)
		).toEqual([]);
	});

	it('corrects the kind when the values clearly say otherwise', () => {
		const rows = summer.rows.slice(0, 10).map((row) => [row[3]!]);
		expect(detectPersonalColumns(['Contact Phone'], rows)[0]).toMatchObject({
			kind: 'email',
			evidence: 'both',
			reason: 'header "Contact Phone" names a phone number and 10 of 10 sampled values are email addresses'
		});
	});

	it('does not read program titles, places or performers as people', () => {
		const rows = [
			['Baby & Toddler Storytime', 'Cedar Rapids', 'Prairie Puppet Theater'],
			['Lego Club', 'Des Moines', "Mr. Ray's Magic & Mayhem"],
			['Teen Anime Club', 'Sioux Falls', 'Juggling with Jen'],
			['Resume Workshop', 'Maple Valley', 'Bubble Science Live'],
			['Summer Reading Kickoff Party', 'North Maple', 'Wild Wonders Reptile Show'],
			['Family Movie Night', 'Riverside Heights', 'Lumberjack Larry, Storyteller']
		];
		expect(detectPersonalColumns(['Session', 'Hometown', 'Act'], rows)).toEqual([]);
	});

	it('flags city and ZIP only beside a street address, as parts of it', () => {
		const rows = summer.rows.slice(0, 10).map((row) => [row[5]!.split(',')[0]!, 'Maple Valley', '60950', row[8]!]);
		const found = detectPersonalColumns(['Street', 'City', 'ZIP', 'Branch'], rows);
		expect(found.map(({ header, quasiIdentifier }) => [header, quasiIdentifier ?? false])).toEqual([
			['Street', false],
			['City', true],
			['ZIP', true]
		]);
		expect(found[2]?.reason).toBe('header "ZIP" is part of the postal address beside street-address column "Street"');
		expect(detectPersonalColumns(['ZIP', 'City', 'Registrations'], [['60950', 'Maple Valley', '412']])).toEqual([]);
	});

	it("keeps a library's own address and phone in a file with one row per library", () => {
		const header = ['STABR', 'FSCSKEY', 'LIBID', 'LIBNAME', 'ADDRESS', 'CITY', 'ZIP', 'CNTY', 'PHONE', 'VISITS'];
		const rows = [
			[
				'IL',
				'IL0420',
				'IL0420-002',
				'Maple Valley Public Library',
				'200 W Main St',
				'Maple Valley',
				'60950',
				'Maple',
				'2175550100',
				'437048'
			]
		];
		expect(detectPersonalColumns(header, rows)).toEqual([]);
		// A branch directory without an IMLS key: every row a different branch.
		const branches = [
			'Agincourt',
			'Albion',
			'Alderwood',
			'Armour Heights',
			'Barbara Frum',
			'Bayview',
			'Beaches',
			'Bendale',
			'Black Creek',
			'Bloor/Gladstone',
			'Bridlewood',
			'Brentwood'
		];
		const directory = branches.map((name, i) => [
			`AG${i}`,
			name,
			`${100 + i * 37} Queen St E`,
			'M4M 1A1',
			`416-555-01${String(i).padStart(2, '0')}`
		]);
		expect(
			detectPersonalColumns(['BranchCode', 'BranchName', 'Address', 'PostalCode', 'Telephone'], directory)
		).toEqual([]);
		// The same columns where branches repeat are patrons' addresses, not the branches'.
		const patrons = summer.rows.slice(0, 12).map((row) => ['C1', row[8]!, row[5]!, '60950', row[4]!]);
		expect(
			brief(detectPersonalColumns(['BranchCode', 'BranchName', 'Address', 'PostalCode', 'Telephone'], patrons))
		).toEqual([
			['Address', 'street_address', 'both'],
			['PostalCode', 'street_address', 'header'],
			['Telephone', 'phone', 'both']
		]);
		// And a file with an IMLS key but a person in it is not a directory.
		expect(brief(detectPersonalColumns([...header, 'Director Email', 'Patron Name'], []))).toContainEqual([
			'ADDRESS',
			'street_address',
			'header'
		]);
	});

	it('returns findings sorted by column', () => {
		const found = detectPersonalColumns(['Email', 'Branch', 'First Name', 'ZIP', 'Address'], []);
		expect(found.map((column) => column.index)).toEqual([0, 2, 3, 4]);
	});
});
