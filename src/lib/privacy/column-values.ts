/** A column's sampled cells, counted by the kind of personal data each looks like. */
import { parseDay } from './calendar-dates';
import type { PersonalKind } from './personal-column';
import { isCardNumber, isEmail, isIpAddress, isPhone, isStreetAddress } from './value-shapes';

/** Cells exports use for "nothing here"; they are neither evidence for nor against. */
const BLANKS = new Set(['', '-', '--', 'n/a', 'na', 'null', 'undefined', 'none']);

export function nonBlankValues(sampleRows: readonly (readonly string[])[], index: number): string[] {
	return sampleRows.map((row) => (row[index] ?? '').trim()).filter((value) => !BLANKS.has(value.toLowerCase()));
}

export interface ShapeOptions {
	/** the header names this kind, so its test runs first and its looser form applies */
	expected: PersonalKind | null;
	/** the header marks identifiers (Post ID, Event ID): long numbers there are not phones or cards */
	identifier: boolean;
}

/** The kinds a single cell can show by itself; names and birth dates need the whole column. */
type CellKind = 'email' | 'ip_address' | 'phone' | 'card_number' | 'street_address';

const CELL_TESTS: Record<CellKind, (value: string, options: ShapeOptions) => boolean> = {
	email: (value) => isEmail(value),
	ip_address: (value) => isIpAddress(value),
	card_number: (value, { expected, identifier }) => !identifier && isCardNumber(value, expected === 'card_number'),
	phone: (value, { expected, identifier }) => !identifier && isPhone(value, expected === 'phone'),
	street_address: (value) => isStreetAddress(value)
};
const CELL_ORDER: readonly CellKind[] = ['email', 'ip_address', 'card_number', 'phone', 'street_address'];

export function cellKind(value: string, options: ShapeOptions): CellKind | null {
	const expected = options.expected as CellKind | null;
	if (expected && expected in CELL_TESTS && CELL_TESTS[expected](value, options)) return expected;
	return CELL_ORDER.find((kind) => CELL_TESTS[kind](value, options)) ?? null;
}

export interface ShapeCounts {
	total: number;
	byKind: Map<PersonalKind, number>;
}

export function countShapes(values: readonly string[], options: ShapeOptions): ShapeCounts {
	const byKind = new Map<PersonalKind, number>();
	for (const value of values) {
		const kind = cellKind(value, options);
		if (kind) byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
	}
	return { total: values.length, byKind };
}

/** Day numbers of the cells that are whole dates. */
export function parsedDays(values: readonly string[]): number[] {
	return values.map(parseDay).filter((day): day is number => day !== null);
}

export function share(count: number, total: number): number {
	return total === 0 ? 0 : count / total;
}
