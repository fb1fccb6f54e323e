import type { ColumnMapping, MappingDescription } from '../../../domain/mapping';
import { refusedUpload, type ImportResult } from '../../../domain/imports';
import type { Database } from '../../db/database';
import { normaliseHeader } from '../headers';
import { importAny } from '../import-any';
import { inspectSpreadsheet, specFromMapping } from '../mapper';
import { Refusal } from '../refusal';
import { HEADER_SCAN_LINES } from '../readers/recognise-csv';

/** A mapping as people write it (headers as the file writes them) in the form Lantern saves. */
export function mappingFromDescription(description: MappingDescription): ColumnMapping {
	const columns = Object.fromEntries(
		Object.entries(description.columns).map(([field, header]) => [field, normaliseHeader(header)])
	);
	const monthColumns = description.monthColumns.map((column) => ({
		...column,
		header: normaliseHeader(column.header)
	}));
	return {
		...description,
		columns,
		monthColumns,
		sheet: description.sheet === null ? null : normaliseHeader(description.sheet),
		header: (description.header ?? [...Object.values(columns), ...monthColumns.map((c) => c.header)]).map(
			normaliseHeader
		)
	};
}

/** The header cells a mapping reads. */
const readColumns = (mapping: ColumnMapping) => [
	...new Set([...Object.values(mapping.columns), ...mapping.monthColumns.map((column) => column.header)])
];

const refused = (fileName: string, message: string): ImportResult => ({
	...refusedUpload(fileName, message),
	summary: 'The file does not fit the mapping; nothing was stored.'
});

/**
 * Imports a file with the saved mapping a person names (`lantern import FILE --mapping NAME`). The file
 * needs the columns the mapping reads, not the very header it was saved from: other columns may come
 * and go. A file without one of those columns is refused before anything is read, naming what is missing.
 */
export async function importWithMapping(
	db: Database,
	path: string,
	options: { fileName: string; importedBy: string; mapping: ColumnMapping }
): Promise<ImportResult> {
	const { fileName, mapping } = options;
	const wanted = readColumns(mapping);
	let rows: string[][];
	try {
		rows = (await inspectSpreadsheet(path, fileName, mapping.sheet)).rows;
	} catch (cause) {
		return refused(fileName, cause instanceof Refusal ? cause.message : `Lantern could not open ${fileName}.`);
	}
	const lines = rows.slice(0, HEADER_SCAN_LINES).map((row) => row.map(normaliseHeader));
	if (!lines.some((line) => wanted.every((header) => line.includes(header)))) {
		const header = lines[mapping.headerLine] ?? lines[0] ?? [];
		const missing = wanted.filter((cell) => !header.includes(cell));
		return refused(
			fileName,
			`${fileName} has no ${missing.map((cell) => `"${cell}"`).join(', ')} column${missing.length === 1 ? '' : 's'}, which the mapping "${mapping.name}" reads. Its header is: ${header.join(', ') || '(empty)'}.`
		);
	}
	const source = { ...specFromMapping(mapping), anchors: wanted };
	return importAny(db, path, { fileName, importedBy: options.importedBy, source });
}
