/**
 * Reader- and registrant-level exports full of fictional personal data, for testing that Lantern
 * drops or refuses it, and the list of every personal value written, so a test can search a
 * database file for each one afterwards. Seeded: the same seed gives the same bytes.
 */
import { dayFromIso, isoFromDay } from '../calendar';
import { csvDocument } from '../demo/csv';
import { BRANCHES } from '../demo/library';
import { createRandom, type Random } from '../demo/random';
import { fakeHousehold, fakePerson, type FakePerson, type Household } from './test-support';
import type { PersonalKind } from './personal-column';

export interface PersonalValue {
	column: string;
	kind: PersonalKind;
	value: string;
	/**
	 * Safe to search for as a substring of a whole database file without false alarms: everything
	 * but given names shorter than six letters ("Ava" is inside "Java"). The same rows' family
	 * names, emails and barcodes still catch any leak of those rows.
	 */
	distinctive: boolean;
}

export interface FakeExport {
	fileName: string;
	header: string[];
	rows: string[][];
	csv: string;
	/** every personal cell written, once per distinct value */
	personalValues: PersonalValue[];
}

export const SUMMER_READING_HEADER = [
	'Reader ID',
	'First Name',
	'Last Name',
	'Email',
	'Phone',
	'Address',
	'Birthdate',
	'Library Card',
	'Branch',
	'Program',
	'Age Group',
	'Registered On',
	'Minutes Read',
	'Books Read',
	'Completed'
];
const SUMMER_PERSONAL: Record<string, PersonalKind> = {
	'Reader ID': 'patron_id',
	'First Name': 'name',
	'Last Name': 'name',
	Email: 'email',
	Phone: 'phone',
	Address: 'street_address',
	Birthdate: 'birth_date',
	'Library Card': 'card_number'
};

/** The demo library's literacy age groups, each with an age range and its challenge. */
const AGE_BANDS = [
	{ group: 'Early literacy (0-5)', ages: [2, 5], program: 'Summer Reading Challenge 2025', minutes: 600, weight: 24 },
	{ group: 'Kids (6-11)', ages: [6, 11], program: 'Summer Reading Challenge 2025', minutes: 900, weight: 44 },
	{ group: 'Teens (12-17)', ages: [12, 17], program: 'Teen Summer Reading 2025', minutes: 700, weight: 14 },
	{ group: 'Adults (18+)', ages: [18, 84], program: 'Adult Summer Reading 2025', minutes: 800, weight: 18 }
] as const;

/**
 * A Beanstack-style reader-level summer reading export: one row per reader, children sharing a
 * household's address, phone and (the parent's) email, as family accounts do.
 */
export function fakeSummerReadingExport(seed = 20250601, readers = 200): FakeExport {
	const random = createRandom(seed, 'privacy/summer-reading');
	const taken = new Set<string>();
	const kickoff = dayFromIso('2025-06-02');
	const rows: string[][] = [];
	let household: Household = fakeHousehold(random, taken);
	let readerId = 48_213_900;

	while (rows.length < readers) {
		if (rows.length > 0 && random.chance(0.55)) household = fakeHousehold(random, taken);
		const band = random.weighted(AGE_BANDS.map((b) => [b, b.weight] as const));
		const registered = kickoff + (Math.floor(random.gamma(1.2, 9)) % 60);
		const person = fakePerson(random, household, random.integer(band.ages[0], band.ages[1]), registered, taken);
		readerId += random.integer(1, 40);
		const minutes = Math.round(random.logNormal(band.minutes, 0.9));
		rows.push([
			String(readerId),
			person.givenName,
			person.familyName,
			household.email,
			household.phone,
			household.address,
			person.birthDate,
			person.barcode,
			random.pick(BRANCHES),
			band.program,
			band.group,
			isoFromDay(registered),
			String(minutes),
			String(Math.max(0, Math.round(minutes / random.uniform(25, 60)))),
			minutes >= band.minutes ? 'Yes' : 'No'
		]);
	}
	return fakeExport('summer_reading_readers_2025.csv', SUMMER_READING_HEADER, rows, SUMMER_PERSONAL, 'minimal');
}

export const LIBCAL_REGISTRANT_HEADER = [
	'Event ID',
	'Event Title',
	'Start Date',
	'Campus',
	'Registration ID',
	'First Name',
	'Last Name',
	'Email',
	'Phone Number',
	'Library Card Number',
	"Child's Name",
	"Child's Age",
	'Registered',
	'Registration Type',
	'Attendance'
];
const LIBCAL_PERSONAL: Record<string, PersonalKind> = {
	'Registration ID': 'patron_id',
	'First Name': 'name',
	'Last Name': 'name',
	Email: 'email',
	'Phone Number': 'phone',
	'Library Card Number': 'card_number',
	"Child's Name": 'name'
};

const REGISTRATION_EVENTS = [
	{ title: 'Baby & Toddler Storytime', forChildren: true, seats: 25 },
	{ title: 'Lego Club', forChildren: true, seats: 20 },
	{ title: 'Teen Anime Club', forChildren: false, seats: 15 },
	{ title: 'Resume Workshop', forChildren: false, seats: 12 },
	{ title: 'Author Talk: Small Hours on Cedar Street', forChildren: false, seats: 60 }
] as const;

/**
 * A LibCal registrations export: one row per registrant per event, with the sign-up form's
 * contact questions and, for children's events, the child's name and age.
 */
export function fakeLibcalRegistrantsExport(seed = 20250901, events = 8): FakeExport {
	const random = createRandom(seed, 'privacy/libcal-registrants');
	const taken = new Set<string>();
	const rows: string[][] = [];
	let eventId = 10_417_230;
	let registrationId = 61_504_000;

	for (let e = 0; e < events; e++) {
		const event = REGISTRATION_EVENTS[e % REGISTRATION_EVENTS.length]!;
		const day = dayFromIso('2025-09-02') + e * 6 + random.integer(0, 3);
		eventId += random.integer(3, 90);
		const campus = random.pick(BRANCHES);
		const registrants = random.integer(Math.ceil(event.seats / 2), event.seats);
		for (let r = 0; r < registrants; r++) {
			rows.push(
				registrantRow(
					random,
					taken,
					{ eventId, title: event.title, day, campus, forChildren: event.forChildren },
					(registrationId += random.integer(1, 25))
				)
			);
		}
	}
	return fakeExport(
		'lc_registrations_2025-09-01_2025-10-31.csv',
		LIBCAL_REGISTRANT_HEADER,
		rows,
		LIBCAL_PERSONAL,
		'always'
	);
}

interface RegistrationEvent {
	eventId: number;
	title: string;
	day: number;
	campus: string;
	forChildren: boolean;
}

function registrantRow(random: Random, taken: Set<string>, event: RegistrationEvent, registrationId: number): string[] {
	const household = fakeHousehold(random, taken);
	const adult: FakePerson = fakePerson(random, household, random.integer(19, 70), event.day, taken);
	const child = event.forChildren ? fakePerson(random, household, random.integer(1, 8), event.day, taken) : null;
	const registered = event.day - random.integer(1, 21);
	const attended = event.day > dayFromIso('2025-10-20') ? '' : random.chance(0.8) ? 'Attended' : 'Did not attend';
	return [
		String(event.eventId),
		event.title,
		isoFromDay(event.day),
		event.campus,
		String(registrationId),
		adult.givenName,
		adult.familyName,
		household.email,
		household.phone,
		random.chance(0.85) ? adult.barcode : '',
		child ? `${child.givenName} ${child.familyName}` : '',
		child ? String(ageOn(child, event.day)) : '',
		`${isoFromDay(registered)} ${String(random.integer(7, 21)).padStart(2, '0')}:${String(random.integer(0, 59)).padStart(2, '0')}`,
		random.chance(0.9) ? 'In-Person' : 'Online',
		attended
	];
}

function ageOn(person: FakePerson, day: number): number {
	const [month, date, year] = person.birthDate.split('/').map(Number) as [number, number, number];
	return Math.floor((day - Date.UTC(year, month - 1, date) / 86_400_000) / 365.2425);
}

function fakeExport(
	fileName: string,
	header: string[],
	rows: string[][],
	personal: Record<string, PersonalKind>,
	style: 'minimal' | 'always'
): FakeExport {
	const seen = new Set<string>();
	const personalValues: PersonalValue[] = [];
	header.forEach((column, index) => {
		const kind = personal[column];
		if (!kind) return;
		for (const row of rows) {
			const value = row[index] ?? '';
			if (value === '' || seen.has(value)) continue;
			seen.add(value);
			personalValues.push({ column, kind, value, distinctive: !(column === 'First Name' && value.length < 6) });
		}
	});
	const headerLine = style === 'always' ? header.map((cell) => `"${cell}"`).join(',') : header.join(',');
	return { fileName, header, rows, csv: csvDocument(headerLine, rows, { style }), personalValues };
}
