/**
 * A chart of a consortium's hundred branches draws a hundred lines no one can read, and its data
 * table has a hundred columns (at ×100 the Usage page was 1.7 MB of HTML). Charts by branch draw the
 * branches with the most and one line for all the others together, named with how many it holds.
 */
export const BRANCH_LINES = 8;

export interface BranchFigure {
	month: string;
	branch: string;
	value: number;
	/** how many branches this row adds together, when it is the "N other branches" line */
	others?: number;
}

export const otherBranchesName = (count: number) => `${count} other branches`;

/**
 * Within each group (a measure), the `keep` branches with the largest total keep their rows; the
 * rest become one row a month named "N other branches". Nothing changes for `keep + 1` or fewer.
 */
export function withOtherBranches<Row extends BranchFigure>(
	rows: Row[],
	groupOf: (row: Row) => string,
	keep = BRANCH_LINES
): Row[] {
	const groups = new Map<string, Row[]>();
	for (const row of rows) groups.set(groupOf(row), [...(groups.get(groupOf(row)) ?? []), row]);
	return [...groups.values()].flatMap((group) => {
		const totals = new Map<string, number>();
		for (const row of group) totals.set(row.branch, (totals.get(row.branch) ?? 0) + row.value);
		if (totals.size <= keep + 1) return group;
		const kept = new Set(
			[...totals]
				.sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
				.slice(0, keep)
				.map(([branch]) => branch)
		);
		const name = otherBranchesName(totals.size - keep);
		const others = new Map<string, Row>();
		for (const row of group) {
			if (kept.has(row.branch)) continue;
			const sum = others.get(row.month);
			if (sum) sum.value += row.value;
			else others.set(row.month, { ...row, branch: name, others: totals.size - keep });
		}
		return [...group.filter((row) => kept.has(row.branch)), ...others.values()];
	});
}
