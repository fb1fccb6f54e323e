import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { demoDatabase, tempDatabase } from '../db/test-support';
import { outcomeSeries } from './campaigns';
import {
	controlledEstimate,
	correlation,
	MAX_CONTROL_BRANCHES,
	mostSimilarControls,
	otherBranchSeries
} from './controlled';

describe('the other branches read in one query', () => {
	let db: Database;
	beforeAll(async () => {
		db = await demoDatabase();
	});

	it.each([
		['usage', 'visits', 'Central', undefined],
		['usage', 'circulation', 'Eastside', undefined],
		['usage', 'new_cards', 'Riverside', undefined],
		['programs', 'attendance', 'Eastside', undefined],
		['programs', 'attendance', 'Eastside', 'storytime']
	] as const)('%s:%s beside %s (%s) equals each branch read on its own', async (kind, name, branch, match) => {
		const together = await otherBranchSeries(db, kind, name, branch, match);
		const others = (
			await db.query<{ branch: string }>(
				`SELECT DISTINCT branch FROM ${kind === 'usage' ? 'usage' : 'programs'} WHERE branch IS NOT NULL AND branch <> $branch`,
				{ branch }
			)
		).map((row) => row.branch);
		expect(others.length).toBeGreaterThan(0);
		for (const other of others) {
			const alone = await outcomeSeries(db, [kind, name, other, ...(match ? [match] : [])].join(':'));
			// outcomeSeries fills the weeks between sessions with 0; the cross-check reads a missing week as 0 too.
			const nonZero = alone!.points.filter((p) => kind === 'usage' || p.value !== 0);
			const read = together.get(other) ?? new Map<string, number>();
			expect([...read].filter(([, value]) => kind === 'usage' || value !== 0)).toEqual(
				nonZero.map((p) => [p.periodStart, p.value])
			);
		}
	});

	it('leaves the demo cross-check as it was: both other branches, no choosing among them', async () => {
		const series = await outcomeSeries(db, 'programs:attendance:Eastside:storytime');
		const estimate = await controlledEstimate(
			db,
			'programs:attendance:Eastside:storytime',
			series!.points,
			{ start: '2026-02-02', end: '2026-04-27' },
			'week'
		);
		expect(estimate!.controls).toEqual(['Central', 'Riverside']);
		expect(estimate!.paragraph).not.toMatch(/moved most closely/);
	});
});

describe('a consortium with more branches than the cross-check compares with', () => {
	let db: Database;
	const months = Array.from({ length: 48 }, (_, i) => new Date(Date.UTC(2022, i, 1)).toISOString().slice(0, 10));
	// A seasonal pattern with a drift: the target branch and three that follow it, and seven that wander on their own.
	const pattern = months.map((_, i) => 1000 + 300 * Math.sin((2 * Math.PI * i) / 12) + 4 * i);
	const noise = (seed: number, i: number) =>
		Math.sin(seed * 12.9898 + i * 78.233) * 43758.5453 - Math.floor(Math.sin(seed * 12.9898 + i * 78.233) * 43758.5453);
	const branches: Record<string, number[]> = {
		Target: pattern.map((v, i) => Math.round(v + 20 * noise(1, i) + (i >= 40 ? 150 : 0))),
		Follows1: pattern.map((v, i) => Math.round(0.5 * v + 15 * noise(2, i))),
		Follows2: pattern.map((v, i) => Math.round(2 * v + 40 * noise(3, i))),
		Follows3: pattern.map((v, i) => Math.round(v + 30 * noise(4, i)))
	};
	for (let b = 0; b < 7; b += 1)
		branches[`Wanders${b}`] = months.map((_, i) => Math.round(800 + 400 * noise(10 + b, i)));

	beforeAll(async () => {
		db = await tempDatabase();
		const values = Object.entries(branches)
			.flatMap(([branch, series]) =>
				series.map((v, i) => `(1, '${branch}', DATE '${months[i]}', 'month', 'visits', ${v})`)
			)
			.join(',\n');
		await db.query(`INSERT INTO usage_records VALUES ${values}`);
		db.markChanged();
	});

	it('compares with the six branches that moved most closely with this one before the start, and says so', async () => {
		const series = await outcomeSeries(db, 'usage:visits:Target');
		const estimate = await controlledEstimate(
			db,
			'usage:visits:Target',
			series!.points,
			{ start: months[40]! },
			'month'
		);
		expect(estimate!.controls).toHaveLength(MAX_CONTROL_BRANCHES);
		expect(estimate!.controls.slice(0, 3)).toEqual(['Follows1', 'Follows2', 'Follows3']);
		expect(estimate!.paragraph).toContain(
			`These are the ${MAX_CONTROL_BRANCHES} of 10 other branches whose months before the start moved most closely with this one`
		);
	});
});

describe('choosing the most similar controls', () => {
	const dates = ['2026-01-05', '2026-01-12', '2026-01-19', '2026-01-26', '2026-02-02'];
	const outcome = [1, 3, 2, 5, 9];
	const controls = [
		{ name: 'Opposite', values: [5, 3, 4, 1, 0] },
		{ name: 'Same', values: [2, 6, 4, 10, 10] },
		{ name: 'Flat', values: [4, 4, 4, 4, 7] },
		{ name: 'Close', values: [1, 2, 2, 5, 1] }
	];

	it('keeps every control when there are no more than the limit', () => {
		expect(mostSimilarControls(outcome, dates, '2026-02-02', controls, 4)).toEqual(controls);
	});

	it('keeps the most correlated before the start, in their first order, a flat one last', () => {
		expect(mostSimilarControls(outcome, dates, '2026-02-02', controls, 2).map((c) => c.name)).toEqual([
			'Same',
			'Close'
		]);
		expect(mostSimilarControls(outcome, dates, '2026-02-02', controls, 3).map((c) => c.name)).toEqual([
			'Opposite',
			'Same',
			'Close'
		]);
	});

	it('computes Pearson correlation, NaN for a constant list', () => {
		expect(correlation([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
		expect(correlation([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
		expect(correlation([1, 1, 1], [1, 2, 3])).toBeNaN();
	});
});
