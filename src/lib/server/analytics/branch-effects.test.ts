/**
 * A campaign's library-wide outcome estimated branch by branch, on the demo library, whose files
 * carry known effects (data/demo/EFFECTS.md): summer reading registrations ×1.30 at every branch,
 * Staff Picks and Patron Stories no change at all.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { demoDatabase } from '../db/test-support';
import { campaignSummaries } from './campaigns';
import { branchEffects, impactForMetric } from './impact';

describe('branch by branch', () => {
	let db: Database;
	beforeAll(async () => {
		db = await demoDatabase();
	}, 180_000);
	const campaign = async (name: string) => (await campaignSummaries(db)).find((c) => c.name === name)!;

	it('the summer reading push: at each of the three branches a rise whose interval holds the +30% built in', async () => {
		const [effects, ...others] = await branchEffects(db, await campaign('#MapleSummerReads 2026'));
		expect(others).toHaveLength(0);
		expect(effects!.metric).toBe('literacy:registrations');
		expect(effects!.period).toBe('week');
		expect(effects!.branches.map((b) => b.branch)).toEqual(['Central', 'Eastside', 'Riverside']);
		for (const b of effects!.branches) {
			expect(b.average!.relative, b.branch).toBeGreaterThan(0);
			expect(b.average!.relativeLower, b.branch).toBeLessThan(0.3);
			expect(b.average!.relativeUpper, b.branch).toBeGreaterThan(0.3);
			// Two earlier summers hold too little to call a +30% rise at one branch: said, not hidden.
			expect(['increase', 'inconclusive'], b.branch).toContain(b.verdict);
		}
	});

	it("each branch's row is the estimate on that branch's own weekly registrations, summed from the literacy records", async () => {
		const { startsOn, endsOn } = await campaign('#MapleSummerReads 2026');
		const [effects] = await branchEffects(db, await campaign('#MapleSummerReads 2026'));
		for (const b of effects!.branches) {
			// Weekly registrations at the branch, every age group, the weeks starting inside the window.
			const [row] = await db.query<{ mean: number }>(
				`SELECT avg(total) AS mean FROM (SELECT period_start, sum(value) AS total FROM literacy_records
				 WHERE metric = 'registrations' AND branch = $branch AND period_start BETWEEN CAST($from AS DATE) AND CAST($to AS DATE)
				 GROUP BY period_start)`,
				{ branch: b.branch, from: startsOn, to: endsOn }
			);
			expect(b.average!.actual, b.branch).toBeCloseTo(row!.mean, 6);
			const alone = await impactForMetric(db, b.metric, { start: startsOn, end: endsOn });
			if (!alone?.result.ok) throw new Error(`${b.metric} should fit`);
			expect(b.average!.relative).toBeCloseTo(alone.result.summary.average.relative, 10);
		}
	});

	it('campaigns with no effect built in read no clear rise at any branch', async () => {
		for (const name of ['Staff Picks Winter 2026', 'Patron Stories 2025']) {
			const [effects] = await branchEffects(db, await campaign(name));
			expect(effects!.branches, name).toHaveLength(3);
			for (const b of effects!.branches) expect(b.verdict, `${name} at ${b.branch}`).not.toBe('increase');
		}
	});

	it("a branch's own outcome (Storytime at Eastside) is not split again", async () => {
		expect(await branchEffects(db, await campaign('Storytime at Eastside'))).toEqual([]);
	});
});
