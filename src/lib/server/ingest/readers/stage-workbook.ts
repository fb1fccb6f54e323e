import { readFile, writeFile } from 'node:fs/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { normaliseHeader } from '../headers';
import { Refusal } from '../refusal';
import type { SourceSpec } from '../source';
import { SOURCES } from '../sources';
import { stageCsvIfKnown } from './stage-csv';
import { withTempFile, type Staged } from './staging-table';
import { readWorkbook, sheetToCsv } from './workbook';

/** Each sheet of a workbook is tried as a CSV; the first one in a known format is imported. */
export async function stageWorkbook(
	connection: DuckDBConnection,
	path: string,
	fileName: string,
	candidates: readonly SourceSpec[]
): Promise<Staged> {
	const sheets = await readWorkbook(await readFile(path));
	for (const sheet of sheets) {
		const staged = await withTempFile('csv', async (csv) => {
			const text = sheetToCsv(sheet);
			await writeFile(csv, text);
			return stageCsvIfKnown(
				connection,
				csv,
				fileName,
				{ encoding: 'utf-8', kind: 'csv', head: text.slice(0, 65_536) },
				text.slice(0, 65_536),
				normaliseHeader(sheet.name),
				candidates
			);
		});
		if (staged) return staged;
	}
	throw new Refusal(
		`Lantern does not recognise any sheet of this workbook (sheets: ${sheets.map((s) => `"${s.name}"`).join(', ')}). ` +
			`It reads LinkedIn's analytics workbook and any sheet laid out like the CSV formats: ${SOURCES.map((s) => s.label).join('; ')}. On the Uploads page you can map a sheet's columns by hand, and save the mapping for next time.`,
		[],
		0,
		null,
		true
	);
}
