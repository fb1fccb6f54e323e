/**
 * What a header cell alone says about its column. A header is personal only when it is an alias
 * (below) with nothing around it but qualifier words: "Parent Email" and "Home Phone Number" are
 * personal, but X's "email tweet" and "dial phone", Instagram's "Account username" and the X
 * archive's "in_reply_to_user_id" are not, because "tweet", "dial", "account" and "reply" are not
 * qualifiers. That grammar, not a list of exceptions, is what keeps platform metrics out.
 */
import { headerWords } from './header-words';
import type { PersonalKind } from './personal-column';

export type HeaderVerdict =
	/** the header alone is evidence */
	| { rule: 'personal'; kind: PersonalKind; personNoun: boolean }
	/** city, ZIP, unit: identifying only beside a street address */
	| { rule: 'address-part' }
	/** "Name", "Contact": the values decide */
	| { rule: 'hint'; kinds: readonly PersonalKind[] }
	/** an organisation, program or public role (presenter, page name): never patron data */
	| { rule: 'public' }
	| { rule: 'neutral'; identifier: boolean; dateContext: boolean };

interface Alias {
	kind: PersonalKind;
	phrase: readonly string[];
	/** the phrase counts only after a person word ("Patron ID", not "Event ID") */
	needsPerson?: boolean;
}

/** People whose data this is: as a prefix they make "ID", "Name" or "Number" personal. */
const PERSON = new Set([
	'patron',
	'reader',
	'borrower',
	'user',
	'member',
	'membership',
	'registrant',
	'participant',
	'attendee',
	'student',
	'child',
	'childs',
	'children',
	'childrens',
	'kid',
	'kids',
	'parent',
	'parents',
	'guardian',
	'guardians',
	'caregiver',
	'caregivers',
	'customer',
	'applicant',
	'cardholder',
	'guest',
	'visitor',
	'adult',
	'teen',
	'youth'
]);

/** A person word that is itself a name column in reader- and registrant-level exports. */
const PERSON_ALONE = [
	'patron',
	'reader',
	'borrower',
	'registrant',
	'participant',
	'attendee',
	'student',
	'child',
	'childs',
	'kid',
	'parent',
	'guardian',
	'caregiver',
	'customer',
	'applicant',
	'cardholder'
];

/** Words that narrow an alias without changing what it is ("Primary Email", "Phone Number 2"). */
const QUALIFIERS = new Set([
	'primary',
	'secondary',
	'home',
	'work',
	'personal',
	'preferred',
	'alternate',
	'alt',
	'main',
	'current',
	'mailing',
	'billing',
	'residential',
	'physical',
	'daytime',
	'evening',
	'emergency',
	'contact',
	'address',
	'number',
	'no',
	'num',
	'nbr',
	'line',
	'code',
	'of',
	'on',
	'the',
	'for',
	's',
	'1',
	'2',
	'3',
	'1st',
	'2nd',
	'full',
	'required',
	'optional',
	'mobile',
	'cell',
	'de',
	'do',
	'da'
]);

const p = (kind: PersonalKind, ...phrases: string[]): Alias[] =>
	phrases.map((phrase) => ({ kind, phrase: phrase.split(' ') }));
const afterPerson = (kind: PersonalKind, ...phrases: string[]): Alias[] =>
	phrases.map((phrase) => ({ kind, phrase: phrase.split(' '), needsPerson: true }));

/** In priority order: "IP Address" is an IP before it is an address, "Patron Number" an ID before a name. */
const ALIASES: readonly Alias[] = [
	...p('ip_address', 'ip', 'client ip', 'remote ip', 'remote addr'),
	...p('email', 'email', 'correo', 'correo electronico'),
	...p(
		'birth_date',
		'birth date',
		'date of birth',
		'dob',
		'd o b',
		'birthday',
		'bday',
		'born',
		'fecha de nacimiento',
		'data de nascimento'
	),
	...p('card_number', 'barcode', 'card', 'library card', 'card id', 'tarjeta'),
	...p('patron_id', 'username', 'user name', 'login', 'registration id', 'registration number', 'account number'),
	...afterPerson('patron_id', 'id', 'number', 'key', 'record', 'identifier', 'uid'),
	...p('phone', 'phone', 'phones', 'telephone', 'tel', 'mobile', 'cell', 'fax', 'sms', 'telefono', 'celular'),
	...p('street_address', 'address', 'street', 'addr', 'residence', 'po box', 'direccion', 'domicilio', 'endereco'),
	...p('name', 'first name', 'last name', 'full name', 'given name', 'family name', 'middle name', 'middle initial'),
	...p(
		'name',
		'surname',
		'forename',
		'nickname',
		'preferred name',
		'parent guardian',
		'emergency contact',
		'apellido',
		'apellidos',
		'sobrenome'
	),
	...afterPerson('name', 'name', 'names'),
	...p('name', ...PERSON_ALONE)
];

/** Parts of a postal address that say little alone: aggregate-safe, quasi-identifiers next to a street. */
const ADDRESS_PARTS: readonly (readonly string[])[] = [
	['city'],
	['town'],
	['zip'],
	['postal'],
	['postcode'],
	['apt'],
	['apartment'],
	['unit'],
	['suite'],
	['city', 'state', 'zip'],
	['state', 'zip'],
	['city', 'state']
];

/** Whole headers that name organisations, programs or public roles, from the exports Lantern reads. */
const PUBLIC_HEADERS = new Set([
	'title',
	'branch',
	'campus',
	'location',
	'library',
	'libname',
	'presenter',
	'presenters',
	'performer',
	'host',
	'event organizer',
	'organizer',
	'organiser',
	'author',
	'authors',
	'creator',
	'posted by',
	'published by',
	'account username',
	'age group',
	'audience',
	'audiences',
	'category',
	'categories',
	'program',
	'event',
	'description',
	'post text',
	'tweet text',
	'post message',
	'caption',
	'permalink',
	'post link',
	'link',
	'url',
	'geography',
	'top territories',
	'gender',
	'local authority',
	'school',
	'grade',
	'publisher',
	'sponsor',
	'partner'
]);

/** Nouns that make "<noun> name" an organisation's, a program's or a public role's name. */
const PUBLIC_NOUNS = new Set([
	'library',
	'branch',
	'program',
	'programme',
	'event',
	'page',
	'account',
	'campaign',
	'school',
	'organization',
	'organisation',
	'org',
	'partner',
	'city',
	'location',
	'room',
	'venue',
	'challenge',
	'badge',
	'group',
	'class',
	'team',
	'course',
	'series',
	'category',
	'file',
	'sheet',
	'video',
	'post',
	'playlist',
	'channel',
	'product',
	'vendor',
	'publisher',
	'database',
	'collection',
	'item',
	'book',
	'site',
	'system',
	'authority',
	'state',
	'county',
	'country',
	'outlet',
	'department',
	'activity',
	'session',
	'award',
	'business',
	'company',
	'agency',
	'institution',
	'presenter',
	'performer',
	'organizer',
	'organiser',
	'author',
	'staff',
	'instructor',
	'host',
	'speaker',
	'facilitator',
	'creator',
	'sponsor',
	'funder',
	'campus'
]);

/** Words that mark a column of identifiers, whose long numbers are not phone numbers or barcodes. */
const IDENTIFIER_WORDS = new Set(['id', 'ids', 'key', 'code', 'number', 'isbn', 'upc', 'sku', 'permalink', 'fscskey']);

/** Words that make a date column an event's, a post's or a record's date, never a birth date. */
const DATE_CONTEXT = new Set([
	'date',
	'dates',
	'time',
	'timestamp',
	'start',
	'end',
	'publish',
	'published',
	'posted',
	'created',
	'registered',
	'registration',
	'event',
	'program',
	'period',
	'since',
	'joined',
	'expires',
	'expiry',
	'expiration',
	'due',
	'checkout',
	'checkin',
	'last',
	'updated',
	'modified',
	'month',
	'week',
	'day',
	'year',
	'opened',
	'closed',
	'completed',
	'submitted',
	'startdat',
	'enddate',
	'fecha',
	'data'
]);

export function classifyHeader(cell: string): HeaderVerdict {
	const words = headerWords(cell);
	if (words.length === 0) return { rule: 'neutral', identifier: false, dateContext: false };
	for (const alias of ALIASES) {
		if (matchesAlias(words, alias))
			return {
				rule: 'personal',
				kind: alias.kind,
				personNoun: alias.phrase.length === 1 && PERSON_ALONE.includes(alias.phrase[0] ?? '')
			};
	}
	if (ADDRESS_PARTS.some((part) => matchesAlias(words, { kind: 'street_address', phrase: part })))
		return { rule: 'address-part' };
	const joined = words.join(' ');
	const last = words[words.length - 1] ?? '';
	if (PUBLIC_HEADERS.has(joined)) return { rule: 'public' };
	if (['name', 'names', 'title'].includes(last) && words.slice(0, -1).some((word) => PUBLIC_NOUNS.has(word)))
		return { rule: 'public' };
	if (['name', 'names', 'nombre', 'nome'].includes(last)) return { rule: 'hint', kinds: ['name'] };
	if (words[0] === 'contact') return { rule: 'hint', kinds: ['email', 'phone', 'name'] };
	return {
		rule: 'neutral',
		identifier: words.some((word) => IDENTIFIER_WORDS.has(word)),
		dateContext: words.some((word) => DATE_CONTEXT.has(word))
	};
}

/** The phrase appears once, and every other word is a qualifier or a person word. */
function matchesAlias(words: readonly string[], alias: Alias): boolean {
	const { phrase } = alias;
	for (let start = 0; start + phrase.length <= words.length; start++) {
		if (!phrase.every((word, offset) => words[start + offset] === word)) continue;
		const prefix = words.slice(0, start);
		const rest = [...prefix, ...words.slice(start + phrase.length)];
		if (!rest.every((word) => QUALIFIERS.has(word) || PERSON.has(word))) continue;
		if (alias.needsPerson && !prefix.some((word) => PERSON.has(word))) continue;
		return true;
	}
	return false;
}
