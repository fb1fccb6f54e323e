import { NOT_BRANCHES, SYSTEM_ROWS, type ColumnMapping } from '../../../domain/mapping';
import { formatCount } from '../../../format';
import { splitListSql, sqlString } from '../field-sql';
import type { RowNoteCount, SourceSpec } from '../source';

type Refs = Record<string, string>;

/** What specFromMapping knows of the chosen columns, for the programs target. */
export interface ChosenFields {
	has: (key: string) => boolean;
	/** the field's parsed value, or NULL when no column was chosen for it */
	n: (refs: Refs, key: string) => string;
	/** the first day of the row's period: its date, or its year and month */
	day: (refs: Refs) => string;
}

/** Place names as a lower-case SQL list (they come from the person's mapping: each is quoted as a literal). */
const sqlNames = (names: readonly string[]) =>
	names.length > 0
		? `[${names.map((name) => sqlString(name.trim().toLowerCase())).join(', ')}]`
		: 'CAST([] AS VARCHAR[])';

/**
 * Program records from a mapped file. Each row is one record, however many events it counts: open-data
 * statistics (branch × month × category × age group, with an Events count) give one attendance for the
 * lot, which cannot honestly be split into sessions, and program records have no place for the count.
 * Rows for the whole system are left out (they would count attendance twice beside the branches' rows);
 * rows for places that are no branch (Virtual, Service Center) are kept with no branch, the place as location.
 */
export function programsLoad(
	mapping: ColumnMapping,
	{ has, n, day }: ChosenFields
): Pick<SourceSpec, 'target' | 'load' | 'skipRow' | 'rowNotes'> {
	const system = sqlNames(mapping.systemRows ?? SYSTEM_ROWS);
	const elsewhere = sqlNames(mapping.notBranches ?? NOT_BRANCHES);
	const place = (cell: string) => `lower(trim(${cell}))`;
	const branchRules: Pick<SourceSpec, 'skipRow' | 'rowNotes'> = has('branch')
		? {
				skipRow: (cells) => `list_contains(${system}, ${place(cells.branch!)})`,
				rowNotes: {
					kind: (cells) =>
						`CASE WHEN list_contains(${system}, ${place(cells.branch!)}) THEN 'system' WHEN list_contains(${elsewhere}, ${place(cells.branch!)}) THEN 'elsewhere' END`,
					value: (cells) => `trim(${cells.branch!})`,
					describe: describePlaces
				}
			}
		: {};
	return {
		target: 'program_records',
		...branchRules,
		load: (refs) => {
			const list = (key: string) => (has(key) ? splitListSql(refs[key]!, ',;') : 'CAST(NULL AS VARCHAR[])');
			const text = (key: string) => `nullif(array_to_string(${list(key)}, ', '), '')`;
			const branch = n(refs, 'branch');
			const elsewhereRow = has('branch') ? `list_contains(${elsewhere}, lower(${branch}))` : 'false';
			// Without a title, the category and audience name the record: "Arts & Crafts, STEM (Children, Families)".
			const named = `concat_ws(' ', coalesce(${text('category')}, 'Programs'), '(' || ${text('audience')} || ')')`;
			// Mappings saved before year and month columns keyed a program on title, day, time and branch;
			// that key is kept for them, so a re-upload still replaces its programs.
			const key =
				has('title') && has('date')
					? [n(refs, 'title'), n(refs, 'date'), n(refs, 'time'), branch]
					: [n(refs, 'title'), day(refs), n(refs, 'time'), branch, n(refs, 'category'), n(refs, 'audience')];
			return {
				source: sqlString(`mapped:${mapping.name}`),
				program_id: has('id') ? refs.id! : `md5(concat_ws('|', ${key.join(', ')}))`,
				title: has('title') ? `coalesce(${refs.title}, ${named})` : named,
				branch: `CASE WHEN ${elsewhereRow} THEN NULL ELSE ${branch} END`,
				location: `CASE WHEN ${elsewhereRow} THEN ${branch} END`,
				category: `${list('category')}[1]`,
				audience: text('audience'),
				categories: list('category'),
				audiences: list('audience'),
				starts_at: `timezone(p.tz, ${day(refs)} + coalesce(${n(refs, 'time')}, TIME '00:00'))`,
				registrations: n(refs, 'registrations'),
				attendance: n(refs, 'attendance')
			};
		}
	};
}

/** “All Locations”, or “Virtual” and “Service Center”: each place once, as first written. */
function placeNames(counts: readonly RowNoteCount[]): string {
	const names = [...new Map(counts.map((c) => [c.value.toLowerCase(), `“${c.value}”`])).values()];
	return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;
}

const rowsWord = (rows: number) => `${formatCount(rows)} ${rows === 1 ? 'row' : 'rows'}`;

/** The import report's sentences about whole-system rows (left out) and rows for places that are no branch (kept). */
export function describePlaces(counts: readonly RowNoteCount[]): string[] {
	const notes: string[] = [];
	const system = counts.filter((c) => c.kind === 'system');
	const systemRows = system.reduce((sum, c) => sum + c.rows, 0);
	if (systemRows > 0)
		notes.push(
			`${rowsWord(systemRows)} for ${placeNames(system)} ${systemRows === 1 ? 'was' : 'were'} left out: they give figures for the whole library system, and adding them to the branches' rows would count that attendance twice.`
		);
	const elsewhere = counts.filter((c) => c.kind === 'elsewhere');
	const elsewhereRows = elsewhere.reduce((sum, c) => sum + c.rows, 0);
	if (elsewhereRows > 0)
		notes.push(
			`${rowsWord(elsewhereRows)} for ${placeNames(elsewhere)} ${elsewhereRows === 1 ? 'was' : 'were'} kept with no branch (the place is stored as the location): they count in the library's totals, not in any branch's.`
		);
	return notes;
}
