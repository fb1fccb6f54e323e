import { describe, expect, it } from 'vitest';
import type { Summary } from '../stats';
import { branchEffectsFinding, namesInWords } from './branch-effects';
import type { BranchEffect, BranchEffects } from './impact';

const average = (relative: number, lower: number, upper: number): Summary => ({
	actual: 0,
	predicted: 0,
	predictedLower: 0,
	predictedUpper: 0,
	absolute: relative,
	absoluteLower: lower,
	absoluteUpper: upper,
	relative,
	relativeLower: lower,
	relativeUpper: upper
});
const row = (branch: string, verdict: BranchEffect['verdict'], a: Summary | null): BranchEffect => ({
	branch,
	metric: `literacy:registrations:${branch}`,
	verdict,
	average: a,
	note: null
});
const effects = (branches: BranchEffect[], branchCount = branches.length): BranchEffects => ({
	metric: 'literacy:registrations',
	label: 'summer reading registrations',
	period: 'week',
	branches,
	branchCount
});

describe('what the branch-by-branch estimates say', () => {
	it('names the branches where the change is clear and where it is not, and ranks two only when their intervals part', () => {
		const text = branchEffectsFinding(
			effects([
				row('Central', 'increase', average(0.5, 0.35, 0.7)),
				row('Eastside', 'inconclusive', average(0.05, -0.1, 0.2)),
				row('Riverside', 'not enough data', null)
			])
		);
		expect(text).toBe(
			'Clearly up at Central. No clear change at Eastside. Not enough data to estimate at Riverside. The change at Central, +50.0% (+35.0% to +70.0%), was larger than at Eastside, +5.0% (−10.0% to +20.0%): their intervals do not overlap.'
		);
	});

	it('says so when no branch is clear, and does not call the largest estimate the best when intervals overlap', () => {
		const text = branchEffectsFinding(
			effects([
				row('Central', 'inconclusive', average(0.36, -0.26, 1.48)),
				row('Eastside', 'inconclusive', average(0.21, -0.34, 1.23)),
				row('Riverside', 'inconclusive', average(0.62, -0.23, 2.37))
			])
		);
		expect(text).toContain(
			'At no branch is the change clear: every interval includes no change (Central, Eastside and Riverside).'
		);
		expect(text).toContain('The largest estimate is at Riverside, +62.0% (−23.0% to +237.0%)');
		expect(text).toContain('their intervals overlap, so the data cannot rank the branches');
	});

	it('points to Explore when there are too many branches to estimate here', () => {
		expect(branchEffectsFinding(effects([], 300))).toMatch(
			/for 300 branches, too many .*Explore estimates one branch at a time/
		);
	});

	it('joins names as a sentence does', () => {
		expect([namesInWords([]), namesInWords(['A']), namesInWords(['A', 'B']), namesInWords(['A', 'B', 'C'])]).toEqual([
			'',
			'A',
			'A and B',
			'A, B and C'
		]);
	});
});
