import { mappingTarget, type MappingField, type MappingTargetId } from '../../../domain/mapping';
import { normaliseHeader } from '../headers';

const MONTH_NAME =
	/^(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)\.?$/i;

/** Whether a sample cell looks like what a field of this kind holds. */
const looksLike: Record<MappingField['kind'], (value: string) => boolean> = {
	date: (v) => /^\d{4}-\d{1,2}(-\d{1,2})?|^\d{1,2}[/.]\d{1,2}[/.]\d{2,4}$|^[A-Za-z]{3,9}\.? \d{4}$/.test(v.trim()),
	year: (v) => /^(19|2[01])\d\d(\.0+)?$/.test(v.trim()),
	month: (v) => /^(0?[1-9]|1[0-2])(\.0+)?$/.test(v.trim()) || MONTH_NAME.test(v.trim()),
	time: (v) => /^\d{1,2}:\d{2}( ?[AP]M)?$/i.test(v.trim()),
	count: (v) => /^-?[\d,]+(\.0+)?$/.test(v.trim()),
	metric: (v) => /^[a-z_ ]+$/i.test(v.trim()),
	text: (v) => /\p{L}/u.test(v)
};

/** A header cell as its words, space-padded, so "event" matches "Event Name" but not "Events". */
const words = (cell: string) =>
	` ${normaliseHeader(cell)
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim()} `;

interface Candidate {
	field: string;
	column: number;
	score: number;
	/** the field's place in the target, to break ties */
	order: number;
}

/**
 * How well a column suits a field: 3 when its header is one of the field's words, 2 when it contains
 * one; then the values: a column whose cells mostly do not look right is no candidate ("Event Year"
 * holds years, not titles), and one whose cells all do gains 2, or 1 for text, which any word passes.
 */
function candidate(field: MappingField, order: number, header: string, values: string[], column: number) {
	const cell = words(header);
	let score = 0;
	for (const hint of field.hints) {
		if (cell === ` ${hint} `) score = Math.max(score, 3);
		else if (cell.includes(` ${hint} `)) score = Math.max(score, 2);
	}
	if (score === 0) return null;
	if (values.length > 0) {
		const share = values.filter(looksLike[field.kind]).length / values.length;
		if (share < 0.5) return null;
		if (share >= 0.8) score += field.kind === 'text' ? 1 : 2;
	}
	return { field: field.key, column, score, order } satisfies Candidate;
}

/**
 * A first guess at each field's column, from header words first and the values' shapes second;
 * the best-suited pairs are taken first and each column is used once. A date is guessed from one
 * column or from a year and a month column, never half of each. People confirm or change it
 * before anything is stored.
 */
export function suggestMapping(
	targetId: MappingTargetId,
	header: string[],
	sample: string[][]
): Record<string, string> {
	const target = mappingTarget(targetId);
	const candidates = target.fields.flatMap((field, order) =>
		header.flatMap((cell, column) => {
			if (!normaliseHeader(cell)) return [];
			const values = sample.map((row) => row[column] ?? '').filter((v) => v.trim() !== '');
			return candidate(field, order, cell, values, column) ?? [];
		})
	);
	candidates.sort((a, b) => b.score - a.score || a.order - b.order || a.column - b.column);
	const out: Record<string, string> = {};
	const used = new Set<number>();
	for (const { field, column } of candidates) {
		if (field in out || used.has(column)) continue;
		out[field] = normaliseHeader(header[column]);
		used.add(column);
	}
	for (const field of target.fields.filter((f) => f.or)) {
		const partners = field.or!;
		if (field.key in out || !partners.every((key) => key in out)) for (const key of partners) delete out[key];
	}
	return out;
}
