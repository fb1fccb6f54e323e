import { describe, expect, it } from 'vitest';
import { outcomeSeriesChart, outcomeSeriesSpec, type CampaignWindow, type SeriesPoint } from './outcome-series';
import { chartDocument, chartSnapshot, drawWithoutWarnings, snapshotPath } from './test-support';

const document = chartDocument();
// A summer and September of weekly storytime attendance; the campaign runs through September.
const mondays = [
	'2026-07-06',
	'2026-07-13',
	'2026-07-20',
	'2026-07-27',
	'2026-08-03',
	'2026-08-10',
	'2026-08-17',
	'2026-08-24',
	'2026-08-31',
	'2026-09-07',
	'2026-09-14',
	'2026-09-21',
	'2026-09-28'
];
const attendance = [182, 176, 190, 171, 185, 179, 188, 174, 182, 226, 241, 233, 219];
const points: SeriesPoint[] = mondays.map((periodStart, i) => ({ periodStart, value: attendance[i]! }));
const campaign: CampaignWindow = { name: 'Fall storytime push', startsOn: '2026-09-01', endsOn: '2026-09-30' };
const label = 'storytime attendance per week';
const range = { from: points[0]!.periodStart, to: points.at(-1)!.periodStart };

describe('outcome series chart', () => {
	it('compares the campaign weeks with as many weeks just before, and says it is no estimate of impact', () => {
		const spec = outcomeSeriesSpec(points, campaign, label, 'week');
		// During: (226 + 241 + 233 + 219) / 4 = 229.75; before, 10 to 31 August: (179 + 188 + 174 + 182) / 4 = 180.75.
		expect(spec.caption).toBe(
			'During the campaign, storytime attendance per week averaged 230 a week, against 181 in the 4 weeks before. This is a plain comparison, not an estimate of impact.'
		);
		expect(spec.title).toBe('Storytime attendance per week');
		expect(spec.table.columns).toEqual(['Week of', 'Value', 'In campaign']);
		expect(spec.table.rows.slice(8, 10)).toEqual([
			['week of Aug 31, 2026', '182', ''],
			['week of Sep 7, 2026', '226', 'yes']
		]);
	});

	it('matches its snapshot for thirteen weeks with the campaign shaded, labelled and described', async () => {
		const spec = outcomeSeriesSpec(points, campaign, label, 'week');
		const chart = drawWithoutWarnings(() =>
			outcomeSeriesChart(points, campaign, spec, { width: 640, range, document })
		);
		expect(chart.getAttribute('aria-label')).toBe(
			'Line chart of storytime attendance per week with the campaign period shaded'
		);
		expect(chart.getAttribute('aria-description')).toBe(spec.caption);
		expect(chart.querySelectorAll('g[data-mark="rect"] rect')).toHaveLength(1);
		// ARIA forbids a name on a <g> without a role (axe: aria-prohibited-attr).
		expect(chart.querySelector('g[aria-label]')).toBeNull();
		await expect(chartSnapshot(chart)).toMatchFileSnapshot(snapshotPath('outcome-series', chart));
	});

	it('matches its snapshot for a campaign that no data reaches yet, and says nothing was recorded during it', async () => {
		const later: CampaignWindow = { name: 'Winter storytime push', startsOn: '2026-11-02', endsOn: '2026-11-29' };
		const spec = outcomeSeriesSpec(points, later, label, 'week');
		expect(spec.caption).toBe('No storytime attendance per week was recorded during the campaign.');
		const chart = drawWithoutWarnings(() => outcomeSeriesChart(points, later, spec, { width: 640, range, document }));
		expect(chart.getAttribute('aria-description')).toBe(spec.caption);
		// ARIA forbids a name on a <g> without a role (axe: aria-prohibited-attr).
		expect(chart.querySelector('g[aria-label]')).toBeNull();
		await expect(chartSnapshot(chart)).toMatchFileSnapshot(snapshotPath('outcome-series-campaign-ahead', chart));
	});
});
