import { formatCount } from '../../format';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ImportError } from '../../domain/imports';
import { queryRows } from '../db/database';
import { fieldSql, invalidCellSql, invalidValueSql, sqlIdentifier, type FieldSql } from './field-sql';
import { checkPrivacy } from './privacy-check';
import type { Staged } from './readers';
import { Refusal } from './refusal';
import type { SourceContext, SourceSpec } from './source';

export const MAX_REPORTED_ERRORS = 100;

interface PlannedField {
	sql: FieldSql;
	/** SQL true for rows where this cell breaks its rule, or null when it cannot */
	invalid: string | null;
	column: string | null;
	/** the header as written in the file */
	label: string;
	/** the column's place in the file, so a row's problems are listed left to right */
	position: number;
}

export interface LoadPlan {
	source: SourceSpec;
	context: SourceContext;
	lineOffset: number;
	fields: Record<string, PlannedField>;
	/** SQL over `staging` selecting the data rows */
	rowFilter: string;
	/** the same without the header test, for a reader that starts at the data */
	dataFilter: string;
	/** the file's columns some field reads, as SQL identifiers */
	readColumns: string[];
	/** the raw cells of each field as SQL over `staging` (a NULL cast for a field without a column) */
	cells: Record<string, string>;
	/** `rowFilter` before `skipRow`: every row that holds something, skipped or not */
	presentFilter: string;
}

/** Maps each field to its column, refusing the file when a required column is missing. */
export function planLoad(staged: Staged, settings: { fileName: string; gateCountsBidirectional: boolean }): LoadPlan {
	const { source, header, headerText, columns, headerRow, lineOffset } = staged;
	const context: SourceContext = { preamble: staged.preamble, ...settings };
	const refusal = source.refuse?.(context);
	if (refusal) throw new Refusal(refusal, [], 0, source);
	const fields: LoadPlan['fields'] = {};
	const missing: string[] = [];
	for (const [name, spec] of Object.entries(source.fields)) {
		const index = header.findIndex((cell) => spec.headers.includes(cell));
		const column = index >= 0 ? columns[index]! : null;
		if (column === null && spec.required) missing.push(spec.headers[0]!);
		const cell = column === null ? 'CAST(NULL AS VARCHAR)' : sqlIdentifier(column);
		const sql = fieldSql(spec.type, cell);
		fields[name] = {
			sql,
			invalid: column === null ? null : invalidCellSql(sql, cell, Boolean(spec.required)),
			column,
			label: index >= 0 ? headerText[index]! : spec.headers[0]!,
			position: index
		};
	}
	if (missing.length > 0) {
		throw new Refusal(
			`This looks like a ${source.label} file, but it has no ${missing.map((m) => `"${m}"`).join(', ')} column. Export the file again with all columns.`,
			missing.map((m) => ({ row: headerRow + lineOffset, column: m, message: 'required column is missing' })),
			missing.length,
			source
		);
	}
	const cells = Object.fromEntries(
		Object.entries(fields).map(([name, field]) => [
			name,
			field.column ? sqlIdentifier(field.column) : 'CAST(NULL AS VARCHAR)'
		])
	);
	const skip = source.skipRow ? ` AND NOT coalesce(${source.skipRow(cells)}, false)` : '';
	// A row with every cell Lantern reads blank is a spacer, not data (staging holds just those cells).
	const readColumns = [
		...new Set(Object.values(fields).flatMap((field) => (field.column ? [sqlIdentifier(field.column)] : [])))
	];
	const present = `coalesce(${readColumns.join(', ')}) IS NOT NULL`;
	const dataFilter = `${present}${skip}`;
	const firstData = headerRow + (source.rowsAfterHeader ?? 0);
	return {
		source,
		context,
		lineOffset,
		fields,
		dataFilter,
		readColumns,
		cells,
		presentFilter: `row_no > ${firstData} AND ${present}`,
		rowFilter: `row_no > ${firstData} AND ${dataFilter}`
	};
}

/** The import report's sentences about rows the format singles out (left out, or stored apart), from `staging`. */
export async function describeRowNotes(connection: DuckDBConnection, plan: LoadPlan): Promise<string[]> {
	const repeats = await describeRepeats(connection, plan);
	const notes = plan.source.rowNotes;
	if (!notes) return repeats;
	const kind = notes.kind(plan.cells);
	const counts = await queryRows<{ kind: string; value: string; rows: number }>(
		connection,
		`SELECT ${kind} AS kind, ${notes.value(plan.cells)} AS value, CAST(count(*) AS INTEGER) AS rows
		 FROM staging WHERE ${plan.presentFilter} AND ${kind} IS NOT NULL GROUP BY ALL ORDER BY min(row_no)`
	);
	return [...repeats, ...(counts.length > 0 ? notes.describe(counts) : [])];
}

/** The sentence about rows loaded once because they repeat an earlier row, from `normalised`. */
async function describeRepeats(connection: DuckDBConnection, plan: LoadPlan): Promise<string[]> {
	const distinct = plan.source.distinct;
	if (!distinct) return [];
	const [row] = await queryRows<{ repeated: number }>(
		connection,
		`SELECT CAST(count(*) - count(DISTINCT ${distinct.key(fieldRefs(plan))}) AS INTEGER) AS repeated FROM normalised n`
	);
	return row && row.repeated > 0 ? [distinct.describe(row.repeated)] : [];
}

/**
 * The file's data rows parsed into fields (`n.<field>`), straight from DuckDB's reader with no
 * staging. Every cell is parsed once, in the inner SELECT; the outer one checks the parsed values
 * (and the raw cells beside them) and stops the statement at the first broken cell with DuckDB's
 * `error()`, inside the `__check` column the load adds to each row's import ID so it cannot be
 * pruned. A caller inside a transaction then rolls back and re-reads the file through staging to
 * name every problem. Expects the reader to start at the first data row, its path bound as $4 and
 * the load parameters as $1–$3.
 */
export function directRowsSql(plan: LoadPlan, reader: string): string {
	const raw = plan.readColumns;
	const values = Object.entries(plan.fields).map(([name, field]) => `${field.sql.value} AS ${sqlIdentifier(name)}`);
	// A field with no rule (or no column) has no check; the rest are tested on their parsed values where they can be.
	const checks = Object.entries(plan.fields).flatMap(([name, field]) =>
		field.invalid === null
			? []
			: [
					invalidValueSql(
						field.sql,
						sqlIdentifier(name),
						sqlIdentifier(field.column!),
						Boolean(plan.source.fields[name]?.required)
					)!
				]
	);
	// One WHEN per cell: CASE tests each only on rows still unflagged, and AND short-circuits inside it.
	const check =
		checks.length > 0
			? `CASE ${checks.map((c) => `WHEN ${c} THEN error('${DIRECT_LOAD_STOPPED}')`).join(' ')} ELSE 0 END`
			: '0';
	const inner = `SELECT ${[...values, ...raw].join(', ')} FROM ${reader}, ${LOAD_PARAMS} WHERE ${plan.dataFilter}`;
	return `(SELECT * EXCLUDE (${raw.join(', ')}), ${check} AS __check FROM (${inner}))`;
}

const DIRECT_LOAD_STOPPED = 'lantern: a cell breaks its rule';

const PARAMS = '(SELECT CAST($1 AS VARCHAR) AS tz, CAST($2 AS TIMESTAMPTZ) AS observed_at) p';
const badFlag = (name: string) => sqlIdentifier(`${name}__bad`);

/**
 * Parses every cell once into the temporary `normalised` table: each field's value and, beside it,
 * whether its cell broke the rule. Validation and loading then read this table instead of parsing again.
 */
export async function normaliseRows(
	connection: DuckDBConnection,
	plan: LoadPlan,
	timeZone: string,
	observedAt: Date
): Promise<void> {
	const columns = Object.entries(plan.fields).flatMap(([name, field]) => {
		const out = [`${field.sql.value} AS ${sqlIdentifier(name)}`];
		if (field.invalid !== null) out.push(`coalesce(${field.invalid}, false) AS ${badFlag(name)}`);
		// Year-less days also carry whether the day-of-year dropped since the row before (a new year).
		if (plan.source.fields[name]?.type.kind === 'monthDay') {
			out.push(
				`CAST(coalesce(${field.sql.value} < lag(${field.sql.value}) OVER (ORDER BY row_no), false) AS INTEGER) AS ${sqlIdentifier(`${name}__drop`)}`
			);
		}
		return out;
	});
	await connection.run(
		`CREATE OR REPLACE TEMP TABLE normalised AS SELECT row_no, ${columns.join(', ')} FROM staging, ${PARAMS} WHERE ${plan.rowFilter}`,
		[timeZone, observedAt.toISOString()]
	);
}

/** Every broken cell, the first 100 described; a file with any is refused whole. */
export async function validateRows(
	connection: DuckDBConnection,
	plan: LoadPlan
): Promise<{ errors: ImportError[]; errorCount: number }> {
	const checked = Object.entries(plan.fields).filter(([, field]) => field.invalid !== null);
	if (checked.length === 0) return { errors: [], errorCount: 0 };
	const [counted] = await queryRows<{ n: number | null }>(
		connection,
		`SELECT sum(${checked.map(([name]) => `CAST(${badFlag(name)} AS INTEGER)`).join(' + ')}) AS n FROM normalised`
	);
	const errorCount = counted?.n ?? 0;
	if (errorCount === 0) return { errors: [], errorCount: 0 };
	const union = checked
		.map(
			([name, field]) =>
				`SELECT n.row_no, '${name}' AS field, ${field.position} AS position, s.${sqlIdentifier(field.column!)} AS raw FROM normalised n JOIN staging s USING (row_no) WHERE n.${badFlag(name)}`
		)
		.join('\nUNION ALL\n');
	const rows = await queryRows<{ row_no: number; field: string; raw: string | null }>(
		connection,
		`${union}\nORDER BY row_no, position LIMIT ${MAX_REPORTED_ERRORS}`
	);
	const errors = rows.map((row) => {
		const field = plan.fields[row.field]!;
		return {
			row: row.row_no + plan.lineOffset,
			column: field.label,
			message: describeProblem(field.sql.problem, row.raw)
		};
	});
	return { errors, errorCount };
}

/** Maps the staged file's columns, checks it for personal data, then parses and checks every cell. */
export async function checkStaged(
	connection: DuckDBConnection,
	staged: Staged,
	fileName: string,
	settings: { gateCountsBidirectional: boolean; timeZone: string },
	observed: Date
): Promise<{ plan: LoadPlan; privacy: string | null; errors: ImportError[]; errorCount: number }> {
	const plan = planLoad(staged, { fileName, gateCountsBidirectional: settings.gateCountsBidirectional });
	const privacy = checkPrivacy(staged, plan);
	await normaliseRows(connection, plan, settings.timeZone, observed);
	return { plan, privacy, ...(await validateRows(connection, plan)) };
}

const ROUNDED_ID = /^\d(\.\d+)?E\+\d+$/i;
const ROUNDED_MESSAGE = 'is an ID rounded by a spreadsheet';

/** One sentence for a refused file: spreadsheet-rounded IDs get their own, since no row fix helps. */
export function summariseProblems(errors: ImportError[], errorCount: number): string {
	const rounded = errors.filter((error) => error.message.includes(ROUNDED_MESSAGE));
	if (rounded.length > 0) {
		const rows = rounded
			.slice(0, 3)
			.map((error) => error.row)
			.join(', ');
		return `The IDs in this file were rounded by a spreadsheet (rows ${rows}${rounded.length > 3 ? ', …' : ''}): Excel writes long numbers like 6.49E+17, which loses their last digits so different posts share one ID. Nothing was imported. Upload the original export from the platform, not a copy opened and saved in Excel.`;
	}
	return `${errorCount} problem${errorCount === 1 ? '' : 's'} found; nothing was imported. Fix the file and upload it again.`;
}

/**
 * The problem with a cell, quoting its shape, not its value: a refused file's cells may be a
 * patron's name or phone, and the import log keeps the messages ("a 12-character text is not a date").
 */
function describeProblem(problem: string, raw: string | null): string {
	if (raw === null || raw.trim() === '') return 'is empty, but every row needs a value here';
	if (ROUNDED_ID.test(raw.trim())) {
		return `a number in scientific notation ${ROUNDED_MESSAGE}: scientific notation loses its last digits, so IDs collide. Upload the original export, not a copy re-saved in Excel.`;
	}
	return `${cellShape(raw)} ${problem}`;
}

/** What a cell looks like without what it says: its kind and length. */
export function cellShape(raw: string): string {
	const cell = raw.trim();
	if (/^-[\d.,\s]+$/.test(cell)) return 'a negative number';
	if (/^\+?[\d.,\s]+$/.test(cell)) return `${article(cell.replace(/\D/g, '').length)}-digit number`;
	const length = [...cell].length;
	// eslint-disable-next-line no-control-regex -- control characters are what this looks for
	const control = /[\x00-\x1F\x7F]/.test(cell) ? ' with a control character or line break' : '';
	return `${article(length)}-character text${control}`;
}

/** "a 12", "an 8", "an 11", "an 18": the article as the number is said. */
function article(count: number): string {
	const said = formatCount(count);
	return `${/^(8|1[18](\D|$))/.test(said) ? 'an' : 'a'} ${said}`;
}

const LOAD_PARAMS =
	'(SELECT CAST($1 AS INTEGER) AS import_id, CAST($2 AS VARCHAR) AS tz, CAST($3 AS TIMESTAMPTZ) AS observed_at) p';
const OBSERVED_TARGETS = new Set(['post_observations', 'account_daily_records', 'post_daily_records', 'story_records']);

function fieldRefs(plan: LoadPlan): Record<string, string> {
	return Object.fromEntries(
		Object.keys(plan.fields).flatMap((name) => [
			[name, `n.${sqlIdentifier(name)}`],
			[`${name}__drop`, `n.${sqlIdentifier(`${name}__drop`)}`]
		])
	);
}

/**
 * Only http(s) links are stored: a crafted export's `javascript:` "permalink" would run script in
 * Lantern's origin when a director clicks it (the pages check again when they draw a link).
 */
function webLinkSql(expression: string): string {
	return `CASE WHEN regexp_matches(trim(${expression}), '^https?://[^\\s"<>]+$', 'i') THEN trim(${expression}) END`;
}

/** The SELECT that turns normalised rows into one target table's rows. */
function targetSelect(
	plan: LoadPlan,
	target: string,
	columns: Record<string, string>,
	extraUnnest: string | null,
	rowsFrom = 'normalised',
	where: string | null = null
): { names: string[]; sql: string } {
	// The direct path's row check lives in `__check` (always 0), which every row's import ID reads.
	const all: Record<string, string> = {
		import_id: rowsFrom === 'normalised' ? 'p.import_id' : 'p.import_id + n.__check',
		...columns
	};
	if (OBSERVED_TARGETS.has(target)) all.observed_at ??= 'p.observed_at';
	if (all.permalink) all.permalink = webLinkSql(all.permalink);
	const names = Object.keys(all);
	const from = `${rowsFrom} n, ${LOAD_PARAMS}${extraUnnest ? `, unnest(${extraUnnest}) AS u(item)` : ''}`;
	// A row repeating an earlier one by the format's key is left out; every element of the first kept.
	const distinct =
		target === plan.source.target && plan.source.distinct && rowsFrom === 'normalised'
			? ` QUALIFY dense_rank() OVER (PARTITION BY ${plan.source.distinct.key(fieldRefs(plan))} ORDER BY n.row_no) = 1`
			: '';
	let sql = `SELECT ${names.map((name) => `${all[name]} AS ${sqlIdentifier(name)}`).join(', ')} FROM ${from}${where ? ` WHERE ${where}` : ''}${distinct}`;
	const sums = target === plan.source.target ? (plan.source.sumColumns ?? []) : [];
	if (sums.length > 0) {
		const keep = names.filter((name) => !sums.includes(name)).map(sqlIdentifier);
		sql = `SELECT ${names.map((name) => (sums.includes(name) ? `sum(${sqlIdentifier(name)})` : sqlIdentifier(name))).join(', ')} FROM (${sql}) GROUP BY ${keep.join(', ')}`;
	}
	return { names, sql };
}

/**
 * Which rows each table takes when a format routes some rows elsewhere: each route the rows its
 * `when` holds for and no earlier route took, the main table the rest, so every row lands once.
 */
function routedFilters(plan: LoadPlan, refs: Record<string, string>): { main: string | null; routes: string[] } {
	const whens = (plan.source.routes ?? []).map((route) => `coalesce(${route.when(refs)}, false)`);
	const noneBefore = (i: number) =>
		whens
			.slice(0, i)
			.map((when) => ` AND NOT ${when}`)
			.join('');
	return {
		main: whens.length === 0 ? null : `NOT (${whens.join(' OR ')})`,
		routes: whens.map((when, i) => `${when}${noneBefore(i)}`)
	};
}

/** The rows an import stored: the file rows (main table and routes) and how many went to each table. */
export interface LoadedRows {
	rows: number;
	byTarget: Record<string, number>;
}

/** Inserts the normalised rows (routed ones into their tables, and any second table's rows). */
export async function loadRows(
	connection: DuckDBConnection,
	plan: LoadPlan,
	importId: number,
	timeZone: string,
	observedAt: Date,
	/** where the parsed rows come from: the `normalised` table, or `directRowsSql` and its file */
	rows: { from: string; path?: string } = { from: 'normalised' }
): Promise<LoadedRows> {
	const refs = fieldRefs(plan);
	const params = [importId, timeZone, observedAt.toISOString(), ...(rows.path === undefined ? [] : [rows.path])];
	const byTarget: Record<string, number> = {};
	const insert = async (
		target: string,
		columns: Record<string, string>,
		unnest: string | null,
		where: string | null = null
	) => {
		const { names, sql } = targetSelect(plan, target, columns, unnest, rows.from, where);
		const reader = await connection.runAndReadAll(
			`INSERT INTO ${target} (${names.map(sqlIdentifier).join(', ')}) ${sql}`,
			params
		);
		const count = Number(reader.getRowObjectsJS()[0]?.Count ?? 0);
		byTarget[target] = (byTarget[target] ?? 0) + count;
		return count;
	};
	const filters = routedFilters(plan, refs);
	let loaded = await insert(
		plan.source.target,
		plan.source.load(refs, plan.context),
		plan.source.rows?.(refs) ?? null,
		filters.main
	);
	for (const [i, route] of (plan.source.routes ?? []).entries())
		loaded += await insert(route.target, route.load(refs, plan.context), null, filters.routes[i]);
	for (const extra of plan.source.also ?? []) await insert(extra.target, extra.columns(refs), extra.unnest(refs));
	return { rows: loaded, byTarget };
}

/** The first rows a load would store, for the column mapper's preview; nothing is written. */
export async function previewRows(
	connection: DuckDBConnection,
	plan: LoadPlan,
	timeZone: string,
	observedAt: Date,
	limit = 20
): Promise<Record<string, unknown>[]> {
	const refs = fieldRefs(plan);
	const { sql } = targetSelect(
		plan,
		plan.source.target,
		plan.source.load(refs, plan.context),
		plan.source.rows?.(refs) ?? null,
		'normalised',
		routedFilters(plan, refs).main
	);
	return queryRows(connection, `SELECT * EXCLUDE (import_id) FROM (${sql}) LIMIT ${limit}`, [
		0,
		timeZone,
		observedAt.toISOString()
	]);
}
