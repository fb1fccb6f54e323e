import { scrubMacroSql } from '../../privacy/free-text';
import type { FieldKind } from './source';

/** SQL string literal for code-defined constants (never for user values: those are bound). */
export function sqlString(value: string): string {
	return `'${value.replaceAll("'", "''")}'`;
}

export function sqlIdentifier(name: string): string {
	return `"${name.replaceAll('"', '""')}"`;
}

function sqlList(values: readonly string[]): string {
	return `[${values.map(sqlString).join(', ')}]`;
}

/** The first format that parses. A coalesce of single formats is ~15× faster than strptime's list form. */
function parseWithFormats(text: string, formats: readonly string[]): string {
	const attempts = formats.map((format) => `try_strptime(${text}, ${sqlString(format)})`);
	return attempts.length === 1 ? attempts[0]! : `coalesce(${attempts.join(', ')})`;
}

/**
 * Temporary macros the field expressions use; created on the importing connection only. Counts
 * take the fast path (a plain cast) first: regular expressions only run for `1.2K`-style cells.
 * Word lists use list_contains, not IN: DuckDB plans an IN list as a join over every row.
 */
export const FIELD_MACROS_SQL = `
CREATE OR REPLACE TEMP MACRO lantern_blank(s) AS s IS NULL OR (length(s) < 16 AND list_contains(['', '-', '--', 'undefined', 'n/a', 'null'], lower(trim(s))));
CREATE OR REPLACE TEMP MACRO lantern_digits(s) AS replace(replace(trim(s), ',', ''), ' ', '');
CREATE OR REPLACE TEMP MACRO lantern_whole(d) AS CASE WHEN isfinite(d) AND d >= 0 AND d = floor(d) AND d < 9e18 THEN CAST(d AS BIGINT) END;
CREATE OR REPLACE TEMP MACRO lantern_count(s) AS coalesce(
	lantern_whole(TRY_CAST(s AS DOUBLE)),
	CASE WHEN lantern_blank(s) THEN NULL ELSE coalesce(
		lantern_whole(TRY_CAST(lantern_digits(s) AS DOUBLE)),
		CASE WHEN regexp_full_match(upper(lantern_digits(s)), '[0-9]+(\\.[0-9]+)?[KM]')
			THEN lantern_whole(round(TRY_CAST(left(lantern_digits(s), -1) AS DOUBLE)
				* CASE upper(right(lantern_digits(s), 1)) WHEN 'K' THEN 1000 ELSE 1000000 END)) END) END);
${scrubMacroSql()}
`;

export interface FieldSql {
	/** the normalised value */
	value: string;
	/** true when the raw cell is present but cannot be read */
	unreadable: string;
	/** what to tell a person when `unreadable` holds */
	problem: string;
	/** a present cell is unreadable exactly when its value is NULL, so a check can test the value */
	nullMeansUnreadable?: boolean;
	/** for a value that is the trimmed cell (NULL when blank): SQL true when that value breaks the rule */
	unreadableValue?: (value: string) => string;
}

/** strptime patterns in the words people use: %m/%d/%Y → MM/DD/YYYY, %B %Y → Month YYYY. */
export function humanFormat(pattern: string): string {
	const words: Record<string, string> = {
		Y: 'YYYY',
		y: 'YY',
		m: 'MM',
		d: 'DD',
		H: 'HH',
		I: 'hh',
		M: 'mm',
		S: 'ss',
		z: '+0000',
		p: 'AM/PM',
		b: 'Mon',
		B: 'Month',
		a: 'Day'
	};
	return pattern.replace(/%([A-Za-z])/g, (_, letter: string) => {
		const word = words[letter];
		if (word === undefined) throw new Error(`humanFormat: no words for %${letter}; add them`);
		return word;
	});
}

/** A list of formats as one phrase: "MM/DD/YYYY, YYYY-MM-DD or Month YYYY". */
export function inForm(formats: readonly string[]): string {
	const words = [...new Set(formats.map(humanFormat))];
	return words.length < 2 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)!}`;
}

/** The month names a `month` cell may hold, full or cut to three or four letters, with or without a full stop. */
const MONTH_NAME =
	'(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)\\.?';
const MONTH_PREFIXES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** A cell holding several values ("Arts & Crafts, STEM") as a list, each trimmed, blanks dropped. */
export function splitListSql(cell: string, separators = ','): string {
	return `list_filter(list_transform(regexp_split_to_array(coalesce(${cell}, ''), ${sqlString(`[${separators}]`)}), x -> trim(x)), x -> x <> '')`;
}

const CONTROL = sqlString(String.raw`[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]`);
const CONTROL_OR_LINE_BREAK = sqlString(String.raw`[\x00-\x08\x0A-\x1F\x7F]`);
const CONTROL_PROBLEM =
	'holds a control character (such as NUL), which export files never contain: the file is damaged. Export it again from the platform';
const ONE_LINE_PROBLEM =
	'runs over more than one line or holds a control character: a stray quote mark (") probably joined this row to the next ones. Check the quotes on this row, or export the file again';

/** SQL for one field, given the SQL that reads its raw text cell. */
export function fieldSql(type: FieldKind, cell: string): FieldSql {
	switch (type.kind) {
		case 'text': {
			// Tabs and (outside names) line breaks are text; every other C0 control and DEL is damage.
			const pattern = type.oneLine ? CONTROL_OR_LINE_BREAK : CONTROL;
			const unreadableValue = (value: string) => `regexp_matches(${value}, ${pattern})`;
			// A free-text answer is stored without the names, phones, e-mails and addresses in it.
			const trimmed = `nullif(trim(${cell}), '')`;
			const value = type.freeText ? `lantern_scrub(${trimmed})` : type.entities ? decodeEntitiesSql(trimmed) : trimmed;
			return {
				value,
				unreadable: unreadableValue(cell),
				problem: type.oneLine ? ONE_LINE_PROBLEM : CONTROL_PROBLEM,
				// The check reads the cell, not the scrubbed or decoded value (`&#1;` is text, not damage).
				...(type.freeText || type.entities ? {} : { unreadableValue })
			};
		}
		case 'id': {
			// Digits only, by stripping them (no regular expression on every row); other patterns by regex.
			const unreadableValue = (value: string) =>
				type.pattern
					? `NOT regexp_full_match(${value}, ${sqlString(type.pattern)})`
					: `ltrim(${value}, '0123456789') <> ''`;
			return {
				value: `CASE WHEN lantern_blank(${cell}) THEN NULL ELSE trim(${cell}) END`,
				unreadable: unreadableValue(`trim(${cell})`),
				problem: type.pattern ? 'is not an ID of the expected form' : 'is not a whole-number ID',
				unreadableValue
			};
		}
		case 'monthDay': {
			const parsed = parseWithFormats(`'2000 ' || trim(${cell})`, ['%Y %B %d', '%Y %b %d', '%Y %d %B', '%Y %d %b']);
			return {
				value: `CASE WHEN ${parsed} IS NULL THEN NULL ELSE month(${parsed}) * 100 + day(${parsed}) END`,
				unreadable: `${parsed} IS NULL`,
				problem: 'is not a day of the year such as February 28'
			};
		}
		case 'count': {
			if (type.missingCodes?.length) {
				// Survey files write "not reported" as codes (-1, -9, M); those become unknown, not numbers.
				const missing = `list_contains(${sqlList(type.missingCodes)}, trim(${cell}))`;
				const plain = fieldSql({ kind: 'count', signed: type.signed }, cell);
				return {
					...plain,
					value: `CASE WHEN ${missing} THEN NULL ELSE ${plain.value} END`,
					unreadable: `NOT ${missing} AND (${plain.unreadable})`,
					nullMeansUnreadable: false
				};
			}
			const value = type.signed
				? `CASE WHEN starts_with(trim(${cell}), '-') AND length(trim(${cell})) > 1 THEN -lantern_count(ltrim(trim(${cell}), '-')) ELSE lantern_count(${cell}) END`
				: `lantern_count(${cell})`;
			return {
				value,
				unreadable: `${value} IS NULL`,
				problem: 'is not a count (expected a whole number such as 1234, 1,234, 424.0 or 1.2K)',
				nullMeansUnreadable: true
			};
		}
		case 'decimal': {
			const number = `TRY_CAST(lantern_digits(${cell}) AS DOUBLE)`;
			return {
				value: `CASE WHEN lantern_blank(${cell}) THEN NULL ELSE ${number} END`,
				unreadable: type.min === undefined ? `${number} IS NULL` : `coalesce(${number} < ${type.min}, true)`,
				problem: type.min === undefined ? 'is not a number' : `is not a number of at least ${type.min}`,
				nullMeansUnreadable: type.min === undefined
			};
		}
		case 'timestamp': {
			const parsed = parseWithFormats(`trim(${cell})`, type.formats);
			return {
				value: type.zone === 'library' ? `timezone(p.tz, ${parsed})` : parsed,
				unreadable: `${parsed} IS NULL`,
				problem: `is not a date and time written ${inForm(type.formats)}`,
				nullMeansUnreadable: true
			};
		}
		case 'year': {
			// 1900–2199 covers any year a library reports; a 2-digit or 5-digit number is a mistake.
			const value = `CASE WHEN lantern_count(${cell}) BETWEEN 1900 AND 2199 THEN lantern_count(${cell}) END`;
			return {
				value,
				unreadable: `${value} IS NULL`,
				problem: 'is not a year such as 2026',
				nullMeansUnreadable: true
			};
		}
		case 'month': {
			const name = `lower(trim(${cell}))`;
			const value = `CASE WHEN lantern_count(${cell}) BETWEEN 1 AND 12 THEN lantern_count(${cell})
				WHEN regexp_full_match(${name}, '${MONTH_NAME}') THEN list_position(${sqlList(MONTH_PREFIXES)}, left(${name}, 3)) END`;
			return {
				value,
				unreadable: `${value} IS NULL`,
				problem: 'is not a month (a number from 1 to 12, or a name such as January or Jan)',
				nullMeansUnreadable: true
			};
		}
		case 'instant': {
			// Written with its offset (Z, +02:00, -0500, UTC), the instant it names. Written without one, UTC,
			// the zone these JSON exports keep time in: a plain cast would read it in the server's own zone.
			const text = `trim(${cell})`;
			const value = `CASE WHEN regexp_matches(${text}, ${INSTANT_OFFSET}) THEN TRY_CAST(${text} AS TIMESTAMPTZ) ELSE timezone('UTC', TRY_CAST(${text} AS TIMESTAMP)) END`;
			return {
				value,
				unreadable: `(${value}) IS NULL`,
				problem: 'is not a date and time such as 2026-03-01T14:30:00Z',
				nullMeansUnreadable: true
			};
		}
		case 'date': {
			const parsed = parseWithFormats(`trim(${cell})`, type.formats);
			if (type.noDay?.length) {
				const noDay = `list_contains(${sqlList(type.noDay.map((w) => w.toLowerCase()))}, lower(trim(${cell})))`;
				return {
					value: `CASE WHEN ${noDay} THEN NULL ELSE CAST(${parsed} AS DATE) END`,
					unreadable: `NOT ${noDay} AND ${parsed} IS NULL`,
					problem: `is not a real date written ${inForm(type.formats)} (or ${type.noDay[0]})`
				};
			}
			return {
				value: `CAST(${parsed} AS DATE)`,
				unreadable: `${parsed} IS NULL`,
				problem: `is not a real date written ${inForm(type.formats)}`,
				nullMeansUnreadable: true
			};
		}
		case 'clock': {
			const allDay = `list_contains(${sqlList(type.allDay.map((w) => w.toLowerCase()))}, lower(trim(${cell})))`;
			const parsed = `CAST(${parseWithFormats(`upper(trim(${cell}))`, ['%H:%M', '%H:%M:%S', '%I:%M %p', '%I:%M%p'])} AS TIME)`;
			return {
				value: `CASE WHEN lantern_blank(${cell}) OR ${allDay} THEN NULL ELSE ${parsed} END`,
				unreadable: `NOT ${allDay} AND ${parsed} IS NULL`,
				problem: `is not a time of day such as 10:30 or 2:00 PM (or ${type.allDay[0]})`
			};
		}
		case 'enum': {
			const lowered = `lower(trim(${cell}))`;
			return {
				value: `CASE WHEN lantern_blank(${cell}) THEN NULL ELSE ${lowered} END`,
				unreadable: `NOT list_contains(${sqlList(type.values)}, ${lowered})`,
				problem: `is not one of: ${type.values.join(', ')}`
			};
		}
	}
}

/** The end of a time of day that names its offset from UTC: `:00Z`, `:00.123+02:00`, `:00-0500`, `:00 UTC`. */
const INSTANT_OFFSET = sqlString('(?i):[0-9]{2}(\\.[0-9]+)?\\s*(z|utc|gmt|[+-][0-9]{2}(:?[0-9]{2})?)$');

/** Rows where the cell breaks its rule: empty though required, or present but unreadable. */
export function invalidCellSql(sql: FieldSql, cell: string, required: boolean): string | null {
	// The unreadable test comes first: it fails fast on ordinary cells, and the blank test is dearer.
	const checks = [
		required ? `lantern_blank(${cell})` : null,
		sql.unreadable === 'false' ? null : `((${sql.unreadable}) AND NOT lantern_blank(${cell}))`
	].filter(Boolean);
	return checks.length ? checks.join(' OR ') : null;
}

/**
 * The same rule tested on the parsed value (`value`, a column holding `sql.value`) where the kind
 * allows, so a cell is not parsed a second time; otherwise on the raw cell.
 */
export function invalidValueSql(sql: FieldSql, value: string, cell: string, required: boolean): string | null {
	if (sql.unreadableValue)
		return required
			? `${value} IS NULL OR ${sql.unreadableValue(value)}`
			: `${value} IS NOT NULL AND ${sql.unreadableValue(value)}`;
	if (sql.nullMeansUnreadable) return required ? `${value} IS NULL` : `${value} IS NULL AND NOT lantern_blank(${cell})`;
	return invalidCellSql(sql, cell, required);
}

/** The entities X writes in its exports' text: the five named ones and numeric ones (`&#39;`, `&#x2019;`). */
const ENTITY = sqlString('(?i)&(lt|gt|amp|quot|apos|#[0-9]+|#x[0-9a-f]+);');

/** One matched entity's character; a number that is no character (beyond Unicode, a surrogate, 0) stays as written. */
function entityCharacterSql(entity: string): string {
	const codePoint = `CASE WHEN lower(${entity}) LIKE '&#x%' THEN TRY_CAST('0x' || substr(${entity}, 4, length(${entity}) - 4) AS BIGINT) ELSE TRY_CAST(substr(${entity}, 3, length(${entity}) - 3) AS BIGINT) END`;
	const character = `CASE WHEN ${codePoint} BETWEEN 1 AND 1114111 AND NOT ${codePoint} BETWEEN 55296 AND 57343 THEN chr(CAST(${codePoint} AS INTEGER)) ELSE ${entity} END`;
	return `CASE lower(${entity}) WHEN '&amp;' THEN '&' WHEN '&lt;' THEN '<' WHEN '&gt;' THEN '>' WHEN '&quot;' THEN '"' WHEN '&apos;' THEN '''' ELSE ${character} END`;
}

/**
 * Text with its HTML entities decoded in one pass, as decodeEntities in lib/html-entities.ts does:
 * the text is split at each entity and every piece is followed by its entity's character, so
 * `&amp;lt;` becomes `&lt;`, never `<`. Only text holding an `&` is split at all.
 */
export function decodeEntitiesSql(text: string): string {
	const pieces = `list_zip(regexp_split_to_array(${text}, ${ENTITY}), regexp_extract_all(${text}, ${ENTITY}))`;
	const joined = `array_to_string(list_transform(${pieces}, lantern_piece -> lantern_piece[1] || coalesce(${entityCharacterSql('lantern_piece[2]')}, '')), '')`;
	return `CASE WHEN contains(${text}, '&') THEN ${joined} ELSE ${text} END`;
}

/** Hashtags in a post's text, lower-cased and without the #. */
export function hashtagsSql(text: string): string {
	// Most posts carry none: the regular expression runs only on text with a #.
	return `CASE WHEN contains(coalesce(${text}, ''), '#') THEN list_distinct(list_transform(regexp_extract_all(${text}, '#([\\p{L}\\p{N}_]+)', 1), h -> lower(h))) ELSE CAST([] AS VARCHAR[]) END`;
}

/**
 * The calendar date of a year-less day (month × 100 + day) in a file whose rows run in date order
 * and end at or before the export: the last row takes the export's year (or the year before when
 * its day is later in the year than the export), and every step back across a new year, seen as
 * the day-of-year dropping from one row to the next, takes one year off.
 */
export function yearlessDateSql(monthDay: string): string {
	// load-plan.ts stores, beside each monthDay field `n."x"`, whether the day dropped: `n."x__drop"`.
	const drop = monthDay.replace(/"$/, '__drop"');
	const exportDay = 'month(timezone(p.tz, p.observed_at)) * 100 + day(timezone(p.tz, p.observed_at))';
	const lastDay = `last_value(${monthDay}) OVER (ORDER BY n.row_no ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)`;
	const lastYear = `year(timezone(p.tz, p.observed_at)) - CASE WHEN ${lastDay} > ${exportDay} THEN 1 ELSE 0 END`;
	const laterDrops = `(sum(${drop}) OVER () - sum(${drop}) OVER (ORDER BY n.row_no ROWS UNBOUNDED PRECEDING))`;
	return `TRY_CAST(printf('%04d-%02d-%02d', ${lastYear} - ${laterDrops}, ${monthDay} // 100, ${monthDay} % 100) AS DATE)`;
}

/**
 * The last calendar date on or before `reference` (a DATE) that falls on a year-less day (month ×
 * 100 + day): "July 16" read on 2026-02-28 is 2025-07-16. For rows that are not in date order, so
 * each is resolved alone. February 29 steps back to the last leap year.
 */
export function monthDayOnOrBeforeSql(monthDay: string, reference: string): string {
	const year = `year(${reference}) - CASE WHEN ${monthDay} > month(${reference}) * 100 + day(${reference}) THEN 1 ELSE 0 END`;
	const inYear = (back: number) =>
		`TRY_CAST(printf('%04d-%02d-%02d', ${year} - ${back}, ${monthDay} // 100, ${monthDay} % 100) AS DATE)`;
	return `coalesce(${[0, 1, 2, 3].map(inYear).join(', ')})`;
}
