/**
 * Helpers for the estimator tests: calendar series, relative-tolerance comparison, reading a
 * result, sums and means. The benchmarks in bench/ borrow the calendar series, so there is no
 * Vitest import: they run under plain tsx.
 */

const DAY_MS = 86_400_000;

/** n Mondays, one week apart, from `first` (a YYYY-MM-DD). */
export function weeklyDates(n: number, first = '2022-01-03'): string[] {
	const start = Date.parse(`${first}T00:00:00Z`);
	return Array.from({ length: n }, (_, i) => new Date(start + i * 7 * DAY_MS).toISOString().slice(0, 10));
}

/** n first-of-month dates from `firstYear`-`firstMonth`. */
export function monthlyDates(n: number, firstYear = 2021, firstMonth = 1): string[] {
	return Array.from({ length: n }, (_, i) => {
		const index = firstYear * 12 + firstMonth - 1 + i;
		return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
	});
}

/** |actual − expected| ≤ tolerance · max(|expected|, 1): relative for large values, absolute near 0. */
export function expectClose(actual: number, expected: number, tolerance: number, label = ''): void {
	const bound = tolerance * Math.max(Math.abs(expected), 1);
	if (!(Math.abs(actual - expected) <= bound))
		fail(`${label ? `${label}: ` : ''}expected ${actual} to be within ${tolerance} (relative) of ${expected}`);
}

/** Relative error without the absolute floor, for tail probabilities like 1e-24. */
export function expectRelative(actual: number, expected: number, tolerance: number, label = ''): void {
	if (!(Math.abs(actual - expected) <= tolerance * Math.abs(expected)))
		fail(`${label ? `${label}: ` : ''}expected ${actual} to be within ${tolerance} (relative) of ${expected}`);
}

/** The estimate of a result a test expects to succeed; a refusal's reason becomes the test's error. */
export function success<Result extends { ok: boolean; reason?: string }>(
	result: Result
): Extract<Result, { ok: true }> {
	if (!result.ok) throw new Error(`expected an estimate, got: ${result.reason}`);
	return result as Extract<Result, { ok: true }>;
}

/** "estimated", or the reason an estimator refused, so one expectation reads either outcome. */
export const reason = (result: { ok: true } | { ok: false; reason: string }): string =>
	result.ok ? 'estimated' : result.reason;

export const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);
export const mean = (values: number[]): number => sum(values) / values.length;

function fail(message: string): never {
	throw new Error(message);
}
