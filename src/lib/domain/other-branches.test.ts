import { describe, expect, it } from 'vitest';
import { withOtherBranches } from './other-branches';

const row = (month: string, branch: string, value: number, measure = 'visits') => ({ month, branch, value, measure });

describe('charts by branch keep the largest branches and add up the rest', () => {
	it('keeps every branch when there are no more than one over the limit', () => {
		const rows = ['A', 'B', 'C'].map((b, i) => row('2026-01-01', b, i + 1));
		expect(withOtherBranches(rows, (r) => r.measure, 2)).toEqual(rows);
	});

	it('draws the largest branches of each measure and one line for the others, losing nothing', () => {
		const rows = [
			...['A', 'B', 'C', 'D', 'E'].flatMap((b, i) => [
				row('2026-01-01', b, (i + 1) * 10),
				row('2026-02-01', b, (i + 1) * 10 + 1)
			]),
			row('2026-01-01', 'A', 500, 'new_cards'),
			row('2026-01-01', 'B', 5, 'new_cards')
		];
		const grouped = withOtherBranches(rows, (r) => r.measure, 2);
		const visits = grouped.filter((r) => r.measure === 'visits');
		expect(new Set(visits.map((r) => r.branch))).toEqual(new Set(['E', 'D', '3 other branches']));
		expect(visits.find((r) => r.branch === '3 other branches' && r.month === '2026-01-01')).toMatchObject({
			value: 10 + 20 + 30,
			others: 3
		});
		expect(visits.find((r) => r.branch === '3 other branches' && r.month === '2026-02-01')?.value).toBe(11 + 21 + 31);
		const total = (list: typeof rows) => list.reduce((sum, r) => sum + r.value, 0);
		expect(total(grouped)).toBe(total(rows));
		// Another measure is ranked on its own.
		expect(grouped.filter((r) => r.measure === 'new_cards').map((r) => r.branch)).toEqual(['A', 'B']);
		// The input is not changed.
		expect(rows.filter((r) => r.branch === 'A' && r.measure === 'visits')[0]!.value).toBe(10);
	});
});
