import { describe, expect, it } from 'vitest';
import { BRANCHES_PER_PAGE, pageOfBranches, type UsageTotal } from './usage-dashboard';

// A consortium: 120 branches, two measures each, plus the library-wide rows (branch null).
const names = Array.from({ length: 120 }, (_, i) => `Branch ${String(120 - i).padStart(3, '0')}`);
const totals: UsageTotal[] = [null, ...names].flatMap((branch) =>
	(['visits', 'new_cards'] as const).map((measure) => ({ branch, measure, current: 10, previous: 8 }))
);
/** The branches a page's rows are of, by name; the library-wide rows apart. */
const branchesOf = (rows: UsageTotal[]) => [...new Set(rows.flatMap((row) => (row.branch ? [row.branch] : [])))].sort();

describe("the Usage page's branch table, a page at a time", () => {
	it('keeps the library-wide figures and one page of branches, by name', () => {
		const first = pageOfBranches(totals, 1);
		expect(first).toMatchObject({ page: 1, pages: 3, branches: 120, first: 1 });
		expect(branchesOf(first.totals)).toEqual([...names].sort().slice(0, BRANCHES_PER_PAGE));
		expect(first.names).toEqual([...names].sort().slice(0, BRANCHES_PER_PAGE));
		expect(first.totals.filter((row) => row.branch === null)).toHaveLength(2);

		const last = pageOfBranches(totals, 3);
		expect(branchesOf(last.totals)).toEqual([...names].sort().slice(2 * BRANCHES_PER_PAGE));
		expect(last).toMatchObject({
			first: 2 * BRANCHES_PER_PAGE + 1,
			names: [...names].sort().slice(2 * BRANCHES_PER_PAGE)
		});
	});

	it('shows the last page for a page past it, and every branch when they fit on one', () => {
		expect(pageOfBranches(totals, 99).page).toBe(3);
		const few = totals.filter((row) => row.branch === null || row.branch < 'Branch 010');
		expect(pageOfBranches(few, 2)).toMatchObject({ page: 1, pages: 1, branches: 9, totals: few });
	});
});
