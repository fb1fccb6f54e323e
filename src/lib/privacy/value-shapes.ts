/**
 * Whether one cell looks like a kind of personal data. Each test is anchored to the whole cell:
 * a post caption that mentions an email address is not an email column.
 */
import { isCommonGivenName } from './given-names';

const EMAIL =
	/^[^\s@,;:<>()[\]"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}$/;

export function isEmail(value: string): boolean {
	return value.length <= 254 && EMAIL.test(value);
}

/** NANP with separators: (319) 555-0147, 319-555-0147, 319.555.0147, +1 319 555 0147, optional extension. */
const NANP =
	/^(?:\+?1[\s.-]?)?(?:\([2-9]\d{2}\)\s?|[2-9]\d{2}[\s.-])[2-9]\d{2}[\s.-]\d{4}(?:\s*(?:x|ext\.?)\s*\d{1,5})?$/i;
/** International: a leading + and groups split by spaces, dots or hyphens, 10–15 digits in all. */
const INTERNATIONAL = /^\+\d{1,3}(?:[\s.-]?\(?\d{1,5}\)?){2,6}$/;

/**
 * A phone number written as one. Bare digit runs are accepted only when the header already says
 * "phone" (`bareDigits`), because 10-digit IDs and counts are common in exports.
 */
export function isPhone(value: string, bareDigits = false): boolean {
	const digits = value.replace(/\D/g, '').length;
	if (NANP.test(value)) return true;
	if (INTERNATIONAL.test(value)) return digits >= 10 && digits <= 15;
	return bareDigits && /^\+?\d{10,15}$/.test(value);
}

/**
 * A patron barcode: 14 digits starting with 2 (the Codabar library convention is 1 type digit,
 * 2 = patron and 3 = item, then a 4-digit institution code, an 8-digit serial and a check digit).
 * The check digit is not verified: vendors compute it differently. With `anyLength` (the header
 * says "card" or "barcode"), 13–14 digits of any prefix except items and ISBNs count too.
 */
export function isCardNumber(value: string, anyLength = false): boolean {
	const digits = value.replace(/[\s-]/g, '');
	if (!/^\d+$/.test(digits)) return false;
	if (digits.length === 14 && digits.startsWith('2')) return !isCompactTimestamp(digits);
	return (
		anyLength && (digits.length === 13 || digits.length === 14) && !isItemBarcode(digits) && !/^97[89]/.test(digits)
	);
}

export function isItemBarcode(value: string): boolean {
	return /^3\d{13}$/.test(value.replace(/[\s-]/g, ''));
}

/** 20240601103000 is a timestamp, not a barcode, however much it looks like one. */
function isCompactTimestamp(digits: string): boolean {
	const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(digits);
	if (!match) return false;
	const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [
		number,
		number,
		number,
		number,
		number,
		number
	];
	return (
		year >= 1990 &&
		year <= 2100 &&
		month >= 1 &&
		month <= 12 &&
		day >= 1 &&
		day <= 31 &&
		hour < 24 &&
		minute < 60 &&
		second < 60
	);
}

const STREET_TYPES =
	'st|street|ave|avenue|av|rd|road|blvd|boulevard|ln|lane|dr|drive|ct|court|way|pl|place|ter|terrace|cir|circle|pkwy|parkway|hwy|highway|trl|trail|sq|square|loop|row|run|pike|path|cres|crescent|aly|alley|xing|crossing|plz|plaza';
const STREET = new RegExp(
	'^\\d{1,6}[A-Za-z]?(?:-\\d{1,4})?\\s+' + // house number: 1423, 12B, 45-3
		'(?:[NSEW]{1,2}\\.?\\s+|(?:north|south|east|west)\\s+)?' + // direction
		"[A-Za-z0-9][A-Za-z0-9.'’ -]{0,40}?\\s+" + // street name
		`(?:${STREET_TYPES})\\.?` +
		'(?:\\s+[NSEW]{1,2}\\.?)?' + // trailing direction
		'(?:,?\\s*(?:apt|apartment|unit|suite|ste|#)\\.?\\s*[A-Za-z0-9-]+)?' + // unit
		"(?:,\\s*[A-Za-z .'-]{2,40})?" + // city
		'(?:,?\\s*[A-Za-z]{2})?' + // state
		'(?:\\s+\\d{5}(?:-\\d{4})?)?$', // ZIP
	'i'
);
const PO_BOX = /^p\.?\s*o\.?\s*box\s+\d+/i;

export function isStreetAddress(value: string): boolean {
	return value.length <= 120 && (STREET.test(value) || PO_BOX.test(value));
}

const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** IPv6 needs all eight groups or a `::`, so a clock time such as 10:30:00 never passes. */
export function isIpAddress(value: string): boolean {
	if (IPV4.test(value)) return true;
	if (!/^[0-9a-f:]+$/i.test(value) || value.includes(':::')) return false;
	const compressed = value.split('::');
	if (compressed.length > 2) return false;
	const groups = compressed.flatMap((part) => (part === '' ? [] : part.split(':')));
	if (!groups.every((group) => /^[0-9a-f]{1,4}$/i.test(group))) return false;
	return compressed.length === 2 ? groups.length >= 1 && groups.length <= 7 : groups.length === 8;
}

/** A count or measure ("12", "424.0", "-"), which no personal column holds. */
export function isCountLike(value: string): boolean {
	return /^[-+]?\d{1,7}(?:[.,]\d+)?%?$/.test(value.replace(/,(?=\d{3}\b)/g, '')) || value === '-';
}

/** Letters, spaces, hyphens and apostrophes: a first name, a last name or both. */
export function isNamePart(value: string): boolean {
	return value.length <= 60 && /^\p{L}[\p{L}\p{M}'’. -]*$/u.test(value);
}

const WORD = String.raw`\p{Lu}[\p{L}'’-]*\p{L}`;
const INITIAL = String.raw`\p{Lu}\.?`;
const SUFFIX = String.raw`(?:,?\s(?:Jr|Sr|II|III|IV)\.?)?`;
const FIRST_LAST = new RegExp(`^(${WORD})(?:\\s(?:${WORD}|${INITIAL})){0,2}\\s${WORD}${SUFFIX}$`, 'u');
const LAST_FIRST = new RegExp(`^${WORD}(?:[\\s-]${WORD})?,\\s(${WORD})(?:\\s(?:${WORD}|${INITIAL}))?$`, 'u');

/** Words that put a capitalised phrase in a library's vocabulary rather than a person's name. */
const NOT_NAME_WORDS = new Set(
	`library libraries public branch center centre county city town school club time story storytime reading read
	summer winter spring fall autumn book books program programs the and of for with at in on a an to by our your
	kids kid teen teens tween adult adults family families baby babies toddler toddlers preschool early literacy class
	classes workshop lab night day days week month year party show festival fair camp craft crafts music art arts game
	games lego yoga chess science stem steam coding computer help hour hours session meeting group tour movie film
	concert lecture talk author board council committee friends foundation district department community room hall
	park street avenue road drive lane north south east west central main online virtual zoom new open free esl ged
	tax job jobs career resume english spanish social media facebook instagram twitter tiktok youtube linkedin inc llc
	co company corp association society university college museum church services service team staff office desk
	unknown none total other yes no true false male female kickoff finale challenge club series circle hub market
	garden studio theater theatre puppet magic science makerspace maker digital tech technology support services
	valley river lake hill hills springs heights village county state national international`.split(/\s+/)
);

/**
 * A whole personal name: "Ava Thompson", "Mary-Kate O'Neil", "Thompson, Ava M.". Returns the
 * given name so the caller can check it against common given names, or null.
 */
export function fullNameGivenName(value: string): string | null {
	const trimmed = value.trim();
	if (trimmed.length > 60) return null;
	const match = FIRST_LAST.exec(trimmed) ?? LAST_FIRST.exec(trimmed);
	if (!match) return null;
	const words = trimmed.toLowerCase().split(/[\s,]+/);
	if (words.some((word) => NOT_NAME_WORDS.has(word.replace(/\.$/, '')))) return null;
	return match[1] ?? null;
}

export function hasCommonGivenName(value: string): boolean {
	const given = fullNameGivenName(value);
	return given !== null && isCommonGivenName(given);
}
