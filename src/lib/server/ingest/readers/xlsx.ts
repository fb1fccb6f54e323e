import { readZipEntry, zipEntries } from './zip';
import { Refusal } from '../refusal';

export interface Sheet {
	name: string;
	/** cells by row, in column order; gaps between cells are empty strings */
	rows: string[][];
}

const decode = (text: string) =>
	text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, entity: string) => {
		const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
		if (named[entity]) return named[entity];
		return String.fromCodePoint(
			entity[1]?.toLowerCase() === 'x' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10)
		);
	});

function columnIndex(ref: string): number {
	let index = 0;
	for (const char of ref.replace(/\d+$/, '')) index = index * 26 + (char.charCodeAt(0) - 64);
	return index - 1;
}

/**
 * Reads an .xlsx workbook's sheets as text cells. Row and column positions come from each cell's
 * own reference, never the sheet's <dimension> (LinkedIn's generator leaves it at A1).
 */
export function readWorkbook(bytes: Buffer): Sheet[] {
	const entries = zipEntries(bytes);
	const entry = (name: string) => entries.find((e) => e.name === name);
	const text = (name: string) => {
		const found = entry(name);
		return found ? readZipEntry(bytes, found).toString('utf8') : null;
	};
	const workbook = text('xl/workbook.xml');
	if (!workbook)
		throw new Refusal(
			'This ZIP is not an Excel workbook (it has no xl/workbook.xml). Upload the CSV or .xlsx export itself.'
		);
	const rels = text('xl/_rels/workbook.xml.rels') ?? '';
	const targets = new Map(
		[...rels.matchAll(/<Relationship\b[^>]*\bId="([^"]+)"[^>]*\bTarget="([^"]+)"/g)].map((m) => [m[1]!, m[2]!])
	);
	for (const m of rels.matchAll(/<Relationship\b[^>]*\bTarget="([^"]+)"[^>]*\bId="([^"]+)"/g))
		targets.set(m[2]!, m[1]!);
	const shared = [...(text('xl/sharedStrings.xml') ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
		decode([...m[1]!.matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join(''))
	);
	return [...workbook.matchAll(/<sheet\b[^>]*\bname="([^"]+)"[^>]*\br:id="([^"]+)"/g)].map((m) => {
		const target = (targets.get(m[2]!) ?? '').replace(/^\/?(xl\/)?/, '');
		const xml = text(`xl/${target}`) ?? '';
		const rows: string[][] = [];
		for (const row of xml.matchAll(/<row\b((?:[^>/]|\/(?!>))*)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
			const cells: string[] = [];
			for (const cell of (row[2] ?? '').matchAll(/<c\b((?:[^>/]|\/(?!>))*)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
				const ref = /\br="([A-Z]+\d+)"/.exec(cell[1]!)?.[1];
				if (!ref) continue;
				const type = /\bt="([^"]+)"/.exec(cell[1]!)?.[1];
				const inner = cell[2] ?? '';
				const value = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1];
				const inline = [...inner.matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join('');
				const content =
					type === 's' ? (shared[Number(value)] ?? '') : type === 'inlineStr' ? decode(inline) : decode(value ?? '');
				const column = columnIndex(ref);
				while (cells.length < column) cells.push('');
				cells[column] = content;
			}
			const index = Number(/\br="(\d+)"/.exec(row[1]!)?.[1] ?? rows.length + 1) - 1;
			while (rows.length < index) rows.push([]);
			rows[index] = cells;
		}
		return { name: decode(m[1]!), rows };
	});
}

/** A sheet as CSV text, every cell quoted, so the CSV pipeline reads it like any export. */
export function sheetToCsv(sheet: Sheet): string {
	const width = Math.max(1, ...sheet.rows.map((row) => row.length));
	return (
		sheet.rows
			.map((row) => Array.from({ length: width }, (_, i) => `"${(row[i] ?? '').replaceAll('"', '""')}"`).join(','))
			.join('\n') + '\n'
	);
}
