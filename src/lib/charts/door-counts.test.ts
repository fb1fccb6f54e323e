import { describe, expect, it } from 'vitest';
import type { DoorCountDay } from '../domain/library';
import { doorCountsChart, doorCountsSpec } from './door-counts';
import { branchColour } from './palette';
import { chartDocument, chartSnapshot, drawWithoutWarnings, snapshotPath } from './test-support';

const document = chartDocument();
// Six weeks of gate counts at two branches, Monday 2 February to Sunday 15 March 2026: busy
// Saturdays, quiet Sundays, and 2% more visitors each week.
const WEEKDAY_SHARE = [1, 1.1, 1.05, 1.15, 0.9, 1.25, 0.6];
const BRANCHES = { Central: 520, Eastside: 210 };
const days: DoorCountDay[] = Object.entries(BRANCHES).flatMap(([branch, base]) =>
	Array.from({ length: 42 }, (_, i) => ({
		date: new Date(Date.UTC(2026, 1, 2 + i)).toISOString().slice(0, 10),
		branch,
		visits: Math.round(base * WEEKDAY_SHARE[i % 7]! * (1 + 0.02 * Math.floor(i / 7)))
	}))
);
const range = { from: '2026-02-02', to: '2026-03-15' };

describe('door counts chart', () => {
	it('states the visits, the daily average and the busiest month, with a table by month', () => {
		const spec = doorCountsSpec(days);
		// Totals summed independently (Python, the same formula): 32,426 in all, 20,739 in February, 11,687 in March.
		expect(spec.title).toBe('Visits counted at the door');
		expect(spec.caption).toBe(
			'32,426 visits over 42 days, 772 a day across branches; the busiest month was Feb 2026 with 20,739.'
		);
		expect(spec.table).toEqual({
			columns: ['Month', 'Visits'],
			rows: [
				['Feb 2026', '20,739'],
				['Mar 2026', '11,687']
			]
		});
	});

	it('says so when no door counts have been uploaded (the page shows that sentence instead of the chart)', () => {
		expect(doorCountsSpec([])).toMatchObject({ caption: 'No door counts have been uploaded.', table: { rows: [] } });
	});

	it('matches its snapshot for six weeks at two branches, labelled and described', async () => {
		const chart = drawWithoutWarnings(() => doorCountsChart(days, { width: 640, range, document }));
		const svg = chart.querySelector('svg[aria-label]')!;
		expect(svg.getAttribute('aria-label')).toBe(
			'Line chart of daily visits counted at the door, one line per branch, smoothed by week'
		);
		expect(svg.getAttribute('aria-description')).toBe(doorCountsSpec(days).caption);
		expect(chart.querySelectorAll('g[data-mark="line"] path')).toHaveLength(2);
		// ARIA forbids a name on a <g> without a role (axe: aria-prohibited-attr).
		expect(chart.querySelector('g[aria-label]')).toBeNull();
		await expect(chartSnapshot(chart)).toMatchFileSnapshot(snapshotPath('door-counts', chart));
	});

	it('shades and names the campaigns of the period, and keeps each branch in its colour on every page', () => {
		const campaigns = [
			{ name: 'Library Card Month', strategy: 'programs_events', startsOn: '2026-03-01', endsOn: '2026-03-31' }
		];
		expect(doorCountsSpec(days, campaigns).caption).toMatch(/ Campaign periods are shaded \(Library Card Month\)\.$/);
		// Eastside alone, as the branch filter leaves it, in the colour the branch has among all three.
		const allBranches = ['Central', 'Eastside', 'Riverside'];
		const eastside = days.filter((d) => d.branch === 'Eastside');
		const chart = drawWithoutWarnings(() =>
			doorCountsChart(eastside, { width: 640, range, document, campaigns, allBranches })
		);
		const line = chart.querySelector('g[data-mark="line"] path')!;
		expect(line.getAttribute('stroke')).toBe(branchColour('Eastside', allBranches));
		expect(branchColour('Eastside', allBranches)).not.toBe(branchColour('Eastside', ['Eastside']));
		const band = chart.querySelectorAll('g[data-mark="rect"] rect');
		expect(band).toHaveLength(1);
		expect(band[0]!.querySelector('title')?.textContent).toBe('Library Card Month');
	});
});
