/**
 * Finds the columns of an upload that hold patron-level personal data, from the header and a
 * sample of rows. Header-led: a personal header is enough on its own, values can confirm it or
 * reveal a column whose header says nothing, and only the weakest signals (names and birth
 * dates without a header) need the strictest evidence. Pure: no clock, no I/O.
 */
import { DAYS_PER_YEAR } from './calendar-dates';
import { countShapes, nonBlankValues, parsedDays, share, type ShapeCounts } from './column-values';
import { classifyHeader, type HeaderVerdict } from './header-rules';
import { rowsAreOrganisations } from './organisation-rows';
import { KIND_COLUMN, KIND_VALUES, type PersonalColumn, type PersonalKind } from './personal-column';
import { fullNameGivenName, hasCommonGivenName, isCountLike, isItemBarcode, isNamePart } from './value-shapes';
import { isCommonGivenName } from './given-names';

export type { PersonalColumn, PersonalKind } from './personal-column';

/** Share of a column's non-blank sampled values that must look personal for the values to count. */
export const VALUE_SHARE = 0.6;
/** Fewest non-blank values for evidence from values alone: one email is an email; names need more. */
export const MIN_VALUES: Record<PersonalKind, number> = {
	email: 1,
	ip_address: 3,
	phone: 3,
	card_number: 3,
	street_address: 3,
	name: 5,
	birth_date: 5,
	patron_id: Number.POSITIVE_INFINITY
};
/** With no header to go on, this share of the names must start with a common given name. */
export const GIVEN_NAME_SHARE = 0.3;
/** Oldest plausible patron, in years before the file's latest other date. */
export const MAX_AGE_YEARS = 110;
/** A value-only birth-date column must span this many distinct years: a population, not a season. */
const MIN_BIRTH_YEARS = 4;
/** A header that names a measure ("Phone" = phone questions answered) has counts, not people. */
const COUNT_SHARE = 0.9;

/** A record number such as 104233, P-0042817 or R48213907. */
const IDENTIFIER = /^[A-Za-z]{0,3}-?\d{3,}$/;
/** Any one-token key (record number, login), as patron-ID columns hold. */
const RECORD_KEY = /^[\w.@-]{3,64}$/;
/** Kinds a header names that never hold counts, so numbers under them mean the header is a metric. */
const NEVER_COUNTS: ReadonlySet<PersonalKind> = new Set(['name', 'email', 'phone', 'street_address', 'birth_date']);

interface Column {
	index: number;
	header: string;
	verdict: HeaderVerdict;
	values: string[];
	days: number[];
}

export function detectPersonalColumns(header: string[], sampleRows: string[][]): PersonalColumn[] {
	const columns: Column[] = header.map((cell, index) => {
		const values = nonBlankValues(sampleRows, index);
		return { index, header: cell.replace(/^\uFEFF/, '').trim(), verdict: classifyHeader(cell), values, days: parsedDays(values) };
	});
	const dateColumns = columns.filter((column) => column.values.length > 0 && share(column.days.length, column.values.length) >= VALUE_SHARE);

	const found = columns.flatMap((column) => {
		const others = dateColumns.filter((other) => other.index !== column.index).flatMap((other) => other.days);
		const finding = judgeColumn(column, others);
		return finding ? [finding] : [];
	});

	const street = found.find((finding) => finding.kind === 'street_address');
	if (street) {
		for (const column of columns) {
			if (column.verdict.rule !== 'address-part') continue;
			const reason = `header "${column.header}" is part of the postal address beside street-address column "${street.header}"`;
			found.push({ index: column.index, header: column.header, kind: 'street_address', evidence: 'header', reason, quasiIdentifier: true });
		}
	}

	const kept = rowsAreOrganisations(columns, found) ? found.filter((finding) => !ORGANISATION_CONTACT.has(finding.kind)) : found;
	return kept.sort((a, b) => a.index - b.index);
}

/** A library's own address, phone and email, in a file with one row per library or branch. */
const ORGANISATION_CONTACT: ReadonlySet<PersonalKind> = new Set(['email', 'phone', 'street_address']);

function judgeColumn(column: Column, otherDays: number[]): PersonalColumn | null {
	const { verdict } = column;
	if (verdict.rule === 'public' || verdict.rule === 'address-part') return null;
	const expected = verdict.rule === 'personal' ? verdict.kind : null;
	const counts = countShapes(column.values, { expected, identifier: verdict.rule === 'neutral' && verdict.identifier });
	const finding = (kind: PersonalKind, evidence: PersonalColumn['evidence'], reason: string): PersonalColumn => ({ index: column.index, header: column.header, kind, evidence, reason });
	const quoted = `header "${column.header}"`;
	const tally = (n: number) => `${n} of ${column.values.length} sampled values`;

	if (verdict.rule === 'personal') {
		const { kind } = verdict;
		const ids = column.values.filter((value) => IDENTIFIER.test(value)).length;
		// "Patron" or "Reader" over numbers is the patron's number, not their name.
		if (verdict.personNoun && ids > 0 && share(ids, column.values.length) >= VALUE_SHARE) {
			return finding('patron_id', 'both', `${quoted} names a person and ${tally(ids)} are ${KIND_VALUES.patron_id}`);
		}
		// "Phone" over small numbers is a count of phone calls, a measure.
		if (column.values.length >= 3 && NEVER_COUNTS.has(kind) && share(column.values.filter(isCountLike).length, column.values.length) >= COUNT_SHARE) return null;
		if (kind === 'card_number' && column.values.length >= 3 && share(column.values.filter(isItemBarcode).length, column.values.length) >= VALUE_SHARE) {
			return null; // item barcodes (leading 3) identify books, not borrowers
		}
		const confirming = confirmingValues(kind, column, otherDays, counts);
		if (share(confirming, column.values.length) >= VALUE_SHARE) return finding(kind, 'both', `${quoted} and ${tally(confirming)} are ${KIND_VALUES[kind]}`);
		const other = dominantShape(counts);
		if (other && other.kind !== kind) {
			return finding(other.kind, 'both', `${quoted} names ${KIND_COLUMN[kind]} and ${tally(other.count)} are ${KIND_VALUES[other.kind]}`);
		}
		const unlike = column.values.length > 0 ? ` (its sampled values do not look like ${KIND_VALUES[kind]}, but the header is enough)` : '';
		return finding(kind, 'header', `${quoted} names ${KIND_COLUMN[kind]}${unlike}`);
	}

	const shape = dominantShape(counts);
	if (shape && column.values.length >= MIN_VALUES[shape.kind]) {
		const hinted = verdict.rule === 'hint' && verdict.kinds.includes(shape.kind);
		const what = shape.mixed ? 'email addresses or phone numbers' : KIND_VALUES[shape.kind];
		return hinted ? finding(shape.kind, 'both', `${quoted} and ${tally(shape.count)} are ${what}`) : finding(shape.kind, 'values', `${tally(shape.count)} are ${what}`);
	}

	if (verdict.rule === 'hint' && verdict.kinds.includes('name')) {
		const names = column.values.filter((value) => fullNameGivenName(value) !== null || isCommonGivenName(value)).length;
		if (names > 0 && share(names, column.values.length) >= VALUE_SHARE) return finding('name', 'both', `${quoted} and ${tally(names)} are ${KIND_VALUES.name}`);
		return null;
	}

	if (column.values.length >= MIN_VALUES.name) {
		const names = column.values.filter((value) => fullNameGivenName(value) !== null);
		const common = names.filter(hasCommonGivenName).length;
		if (share(names.length, column.values.length) >= VALUE_SHARE && share(common, names.length) >= GIVEN_NAME_SHARE) {
			return finding('name', 'values', `${tally(names.length)} are ${KIND_VALUES.name}`);
		}
		// A first-name column under a header Lantern cannot read ("Vorname"): mostly common given names.
		const given = column.values.filter(isCommonGivenName).length;
		if (share(given, column.values.length) >= VALUE_SHARE) return finding('name', 'values', `${tally(given)} are common given names`);
	}

	if (verdict.rule === 'neutral' && !verdict.dateContext) {
		const span = birthSpan(column, otherDays);
		if (span) return finding('birth_date', 'values', `${tally(column.days.length)} are dates ${span} years before every other date in the file, as birth dates are`);
	}
	return null;
}

/** How many values agree with the kind the header names. */
function confirmingValues(kind: PersonalKind, column: Column, otherDays: number[], counts: ShapeCounts): number {
	if (kind === 'name') return column.values.filter(isNamePart).length;
	if (kind === 'patron_id') return column.values.filter((value) => RECORD_KEY.test(value) && /\d/.test(value)).length;
	if (kind === 'birth_date') {
		const reference = otherDays.length > 0 ? Math.max(...otherDays) : null;
		return column.days.filter((day) => reference === null || isAge((reference - day) / DAYS_PER_YEAR)).length;
	}
	return counts.byKind.get(kind) ?? 0;
}

function isAge(years: number): boolean {
	return years >= 0 && years <= MAX_AGE_YEARS;
}

/**
 * The kind most values show, when enough do. Contact columns that mix emails and phones count
 * together ("mixed"): 5 emails and 4 phones in 10 cells are personal even though neither is 60%.
 */
function dominantShape(counts: ShapeCounts): { kind: PersonalKind; count: number; mixed: boolean } | null {
	const ranked = [...counts.byKind.entries()].sort((a, b) => b[1] - a[1]);
	const top = ranked[0];
	if (!top) return null;
	if (share(top[1], counts.total) >= VALUE_SHARE) return { kind: top[0], count: top[1], mixed: false };
	const contact = (counts.byKind.get('email') ?? 0) + (counts.byKind.get('phone') ?? 0);
	if ((top[0] === 'email' || top[0] === 'phone') && share(contact, counts.total) >= VALUE_SHARE) return { kind: top[0], count: contact, mixed: true };
	return null;
}

/**
 * A date column with no header to go on is a birth date only when every date precedes every
 * other date in the file (registrations, events) by 0–110 years and the dates span several
 * years, as a population's birthdays do. Returns the age range, e.g. "3–79".
 */
function birthSpan(column: Column, otherDays: number[]): string | null {
	const { days, values } = column;
	if (otherDays.length === 0 || days.length < MIN_VALUES.birth_date || share(days.length, values.length) < VALUE_SHARE) return null;
	const earliestOther = Math.min(...otherDays);
	const latestOther = Math.max(...otherDays);
	if (Math.max(...days) >= earliestOther) return null;
	const years = new Set(days.map((day) => new Date(day * 86_400_000).getUTCFullYear()));
	if (years.size < MIN_BIRTH_YEARS) return null;
	const ages = days.map((day) => (latestOther - day) / DAYS_PER_YEAR);
	if (!ages.every(isAge)) return null;
	return `${Math.floor(Math.min(...ages))}–${Math.floor(Math.max(...ages))}`;
}
