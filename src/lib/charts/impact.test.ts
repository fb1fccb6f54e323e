import { describe, expect, it } from 'vitest';
import type { CounterfactualPoint } from '../stats';
import { impactChart, impactSpec } from './impact';
import { chartDocument, chartSnapshot, drawWithoutWarnings, snapshotPath } from './test-support';

const document = chartDocument();
// Twelve weeks of program attendance before a campaign and six during it, with the model's
// expected line rising a person a week and its band widening after the start.
const mondays = Array.from({ length: 18 }, (_, i) => new Date(Date.UTC(2026, 0, 5 + 7 * i)).toISOString().slice(0, 10));
const observed = [310, 295, 322, 301, 315, 308, 298, 326, 312, 305, 319, 311, 352, 371, 366, 380, 359, 374];
const points: CounterfactualPoint[] = mondays.map((date, i) => {
	const post = i >= 12;
	const expected = 304 + i;
	const half = post ? 24 + 2 * (i - 12) : 22;
	return { date, observed: observed[i]!, expected, lower: expected - half, upper: expected + half, post };
});
const paragraph =
	'During the six weeks of the campaign, program attendance averaged 367 a week against 319 expected without it, about 15% more (291 attendances in all). The shaded band is the 95% interval of the expected line.';
const range = { from: mondays[0]!, to: mondays.at(-1)! };

describe('impact chart', () => {
	it('takes its caption from the first sentence of the paragraph and tabulates the effect after the start only', () => {
		const spec = impactSpec('program attendance', paragraph, points);
		expect(spec.title).toBe('Program attendance: observed and expected without the campaign');
		expect(spec.caption).toBe(
			'During the six weeks of the campaign, program attendance averaged 367 a week against 319 expected without it, about 15% more (291 attendances in all).'
		);
		expect(spec.ariaLabel).toBe(
			'Three charts: program attendance observed against the expected counterfactual with its band, the effect each period, and the cumulative effect'
		);
		expect(spec.table.rows.slice(11, 13)).toEqual([
			['Mar 23, 2026', '311', '315', '293', '337', ''],
			['Mar 30, 2026', '352', '316', '292', '340', '36']
		]);
	});

	it('matches its snapshot: three labelled panels, each marking the campaign start', async () => {
		const chart = drawWithoutWarnings(() => impactChart(points, { width: 640, range, document }));
		const panels = [...chart.querySelectorAll('svg')];
		expect(panels.map((svg) => svg.getAttribute('aria-label'))).toEqual([
			'Observed and expected',
			'Effect each period',
			'Cumulative effect'
		]);
		// The dashed rule at the first campaign week, in every panel.
		expect(chart.querySelectorAll('g[data-mark="rule"][stroke-dasharray="4,3"]')).toHaveLength(3);
		// ARIA forbids a name on a <g> without a role (axe: aria-prohibited-attr).
		expect(chart.querySelector('g[aria-label]')).toBeNull();
		await expect(chartSnapshot(chart)).toMatchFileSnapshot(snapshotPath('impact', chart));
	});

	it('breaks its lines at an off-season: two summers of ten weeks are two runs, not one line across the winter', () => {
		const summer = (year: number) =>
			Array.from({ length: 10 }, (_, i) => new Date(Date.UTC(year, 5, 2 + 7 * i)).toISOString().slice(0, 10));
		const weeks = [...summer(2025), ...summer(2026)];
		const seasonal: CounterfactualPoint[] = weeks.map((date, i) => ({
			date,
			observed: 100 + i,
			expected: 98 + i,
			lower: 90 + i,
			upper: 106 + i,
			post: i >= 10
		}));
		const chart = drawWithoutWarnings(() =>
			impactChart(seasonal, { width: 640, range: { from: weeks[0]!, to: weeks.at(-1)! }, document })
		);
		const [observedAndExpected] = chart.querySelectorAll('svg');
		// The observed and the expected lines, each one path per summer.
		for (const line of observedAndExpected!.querySelectorAll('g[data-mark="line"]'))
			expect(line.querySelectorAll('path')).toHaveLength(2);
	});

	it('draws a one-period campaign as a point with its interval in the effect panels, not as empty panels', () => {
		const one = points.slice(0, 13);
		const chart = drawWithoutWarnings(() => impactChart(one, { width: 640, range, document }));
		const [, effect, cumulative] = chart.querySelectorAll('svg');
		for (const svg of [effect!, cumulative!]) {
			expect(svg.querySelectorAll('g[data-mark="dot"] circle')).toHaveLength(1);
			expect(svg.querySelector('g[data-mark="rule"] line:not([stroke-dasharray])')).not.toBeNull();
			expect(svg.querySelector('g[data-mark="line"]')).toBeNull();
		}
	});
});
