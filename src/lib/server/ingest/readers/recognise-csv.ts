import { normaliseHeader } from '../headers';
import type { SourceSpec } from '../source';
import { splitCsvLine } from './csv-line';

export const HEADER_SCAN_LINES = 10;

export function matchesSource(source: SourceSpec, header: string[]): boolean {
	return (
		source.anchors.every((anchor) => header.includes(anchor)) &&
		!(source.absent ?? []).some((cell) => header.includes(cell))
	);
}

/** A CSV recognised from its first lines: its format, where its header sits, and what it says. */
export interface RecognisedCsv {
	source: SourceSpec;
	/** lines above the header */
	index: number;
	/** normalised header cells, and as written */
	header: string[];
	headerText: string[];
	preamble: string[];
	sample: { header: string[]; rows: string[][] };
}

/** Finds the first of the head's lines that is a header some candidate format knows. */
export function recogniseCsv(
	head: string,
	sheet: string | null,
	candidates: readonly SourceSpec[]
): RecognisedCsv | null {
	const allLines = head.split(/\r?\n/);
	const lines = allLines.slice(0, HEADER_SCAN_LINES);
	for (const [index, line] of lines.entries()) {
		const headerText = splitCsvLine(line).map((cell) => cell.replace(/^\uFEFF/, '').trim());
		const header = headerText.map(normaliseHeader);
		const source =
			candidates.find(
				(candidate) =>
					(candidate.format ?? 'csv') === 'csv' &&
					(candidate.sheet ?? null) === sheet &&
					matchesSource(candidate, header)
			) ??
			(sheet === null
				? undefined
				: candidates.find(
						(candidate) => (candidate.format ?? 'csv') === 'csv' && !candidate.sheet && matchesSource(candidate, header)
					));
		if (source) {
			const sampleLines = allLines
				.slice(index, index + 61)
				.filter((l) => l.trim() !== '')
				.map((l) => splitCsvLine(l));
			return {
				source,
				index,
				header,
				headerText,
				preamble: lines.slice(0, index).map((l) => splitCsvLine(l).join(' ').trim()),
				sample: { header: sampleLines[0] ?? [], rows: sampleLines.slice(1) }
			};
		}
	}
	return null;
}
