/** What Lantern counts as patron-level personal data, and how each finding is described to a person. */

export type PersonalKind =
	'name' | 'email' | 'phone' | 'street_address' | 'birth_date' | 'card_number' | 'patron_id' | 'ip_address';

export type Evidence = 'header' | 'values' | 'both';

export interface PersonalColumn {
	/** position in the header row, 0-based */
	index: number;
	/** the header cell as written in the file */
	header: string;
	kind: PersonalKind;
	evidence: Evidence;
	/** one clause for the import report; counts only, never a sampled value (reports are stored) */
	reason: string;
	/**
	 * City or ZIP beside a street address: identifying only as part of that address, so safe to
	 * count by once the street is gone (see plan.ts).
	 */
	quasiIdentifier?: true;
}

/** Plural nouns for "48 of 50 sampled values are …". */
export const KIND_VALUES: Record<PersonalKind, string> = {
	name: 'personal names',
	email: 'email addresses',
	phone: 'phone numbers',
	street_address: 'street addresses',
	birth_date: 'birth dates',
	card_number: 'library card barcodes',
	patron_id: 'patron identifiers',
	ip_address: 'IP addresses'
};

/** Singular descriptions for 'header "DOB" names a birth date'. */
export const KIND_COLUMN: Record<PersonalKind, string> = {
	name: "a person's name",
	email: 'an email address',
	phone: 'a phone number',
	street_address: 'a street address',
	birth_date: 'a birth date',
	card_number: 'a library card number',
	patron_id: 'a patron or user identifier',
	ip_address: 'an IP address'
};
