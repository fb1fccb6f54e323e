/**
 * Personal data scrubbed from free-text answers (Project Outcome's "what did you like most?")
 * before they are stored: a parent writes "my daughter Emma loved it, call me at 319-555-0147".
 * Lantern keeps what the answer says about the program, not who wrote it or whom it names. The
 * scrub is one DuckDB macro, so the import stays a single streaming statement; each rule replaces
 * what it finds with a bracketed word ("[name]", "[phone]", "[e-mail]", "[address]") so a reader
 * sees that something was there.
 */
import { givenNames } from './given-names';

/**
 * Given names that are also everyday words at the start of a sentence ("Grace period", "Will you",
 * "May we"): scrubbed only where a pattern says a person is named (after "my son", "named").
 */
const WORDS_TOO = new Set([
	'will',
	'mark',
	'grace',
	'hope',
	'joy',
	'faith',
	'may',
	'june',
	'hunter',
	'austin',
	'jordan',
	'violet',
	'ruby',
	'stella',
	'willow',
	'destiny',
	'angel',
	'rose',
	'lily',
	'summer',
	'autumn',
	'paige',
	'chase',
	'art',
	'bill',
	'frank',
	'jack',
	'pat',
	'sue',
	'dawn',
	'iris',
	'ivy',
	'amber',
	'crystal',
	'brooke',
	'carter',
	'mason',
	'taylor',
	'harper',
	'parker',
	'cole',
	'blake',
	'wyatt',
	'jesus',
	'nevaeh',
	'penelope',
	'sandra',
	'victoria',
	'lincoln',
	'easton',
	'savannah',
	'sydney'
]);

const capitalised = (name: string) => name[0]!.toUpperCase() + name.slice(1);

/** Who a person writes about by relation: the capitalised word after it is a name. */
const RELATIONS =
	'son|daughter|child|kid|kids|children|grandson|granddaughter|grandchild|grandkids|boy|girl|niece|nephew|husband|wife|partner|mom|mother|dad|father|friend|baby|toddler|twins|sister|brother|teen|student';

/** RE2 patterns (DuckDB's engine), in the order they run, and what each leaves. */
export function scrubRules(): { pattern: string; replacement: string }[] {
	const names = givenNames()
		.filter((name) => !WORDS_TOO.has(name))
		.map(capitalised)
		.join('|');
	const word = "[A-Z][A-Za-z'’-]+";
	return [
		{ pattern: String.raw`[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}`, replacement: '[e-mail]' },
		// International: a leading + and three to six groups of digits.
		{ pattern: String.raw`\+\d{1,3}([\s.-]?\(?\d{1,5}\)?){2,6}`, replacement: '[phone]' },
		{
			pattern: String.raw`(\+\d{1,3}[\s.-]?)?(\(\d{2,4}\)\s?|\b\d{3}[\s.-])?\b\d{3}[\s.-]\d{4}\b(\s*(x|ext\.?)\s*\d{1,5})?`,
			replacement: '[phone]'
		},
		{
			pattern:
				String.raw`\b\d{1,6}\s+(` +
				word +
				String.raw`\s+){1,3}(?i:street|st|avenue|ave|road|rd|lane|ln|drive|dr|boulevard|blvd|court|ct|way|place|pl|terrace|circle|cir|parkway|pkwy|highway|hwy)\b\.?`,
			replacement: '[address]'
		},
		{
			pattern:
				String.raw`\b((?i:my|our|his|her|their|the)\s+(?i:` +
				RELATIONS +
				String.raw`),?\s+)` +
				word +
				String.raw`(\s+` +
				word +
				')?',
			replacement: '\\1[name]'
		},
		{ pattern: String.raw`\b((?i:named|called)\s+)` + word + String.raw`(\s+` + word + ')?', replacement: '\\1[name]' },
		{ pattern: String.raw`\b(Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+` + word, replacement: '[name]' },
		{ pattern: String.raw`\b(` + names + String.raw`)\b(\s+` + word + ')?', replacement: '[name]' }
	];
}

/** The macro `lantern_scrub(s)`: the free text with every rule applied. */
export function scrubMacroSql(): string {
	const sqlString = (value: string) => `'${value.replaceAll("'", "''")}'`;
	const body = scrubRules().reduce(
		(text, rule) => `regexp_replace(${text}, ${sqlString(rule.pattern)}, ${sqlString(rule.replacement)}, 'g')`,
		's'
	);
	return `CREATE OR REPLACE TEMP MACRO lantern_scrub(s) AS ${body};`;
}
