/** How one export format is recognised, read and loaded. Each file in sources/ declares one. */

export type Target =
	| 'post_observations'
	| 'program_records'
	| 'usage_records'
	| 'literacy_records'
	| 'account_daily_records'
	| 'x_account_sightings'
	| 'x_note_texts'
	| 'survey_records'
	| 'pls_records'
	| 'post_daily_records'
	| 'story_records';

export type FieldKind =
	/**
	 * text; blank becomes NULL. `oneLine` for a name (a branch, a program, a response ID): a line break
	 * in one means a stray quote joined rows, so the cell is refused. Control characters (NUL…) are
	 * refused in any text: no export writes them, a damaged file does. `entities` for X's text, which
	 * it writes HTML-escaped (`&amp;`): decoded once as the cell is read, for every column made from it.
	 */
	| { kind: 'text'; oneLine?: boolean; freeText?: boolean; entities?: boolean }
	/** an identifier kept as text (post IDs exceed a double); digits only unless `pattern` says more */
	| { kind: 'id'; pattern?: string }
	/** a count; accepts `1,234`, `424.0`, `1.2K`, `-` and `undefined` (the last two as unknown); negative only when `signed` (TikTok's adjustments) */
	| { kind: 'count'; signed?: boolean; missingCodes?: readonly string[] }
	/** any decimal number, optionally bounded below */
	| { kind: 'decimal'; min?: number }
	/** date and time; `zone: 'in-value'` when the format carries %z, else read in the library's zone */
	| { kind: 'timestamp'; formats: readonly string[]; zone: 'in-value' | 'library' }
	/** a calendar day; `noDay` lists words that stand for no day (Meta's `Lifetime`), read as NULL */
	| { kind: 'date'; formats: readonly string[]; noDay?: readonly string[] }
	/** an ISO 8601 instant with its zone (`2023-01-01T12:00:00Z`, `…+02:00`), as JSON exports write them; one written without a zone is UTC */
	| { kind: 'instant' }
	/** a clock time such as `10:30` or `2:00 PM`; `allDay` lists the words that mean no time */
	| { kind: 'clock'; allDay: readonly string[] }
	/** one of a fixed vocabulary, compared case-insensitively and stored lower-case */
	| { kind: 'enum'; values: readonly string[] }
	/** a day of the year with no year (TikTok's `February 28`), as month × 100 + day; see yearlessDateSql in field-sql.ts */
	| { kind: 'monthDay' }
	/** a calendar year such as `2026`, for files that give the year and the month in columns of their own */
	| { kind: 'year' }
	/** a month as 1–12 or its name (`January`, `Jan`, `jan.`), as the number 1–12 */
	| { kind: 'month' };

export interface FieldSpec {
	/** header spellings, compared after normalising case and whitespace */
	headers: readonly string[];
	type: FieldKind;
	required?: boolean;
}

/**
 * File rows that belong in another table, chosen by what they hold (Meta's per-day rows, Instagram
 * stories): the rows `when` holds for go to `target` with these columns instead of the main table.
 * They count as loaded rows, like the main table's.
 */
export interface RowRoute<F extends string> {
	target: Target;
	/** SQL over the normalised fields, true for the rows this route takes */
	when: (n: Record<F, string>) => string;
	load: (n: Record<F, string>, context: SourceContext) => Record<string, string>;
}

/** Rows for a second table from the same file, one per element of `unnest` (as `u.item`). */
export interface ExtraLoad<F extends string> {
	target: Target;
	unnest: (n: Record<F, string>) => string;
	columns: (n: Record<F, string>) => Record<string, string>;
}

export interface SourceSpec<F extends string = string> {
	id: string;
	label: string;
	/** what a person sees in `lantern sources` and on the uploads page */
	description: string;
	target: Target;
	/** how the file is read; CSV unless said */
	format?: 'csv' | 'x-archive' | 'activitypub' | 'bluesky-car';
	/** normalised header cells that must all appear on one of the first lines to recognise the file */
	anchors: readonly string[];
	/** header cells whose presence means it is some other format */
	absent?: readonly string[];
	/** for X archive files: the `window.YTD.<part>` names, and the columns to take from each JSON item */
	archiveParts?: readonly string[];
	archiveColumns?: readonly { name: string; sql: string }[];
	/** for workbook exports: the sheet (normalised name) this format lives on; never matched in a CSV */
	sheet?: string;
	/** rows right after the header that describe it rather than hold data (legacy Facebook's definitions) */
	rowsAfterHeader?: number;
	fields: Record<F, FieldSpec>;
	/** SQL over the raw cells (`cells.<field>`): true for rows that are not data, such as a `Total` row */
	skipRow?: (cells: Record<F, string>) => string;
	/** rows the import report should count and explain (rows skipped, rows stored differently) */
	rowNotes?: RowNotes<F>;
	/**
	 * Target columns as SQL over the normalised fields (`n.<field>`), which may use window functions
	 * over `n.row_no`. Only code-defined text goes here; user values reach SQL as bound parameters,
	 * visible as `p.tz` (the library's time zone) and `p.observed_at` (when the export was taken).
	 */
	load: (n: Record<F, string>, context: SourceContext) => Record<string, string>;
	also?: readonly ExtraLoad<F>[];
	/** rows taken out of the main table into another, the first route whose `when` holds winning */
	routes?: readonly RowRoute<F>[];
	/** several target rows per file row (a wide file's metric columns), each element as `u.item` */
	rows?: (n: Record<F, string>) => string;
	/** load one row per distinct value of the other columns, summing these (hourly gate counts → days) */
	sumColumns?: readonly string[];
	/**
	 * Rows that repeat an earlier row of the file by `key` (SQL over `n.<field>`) are loaded once and
	 * counted in the report by `describe`: a survey response exported twice is one response.
	 */
	distinct?: { key: (n: Record<F, string>) => string; describe: (repeated: number) => string };
	/** a reason to refuse the file, decided from what sits above its header */
	refuse?: (context: SourceContext) => string | null;
}

/**
 * Rows worth a sentence in the import report: `kind` is SQL over the raw cells naming what a row is
 * (NULL for ordinary rows), `value` the cell that shows it; `describe` turns the counts into notes.
 */
export interface RowNotes<F extends string = string> {
	kind: (cells: Record<F, string>) => string;
	value: (cells: Record<F, string>) => string;
	describe: (counts: readonly RowNoteCount[]) => string[];
}

export interface RowNoteCount {
	kind: string;
	/** the cell as written (trimmed), e.g. `All Locations` */
	value: string;
	rows: number;
}

/** What the pipeline knows about a file beyond its rows. */
export interface SourceContext {
	/** the lines above the header (a title such as Meta's metric name), unquoted and trimmed */
	preamble: string[];
	/** the file's name, for formats that carry facts there (a fiscal year, an export date) */
	fileName: string;
	/** gate counters count each visitor twice (in and out): halve their differences */
	gateCountsBidirectional: boolean;
}

export function defineSource<F extends string>(spec: SourceSpec<F>): SourceSpec<F> {
	return spec;
}

/** SQL reading text at `prefix` + path inside each staged JSON item (`json`), for `archiveColumns`. */
export const jsonText =
	(prefix = '') =>
	(path: string): string =>
		`json_extract_string(json, '$.${prefix}${path}')`;

/** A count column known by these headers; `signed` where a format writes corrections as negatives. */
export function countField(headers: readonly string[], options: { signed?: boolean } = {}): FieldSpec {
	return { headers, type: options.signed ? { kind: 'count', signed: true } : { kind: 'count' } };
}
