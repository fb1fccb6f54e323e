/**
 * Helpers only the privacy tests use. Realistic but fictional people: the shapes a real
 * reader-level export holds (mixed phone formats, apartment numbers, hyphenated and accented
 * names) with nothing real in them. Phone numbers use the 555-0100…0199 block reserved for
 * fiction, email addresses the example.com/.net/.org domains reserved by RFC 2606, and the city is
 * the demo library's own. No name here appears in the demo library's exports (fake-patrons.test.ts
 * checks), so a search of a database for them cannot mistake demo data for a leak.
 */
import type { Random } from '../demo/random';

/** Half are outside given-names.ts, so detection is tested on names it does not know. */
export const FAKE_GIVEN_NAMES = [
	'Ava',
	'Liam',
	'Sophia',
	'Mateo',
	'Harper',
	'Elijah',
	'Amara',
	'Tariq',
	'Priya',
	'Kenji',
	'Ximena',
	'Declan',
	'Zainab',
	'Nikolai',
	'Fatima',
	'Oluwaseun',
	'Siobhan',
	'Bao',
	'Linh',
	'Ignacio',
	'Rosalind',
	'Darnell',
	'Margaret',
	'Walter',
	'Beatriz',
	'Thandiwe',
	'Anaya',
	'Hudson',
	'Mila',
	'Theodore',
	'Renée',
	'José',
	'Yusuf',
	'Naomi',
	'Eleanor',
	'Caleb',
	'Zoey',
	'Soren',
	'Imani',
	'Gideon',
	'Luz',
	'Carmen',
	'Owen',
	'Ruby',
	'Esperanza'
] as const;

export const FAKE_FAMILY_NAMES = [
	'Thompson',
	'Nguyen',
	'Garcia',
	'Brennan',
	'Castillo',
	'Haddad',
	'Lindgren',
	'Whitfield',
	'Abernathy',
	'Delgado',
	'Nakamura',
	'Osei',
	'Fitzgerald',
	'Rasmussen',
	'Petrov',
	'Adeyemi',
	'Vasquez',
	'Holloway',
	'Sorensen',
	'Kaczmarek',
	'Yilmaz',
	'Ibarra',
	'Dubois',
	"O'Donnell",
	'Quintero',
	'Hargrove',
	'Szabo',
	'Ferreira',
	'Bianchi',
	'Ramirez',
	'Jensen',
	'Okonkwo-Reyes',
	'MacAllister',
	'Van der Berg'
] as const;

const STREETS = [
	'Maple',
	'Oakwood',
	'Cedar Ridge',
	'Elm',
	'Walnut',
	'Prairie View',
	'Hickory',
	'Willow Creek',
	'4th',
	'12th',
	'Jefferson',
	'Lincoln',
	'Washington',
	'Church',
	'Mill Pond',
	'Riverbend',
	'Sycamore',
	'Bluestem',
	'Orchard'
] as const;
const STREET_TYPES = [
	'St',
	'Ave',
	'Rd',
	'Dr',
	'Ln',
	'Ct',
	'Blvd',
	'Way',
	'Pl',
	'Cir',
	'Ter',
	'Street',
	'Avenue',
	'Drive'
] as const;
const DIRECTIONS = ['N', 'S', 'E', 'W'] as const;
const PLACES = [
	{ city: 'Maple Valley', zips: ['60950', '60951', '60953'] },
	{ city: 'North Maple', zips: ['60955'] },
	{ city: 'Riverside Heights', zips: ['60958'] }
] as const;
const AREA_CODES = ['217', '309', '618', '779', '815'] as const;
const EMAIL_DOMAINS = ['example.com', 'example.net', 'example.org', 'mail.example.com'] as const;
/** A made-up four-digit institution code for the demo library's patron barcodes. */
const INSTITUTION = '3921';

export interface Household {
	familyName: string;
	street: string;
	city: string;
	state: string;
	zip: string;
	/** one line, as ILS and Beanstack exports write it */
	address: string;
	phone: string;
	email: string;
}

export interface FakePerson {
	givenName: string;
	familyName: string;
	/** MM/DD/YYYY */
	birthDate: string;
	barcode: string;
}

export function fakeHousehold(random: Random, taken: Set<string>): Household {
	const familyName = random.pick(FAKE_FAMILY_NAMES);
	const direction = random.chance(0.2) ? `${random.pick(DIRECTIONS)} ` : '';
	const unit = random.chance(0.15) ? `, Apt ${random.integer(1, 24)}${random.pick(['', 'A', 'B'])}` : '';
	const street = `${random.integer(10, 9899)} ${direction}${random.pick(STREETS)} ${random.pick(STREET_TYPES)}${unit}`;
	const place = random.pick(PLACES);
	const zip = random.pick(place.zips);
	const parent = random.pick(FAKE_GIVEN_NAMES);
	return {
		familyName,
		street,
		city: place.city,
		state: 'IL',
		zip,
		address: `${street}, ${place.city}, IL ${zip}`,
		phone: unique(taken, () => fakePhone(random)),
		email: unique(taken, () => fakeEmail(random, parent, familyName))
	};
}

/** Written as people type them into sign-up forms: several layouts in one file. */
export function fakePhone(random: Random): string {
	const area = random.pick(AREA_CODES);
	const line = `01${String(random.integer(0, 99)).padStart(2, '0')}`;
	return random.weighted([
		[`(${area}) 555-${line}`, 5],
		[`${area}-555-${line}`, 3],
		[`${area}.555.${line}`, 1],
		[`+1 ${area} 555 ${line}`, 1]
	]);
}

export function fakeEmail(random: Random, givenName: string, familyName: string): string {
	const given = ascii(givenName);
	const family = ascii(familyName);
	const local = random.weighted([
		[`${given}.${family}`, 4],
		[`${given.charAt(0)}${family}${random.integer(1, 99)}`, 3],
		[`${family}.family`, 1],
		[`${given}${random.integer(1970, 2012)}`, 2]
	]);
	return `${local}@${random.pick(EMAIL_DOMAINS)}`;
}

/** A Codabar-style patron barcode: 2, the institution, an 8-digit serial, a Luhn check digit. */
export function fakeBarcode(random: Random, taken: Set<string>): string {
	return unique(taken, () => {
		const body = `2${INSTITUTION}${String(random.integer(0, 99_999_999)).padStart(8, '0')}`;
		return `${body}${luhnCheckDigit(body)}`;
	});
}

export function fakeIpAddress(random: Random): string {
	// Documentation ranges (RFC 5737): routable nowhere.
	const block = random.pick(['192.0.2', '198.51.100', '203.0.113']);
	return `${block}.${random.integer(1, 254)}`;
}

/** A person born `age` years and some days before `onDay` (a UTC day number). */
export function fakePerson(
	random: Random,
	household: Household,
	age: number,
	onDay: number,
	taken: Set<string>
): FakePerson {
	const born = new Date((onDay - Math.round(age * 365.2425) - random.integer(0, 364)) * 86_400_000);
	const pad = (n: number) => String(n).padStart(2, '0');
	return {
		givenName: random.pick(FAKE_GIVEN_NAMES),
		familyName: household.familyName,
		birthDate: `${pad(born.getUTCMonth() + 1)}/${pad(born.getUTCDate())}/${born.getUTCFullYear()}`,
		barcode: fakeBarcode(random, taken)
	};
}

function luhnCheckDigit(body: string): number {
	let sum = 0;
	for (let i = 0; i < body.length; i++) {
		let digit = Number(body[body.length - 1 - i]);
		if (i % 2 === 0) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
		sum += digit;
	}
	return (10 - (sum % 10)) % 10;
}

function ascii(name: string): string {
	return name
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^A-Za-z]/g, '')
		.toLowerCase();
}

/** Redraws until the value is new, so every household has its own phone and email. */
function unique(taken: Set<string>, draw: () => string): string {
	for (let attempt = 0; attempt < 1000; attempt++) {
		const value = draw();
		if (!taken.has(value)) {
			taken.add(value);
			return value;
		}
	}
	throw new Error('Ran out of unique fake values; draw fewer people.');
}
