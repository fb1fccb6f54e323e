/**
 * Whether each row of a file is a library rather than a person. The IMLS survey (ADDRESS, PHONE)
 * and branch lists (Address, Telephone) carry the library's own contact details, which are public.
 * Decided narrowly, because a wrong "yes" would let a patron mailing list through: never when any
 * column identifies a person, and otherwise only from an IMLS key or a library-name column whose
 * sampled values never repeat (a patron file repeats its few branches).
 */
import { headerWords } from './header-words';
import type { PersonalColumn, PersonalKind } from './personal-column';

/** IMLS Public Libraries Survey keys (docs/export-formats.md, "IMLS Public Libraries Survey"): one row per library system or outlet. */
const SURVEY_KEYS = new Set(['fscskey', 'libid']);
const LIBRARY_NAME_HEADERS = new Set([
	'libname',
	'library name',
	'library',
	'branch name',
	'branch',
	'outlet name',
	'location name'
]);
/** Fewest distinct library names before a file counts as a directory of libraries. */
export const MIN_DIRECTORY_ROWS = 10;
const PERSON_KINDS: ReadonlySet<PersonalKind> = new Set([
	'name',
	'birth_date',
	'card_number',
	'patron_id',
	'ip_address'
]);

export function rowsAreOrganisations(
	columns: readonly { header: string; values: readonly string[] }[],
	found: readonly PersonalColumn[]
): boolean {
	if (found.some((finding) => PERSON_KINDS.has(finding.kind))) return false;
	const headers = columns.map((column) => headerWords(column.header));
	if (headers.some((words) => SURVEY_KEYS.has(words.join('')))) return true;
	return columns.some((column, index) => {
		if (!LIBRARY_NAME_HEADERS.has(headers[index]?.join(' ') ?? '')) return false;
		const names = column.values.map((value) => value.toLowerCase());
		return names.length >= MIN_DIRECTORY_ROWS && new Set(names).size === names.length;
	});
}
