import { describe, expect, it } from 'vitest';
import { BRANCH_SERIES_LISTED_UP_TO, seriesAtBranch, seriesChoices } from './explore-filters';

/** Library-wide circulation and visits, and both at each of `count` branches. */
function seriesOf(count: number) {
	const branches = Array.from({ length: count }, (_, i) => `Branch ${String(i + 1).padStart(3, '0')}`);
	return ['usage:circulation', 'usage:visits'].flatMap((measure) => [
		{ metric: measure, label: measure },
		...branches.map((branch) => ({ metric: `${measure}:${branch}`, label: `${measure} at ${branch}` }))
	]);
}
const metrics = (list: { metric: string }[]) => list.map((s) => s.metric);

describe('the Outcome and control lists', () => {
	it('list every series while a library has few branches', () => {
		const series = seriesOf(BRANCH_SERIES_LISTED_UP_TO);
		expect(seriesChoices(series, { branch: 'Branch 001' })).toEqual({
			outcomes: series,
			controls: series,
			narrowedFrom: null
		});
	});

	it("list a consortium's library-wide series, the chosen branch's, and the chosen outcome's measure at every branch as controls", () => {
		const series = seriesOf(100);
		const choices = seriesChoices(series, {
			branch: 'Branch 007',
			metric: 'usage:visits:Branch 050',
			controls: ['usage:circulation:Branch 099']
		});
		expect(choices.narrowedFrom).toBe(100);
		expect(metrics(choices.outcomes)).toEqual([
			'usage:circulation',
			'usage:circulation:Branch 007',
			'usage:visits',
			'usage:visits:Branch 007',
			'usage:visits:Branch 050'
		]);
		expect(metrics(choices.controls)).toEqual([
			'usage:circulation',
			'usage:circulation:Branch 099',
			'usage:visits',
			...Array.from({ length: 100 }, (_, i) => `usage:visits:Branch ${String(i + 1).padStart(3, '0')}`)
		]);
		// Nothing chosen: the library-wide series alone.
		expect(metrics(seriesChoices(series, {}).outcomes)).toEqual(['usage:circulation', 'usage:visits']);
		expect(metrics(seriesChoices(series, {}).controls)).toEqual(['usage:circulation', 'usage:visits']);
	});

	it('a branch filter points a library-wide series at that branch when Lantern holds it', () => {
		const series = seriesOf(3);
		expect(seriesAtBranch('usage:visits', 'Branch 002', series)).toEqual({
			metric: 'usage:visits:Branch 002',
			note: 'Estimated for Branch 002 only (the branch filter).'
		});
		expect(seriesAtBranch('usage:visits', 'Elsewhere', series).metric).toBe('usage:visits');
	});
});
