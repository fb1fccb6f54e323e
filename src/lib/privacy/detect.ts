/**
 * Finds the columns of an upload that hold patron-level personal data, from the header and a
 * sample of rows. Header-led: a personal header is enough on its own, values can confirm it or
 * reveal a column whose header says nothing, and only the weakest signals (names and birth
 * dates without a header) need the strictest evidence. Pure: no clock, no I/O.
 */
import { birthAgeSpan, dateRange, mergeRanges, plausibleBirthDays, type DateRange } from './birth-dates';
import { countShapes, nonBlankValues, parsedDays, share, type ShapeCounts } from './column-values';
import { isCommonGivenName } from './given-names';
import { classifyHeader, type HeaderVerdict } from './header-rules';
import { rowsAreOrganisations } from './organisation-rows';
import { KIND_COLUMN, KIND_VALUES, type Evidence, type PersonalColumn, type PersonalKind } from './personal-column';
import { fullNameGivenName, hasCommonGivenName, isCountLike, isItemBarcode, isNamePart } from './value-shapes';

export type { PersonalColumn, PersonalKind } from './personal-column';
export { MAX_AGE_YEARS, MIN_BIRTH_YEARS } from './birth-dates';

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
/** With no header to go on, this share of the full names must start with a common given name. */
export const GIVEN_NAME_SHARE = 0.3;
/** A header that names a measure ("Phone" = phone questions answered) has counts, not people. */
export const COUNT_SHARE = 0.9;

/** A record number such as 104233, P-0042817 or R48213907. */
const IDENTIFIER = /^[A-Za-z]{0,3}-?\d{3,}$/;
/** Any one-token key (record number, login), as patron-ID columns hold. */
const RECORD_KEY = /^[\w.@-]{3,64}$/;
/** Kinds a header names that never hold counts, so numbers under them mean the header is a metric. */
const NEVER_COUNTS: ReadonlySet<PersonalKind> = new Set(['name', 'email', 'phone', 'street_address', 'birth_date']);
/** A library's own address, phone and email, in a file with one row per library or branch. */
const ORGANISATION_CONTACT: ReadonlySet<PersonalKind> = new Set(['email', 'phone', 'street_address']);

interface Column {
	index: number;
	header: string;
	verdict: HeaderVerdict;
	values: string[];
	days: number[];
	/** the dates of every other date column in the file */
	otherDates: DateRange | null;
}

export function detectPersonalColumns(header: string[], sampleRows: string[][]): PersonalColumn[] {
	const read = header.map((cell, index) => {
		const values = nonBlankValues(sampleRows, index);
		const days = parsedDays(values);
		const isDateColumn = values.length > 0 && share(days.length, values.length) >= VALUE_SHARE;
		const range = isDateColumn ? dateRange(days) : null;
		return { index, header: cell.replace(/^\uFEFF/, '').trim(), verdict: classifyHeader(cell), values, days, range };
	});
	const columns: Column[] = read.map(({ index, header, verdict, values, days }) => ({
		index,
		header,
		verdict,
		values,
		days,
		otherDates: mergeRanges(read.filter((other) => other.index !== index).map((other) => other.range))
	}));

	const found = columns.flatMap((column) => {
		const finding =
			column.verdict.rule === 'personal' ? judgePersonalHeader(column, column.verdict) : judgeValues(column);
		return finding ? [finding] : [];
	});
	found.push(...addressParts(columns, found));

	const kept = rowsAreOrganisations(columns, found)
		? found.filter((finding) => !ORGANISATION_CONTACT.has(finding.kind))
		: found;
	return kept.sort((a, b) => a.index - b.index);
}

function finding(column: Column, kind: PersonalKind, evidence: Evidence, reason: string): PersonalColumn {
	return { index: column.index, header: column.header, kind, evidence, reason };
}

const tally = (column: Column, n: number) => `${n} of ${column.values.length} sampled values`;

/** A personal header: enough alone, unless the values show it is a measure or an item barcode. */
function judgePersonalHeader(
	column: Column,
	verdict: Extract<HeaderVerdict, { rule: 'personal' }>
): PersonalColumn | null {
	const { kind } = verdict;
	const { values } = column;
	const quoted = `header "${column.header}"`;
	const ids = values.filter((value) => IDENTIFIER.test(value)).length;
	// "Patron" or "Reader" over numbers is the patron's number, not their name.
	if (verdict.personNoun && ids > 0 && share(ids, values.length) >= VALUE_SHARE) {
		return finding(
			column,
			'patron_id',
			'both',
			`${quoted} names a person and ${tally(column, ids)} are ${KIND_VALUES.patron_id}`
		);
	}
	// "Phone" over small numbers is a count of phone calls, a measure.
	if (
		values.length >= 3 &&
		NEVER_COUNTS.has(kind) &&
		share(values.filter(isCountLike).length, values.length) >= COUNT_SHARE
	)
		return null;
	// Item barcodes (leading 3) identify books, not borrowers.
	if (
		kind === 'card_number' &&
		values.length >= 3 &&
		share(values.filter(isItemBarcode).length, values.length) >= VALUE_SHARE
	)
		return null;

	const counts = countShapes(values, { expected: kind, identifier: false });
	const confirming = confirmingValues(kind, column, counts);
	if (share(confirming, values.length) >= VALUE_SHARE)
		return finding(column, kind, 'both', `${quoted} and ${tally(column, confirming)} are ${KIND_VALUES[kind]}`);
	const other = dominantShape(counts);
	if (other && other.kind !== kind) {
		return finding(
			column,
			other.kind,
			'both',
			`${quoted} names ${KIND_COLUMN[kind]} and ${tally(column, other.count)} are ${KIND_VALUES[other.kind]}`
		);
	}
	const unlike =
		values.length > 0 ? ` (its sampled values do not look like ${KIND_VALUES[kind]}, but the header is enough)` : '';
	return finding(column, kind, 'header', `${quoted} names ${KIND_COLUMN[kind]}${unlike}`);
}

/** How many values agree with the kind the header names. */
function confirmingValues(kind: PersonalKind, column: Column, counts: ShapeCounts): number {
	if (kind === 'name') return column.values.filter(isNamePart).length;
	if (kind === 'patron_id') return column.values.filter((value) => RECORD_KEY.test(value) && /\d/.test(value)).length;
	if (kind === 'birth_date') return plausibleBirthDays(column.days, column.otherDates);
	return counts.byKind.get(kind) ?? 0;
}

/** Any other header: the values decide, most strictly where the header says nothing at all. */
function judgeValues(column: Column): PersonalColumn | null {
	const { verdict, values } = column;
	if (
		verdict.rule === 'personal' ||
		verdict.rule === 'public' ||
		verdict.rule === 'address-part' ||
		values.length === 0
	)
		return null;
	const quoted = `header "${column.header}"`;
	const counts = countShapes(values, { expected: null, identifier: verdict.rule === 'neutral' && verdict.identifier });
	const shape = dominantShape(counts);
	if (shape && values.length >= MIN_VALUES[shape.kind]) {
		const what = shape.mixed ? 'email addresses or phone numbers' : KIND_VALUES[shape.kind];
		const hinted = verdict.rule === 'hint' && verdict.kinds.includes(shape.kind);
		return hinted
			? finding(column, shape.kind, 'both', `${quoted} and ${tally(column, shape.count)} are ${what}`)
			: finding(column, shape.kind, 'values', `${tally(column, shape.count)} are ${what}`);
	}

	if (verdict.rule === 'hint') {
		// "Name" already says person: full names or common given names are enough.
		const names = values.filter((value) => fullNameGivenName(value) !== null || isCommonGivenName(value)).length;
		const isNames = verdict.kinds.includes('name') && share(names, values.length) >= VALUE_SHARE;
		return isNames
			? finding(column, 'name', 'both', `${quoted} and ${tally(column, names)} are ${KIND_VALUES.name}`)
			: null;
	}

	if (values.length >= MIN_VALUES.name) {
		const names = values.filter((value) => fullNameGivenName(value) !== null);
		const common = names.filter(hasCommonGivenName).length;
		if (share(names.length, values.length) >= VALUE_SHARE && share(common, names.length) >= GIVEN_NAME_SHARE) {
			return finding(column, 'name', 'values', `${tally(column, names.length)} are ${KIND_VALUES.name}`);
		}
		// A first-name column under a header Lantern cannot read ("Vorname"): mostly common given names.
		const given = values.filter(isCommonGivenName).length;
		if (share(given, values.length) >= VALUE_SHARE)
			return finding(column, 'name', 'values', `${tally(column, given)} are common given names`);
	}

	if (!verdict.dateContext) {
		const span = birthAgeSpan(column.days, values.length, column.otherDates, MIN_VALUES.birth_date, VALUE_SHARE);
		if (span)
			return finding(
				column,
				'birth_date',
				'values',
				`${tally(column, column.days.length)} are dates ${span} years before every other date in the file, as birth dates are`
			);
	}
	return null;
}

/**
 * The kind most values show, when enough do. Contact columns that mix emails and phones count
 * together ("mixed"): 5 emails and 4 phones in 10 cells are personal even though neither is 60%.
 */
function dominantShape(counts: ShapeCounts): { kind: PersonalKind; count: number; mixed: boolean } | null {
	const top = [...counts.byKind.entries()].sort((a, b) => b[1] - a[1])[0];
	if (!top) return null;
	if (share(top[1], counts.total) >= VALUE_SHARE) return { kind: top[0], count: top[1], mixed: false };
	const contact = (counts.byKind.get('email') ?? 0) + (counts.byKind.get('phone') ?? 0);
	if ((top[0] === 'email' || top[0] === 'phone') && share(contact, counts.total) >= VALUE_SHARE)
		return { kind: top[0], count: contact, mixed: true };
	return null;
}

/** City, ZIP and unit columns are part of the address when the file has a street address. */
function addressParts(columns: readonly Column[], found: readonly PersonalColumn[]): PersonalColumn[] {
	const street = found.find((column) => column.kind === 'street_address');
	if (!street) return [];
	return columns
		.filter((column) => column.verdict.rule === 'address-part')
		.map((column) => ({
			...finding(
				column,
				'street_address',
				'header',
				`header "${column.header}" is part of the postal address beside street-address column "${street.header}"`
			),
			quasiIdentifier: true as const
		}));
}
