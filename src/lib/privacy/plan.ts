/**
 * What the importer does about personal data in one upload, and what the import report says:
 * keep the file, drop its personal columns (aggregating a person-level file), or refuse it when a
 * column it needs is personal. The message is stored in the import log, so it names columns and
 * counts but never quotes a cell.
 */
import { detectPersonalColumns } from './detect';
import { headerWords } from './header-words';
import type { PersonalColumn } from './personal-column';

export interface PrivacyOptions {
	/** the header cells the importer groups a person-level file by; only these columns survive as text */
	aggregateBy?: string[];
	/** header cells the importer cannot do without (its source's required fields) */
	requiredColumns?: string[];
}

export type PrivacyAction = 'keep' | 'drop-columns' | 'refuse';

export interface PrivacyPlan {
	action: PrivacyAction;
	/** personal columns removed before anything is stored; on refusal, the ones that would have been */
	dropped: PersonalColumn[];
	/** on refusal, the personal columns the importer needs; otherwise empty */
	blocking: PersonalColumn[];
	/** address parts (city, ZIP) next to a street, kept only as aggregation keys */
	groupedOnly: PersonalColumn[];
	/** the import report's text, one line per column */
	message: string;
}

export function planPrivacy(header: string[], sampleRows: string[][], options: PrivacyOptions = {}): PrivacyPlan {
	const personal = detectPersonalColumns(header, sampleRows);
	if (personal.length === 0) {
		return {
			action: 'keep',
			dropped: [],
			blocking: [],
			groupedOnly: [],
			message: 'No column holds patron-level personal data; the file is imported as it is.'
		};
	}
	const grouping = new Set((options.aggregateBy ?? []).map(normalised));
	const required = new Set((options.requiredColumns ?? []).map(normalised));
	const isGrouping = (column: PersonalColumn) => grouping.has(normalised(column.header));
	const isRequired = (column: PersonalColumn) => required.has(normalised(column.header));

	// ZIP or city is identifying only beside the street, which is dropped: counting by it is safe.
	const groupedOnly = personal.filter((column) => column.quasiIdentifier && isGrouping(column));
	const blocking = personal.filter(
		(column) => !groupedOnly.includes(column) && (isGrouping(column) || isRequired(column))
	);
	const dropped = personal.filter((column) => !groupedOnly.includes(column) && !blocking.includes(column));

	if (blocking.length > 0) {
		return { action: 'refuse', dropped, blocking, groupedOnly, message: refusalMessage(blocking, dropped, isGrouping) };
	}
	const lines = [
		`Lantern never stores patron-level personal data, so it dropped ${count(dropped.length, 'column')} before storing anything:`,
		...dropped.map((column) => `- ${clause(column)}`),
		options.aggregateBy && options.aggregateBy.length > 0
			? `Each row is one person, so only counts by ${listOf(options.aggregateBy)} are stored.`
			: 'The remaining columns are imported without them.',
		...groupedOnly.map(
			(column) =>
				`"${column.header}" is kept only to count by: it is part of a postal address, and no street is stored with it.`
		)
	];
	return { action: 'drop-columns', dropped, blocking, groupedOnly, message: lines.join('\n') };
}

function refusalMessage(
	blocking: PersonalColumn[],
	others: PersonalColumn[],
	isGrouping: (column: PersonalColumn) => boolean
): string {
	const needs = blocking.map(
		(column) => `- ${clause(column)}; it is needed ${isGrouping(column) ? 'to group the rows' : 'as a required column'}`
	);
	return [
		'Lantern cannot import this file without keeping patron-level personal data, which it never stores. Nothing from it was stored.',
		`It needs ${count(blocking.length, 'personal column')}:`,
		...needs,
		...(others.length > 0
			? ['Other personal columns in the file:', ...others.map((column) => `- ${clause(column)}`)]
			: []),
		'Export an aggregate report instead: counts by branch, program, age group and date, with no names, contact details, birth dates, card numbers or patron IDs. ' +
			"For example, the reading program's summary report from Beanstack or READsquared rather than its reader list, or LibCal's events export rather than its registrations export."
	].join('\n');
}

function clause(column: PersonalColumn): string {
	return `"${column.header}" (column ${column.index + 1}): ${column.reason}`;
}

function normalised(cell: string): string {
	return headerWords(cell).join(' ');
}

function count(n: number, noun: string): string {
	return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function listOf(items: readonly string[]): string {
	if (items.length <= 1) return items.join('');
	return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
