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

/** Temporary macros the field expressions use; created on the importing connection only. */
export const FIELD_MACROS_SQL = `
CREATE OR REPLACE TEMP MACRO lantern_blank(s) AS s IS NULL OR lower(trim(s)) IN ('', '-', '--', 'undefined', 'n/a', 'null');
CREATE OR REPLACE TEMP MACRO lantern_digits(s) AS replace(replace(trim(s), ',', ''), ' ', '');
CREATE OR REPLACE TEMP MACRO lantern_count(s) AS CASE
	WHEN lantern_blank(s) THEN NULL
	WHEN regexp_full_match(lantern_digits(s), '[0-9]+(\\.0*)?')
		THEN TRY_CAST(split_part(lantern_digits(s), '.', 1) AS BIGINT)
	WHEN regexp_full_match(upper(lantern_digits(s)), '[0-9]+(\\.[0-9]+)?[KM]')
		THEN TRY_CAST(round(TRY_CAST(left(lantern_digits(s), -1) AS DOUBLE)
			* CASE upper(right(lantern_digits(s), 1)) WHEN 'K' THEN 1000 ELSE 1000000 END) AS BIGINT)
	ELSE NULL END;
`;

export interface FieldSql {
	/** the normalised value */
	value: string;
	/** true when the raw cell is present but cannot be read */
	invalid: string;
	/** what to tell a person when `invalid` holds */
	problem: string;
}

/** SQL for one field, given the SQL that reads its raw text cell. */
export function fieldSql(type: FieldKind, cell: string, required: boolean): FieldSql {
	const blank = `lantern_blank(${cell})`;
	const orMissing = (bad: string) => (required ? `(${blank} OR (${bad}))` : `(NOT ${blank} AND (${bad}))`);
	const missing = required ? 'is empty, and this column is required' : '';
	const say = (problem: string) => (required ? `${problem} (or ${missing})` : problem);
	switch (type.kind) {
		case 'text':
			return {
				value: `nullif(trim(${cell}), '')`,
				invalid: required ? `nullif(trim(${cell}), '') IS NULL` : 'false',
				problem: 'is empty, and this column is required'
			};
		case 'id':
			return {
				value: `CASE WHEN ${blank} THEN NULL ELSE trim(${cell}) END`,
				invalid: orMissing(`NOT regexp_full_match(trim(${cell}), '[0-9]+')`),
				problem: say('is not a whole-number ID')
			};
		case 'count':
			return {
				value: `lantern_count(${cell})`,
				invalid: orMissing(`lantern_count(${cell}) IS NULL`),
				problem: say('is not a count (expected a whole number such as 1234, 1,234, 424.0 or 1.2K)')
			};
		case 'decimal': {
			const number = `TRY_CAST(lantern_digits(${cell}) AS DOUBLE)`;
			const bound = type.min === undefined ? 'false' : `${number} < ${type.min}`;
			return {
				value: `CASE WHEN ${blank} THEN NULL ELSE ${number} END`,
				invalid: orMissing(`${number} IS NULL OR ${bound}`),
				problem: say(type.min === undefined ? 'is not a number' : `is not a number of at least ${type.min}`)
			};
		}
		case 'timestamp': {
			const parsed = `try_strptime(trim(${cell}), ${sqlList(type.formats)})`;
			return {
				value: type.zone === 'library' ? `timezone(p.tz, ${parsed})` : parsed,
				invalid: orMissing(`${parsed} IS NULL`),
				problem: say(`is not a date and time in the expected form (${type.formats.join(' or ')})`)
			};
		}
		case 'date': {
			const parsed = `try_strptime(trim(${cell}), ${sqlList(type.formats)})`;
			return {
				value: `CAST(${parsed} AS DATE)`,
				invalid: orMissing(`${parsed} IS NULL`),
				problem: say(`is not a date in the expected form (${type.formats.join(' or ')})`)
			};
		}
		case 'clock': {
			const allDay = `lower(trim(${cell})) IN (${type.allDay.map((w) => sqlString(w.toLowerCase())).join(', ')})`;
			const parsed = `CAST(try_strptime(upper(trim(${cell})), ['%H:%M', '%H:%M:%S', '%I:%M %p', '%I:%M%p']) AS TIME)`;
			return {
				value: `CASE WHEN ${blank} OR ${allDay} THEN NULL ELSE ${parsed} END`,
				invalid: `(NOT ${blank} AND NOT ${allDay} AND ${parsed} IS NULL)`,
				problem: 'is not a time of day such as 10:30 or 2:00 PM'
			};
		}
		case 'enum': {
			const lowered = `lower(trim(${cell}))`;
			return {
				value: `CASE WHEN ${blank} THEN NULL ELSE ${lowered} END`,
				invalid: orMissing(`NOT list_contains(${sqlList(type.values)}, ${lowered})`),
				problem: say(`is not one of: ${type.values.join(', ')}`)
			};
		}
	}
}

/** Hashtags in a post's text, lower-cased and without the #. */
export function hashtagsSql(text: string): string {
	return `list_distinct(list_transform(regexp_extract_all(coalesce(${text}, ''), '#([\\p{L}\\p{N}_]+)', 1), h -> lower(h)))`;
}
