import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import type { CampaignPeriod } from '../domain/campaigns';
import type { MonthlyOutcome, WeeklyEngagement } from '../domain/overview';
import { monthlyOutcomesChart, monthlyOutcomesSpec } from './monthly-outcomes';
import { weeklyEngagementChart, weeklyEngagementSpec } from './weekly-engagement';

const document = new JSDOM('<!doctype html><html><body></body></html>').window.document;
const range = { from: '2026-01-01', to: '2026-03-31' };
const campaigns: CampaignPeriod[] = [
	{ name: 'Winter picks', strategy: 'book_recommendations', startsOn: '2025-12-15', endsOn: '2026-01-20' },
	{ name: 'Card month', strategy: 'partner_collaborations', startsOn: '2026-03-01', endsOn: '2026-03-31' }
];
const weekly: WeeklyEngagement[] = [
	{ week: '2026-01-05', platform: 'x', engagements: 40, impressions: 1000, posts: 3 },
	{ week: '2026-01-05', platform: 'facebook', engagements: 60, impressions: 2000, posts: 2 },
	{ week: '2026-01-12', platform: 'x', engagements: 250, impressions: 5000, posts: 4 }
];
const monthly: MonthlyOutcome[] = [
	{ month: '2026-01-01', metric: 'attendance', value: 410 },
	{ month: '2026-02-01', metric: 'attendance', value: 980 },
	{ month: '2026-01-01', metric: 'circulation', value: 18250 },
	{ month: '2026-02-01', metric: 'circulation', value: 17100 }
];

describe('weekly engagement chart', () => {
	it('states the finding with formatted numbers and carries a data table', () => {
		const spec = weeklyEngagementSpec(weekly);
		expect(spec.caption).toBe('Posts drew 350 engagements over 2 weeks, 175 a week on average; the busiest week began Jan 12, 2026 with 250.');
		expect(spec.table).toEqual({
			columns: ['Week of', 'Facebook', 'X', 'Total'],
			rows: [
				['Jan 5, 2026', '60', '40', '100'],
				['Jan 12, 2026', '0', '250', '250']
			]
		});
		expect(weeklyEngagementSpec([]).caption).toMatch(/No posts/);
	});

	it('renders an SVG with an accessible label, one line per platform and campaign shading', () => {
		const chart = weeklyEngagementChart(weekly, campaigns, { width: 640, range, document });
		// With a legend Plot returns a <figure>; the plot itself is the labelled SVG inside it.
		const svg = chart.querySelector('svg[aria-label="Line chart of engagements per week by platform"]');
		expect(svg).not.toBeNull();
		expect(svg!.getAttribute('aria-description')).toBe(weeklyEngagementSpec(weekly).caption);
		expect(chart.querySelectorAll('g[aria-label="line"] path')).toHaveLength(2);
		expect(chart.querySelectorAll('g[aria-label="rect"] rect')).toHaveLength(2);
	});
});

describe('weekly engagement chart with other platforms', () => {
	it('names and colours every platform in the data, not only X, Facebook and Instagram', () => {
		const rows: WeeklyEngagement[] = [...weekly, { week: '2026-01-05', platform: 'tiktok', engagements: 90, impressions: null, posts: 1 }, { week: '2026-01-12', platform: 'bluesky', engagements: 0, impressions: null, posts: 2 }];
		expect(weeklyEngagementSpec(rows).table.columns).toEqual(['Week of', 'Bluesky', 'Facebook', 'TikTok', 'X', 'Total']);
		const chart = weeklyEngagementChart(rows, [], { width: 640, range, document });
		const strokes = [...chart.querySelectorAll('g[aria-label="line"] path')].map((path) => path.getAttribute('stroke'));
		expect(strokes).toHaveLength(4);
		// Four lines, four distinct colours, none of them the fallback grey.
		expect(new Set(strokes).size).toBe(4);
		expect(strokes).not.toContain('#6c757d');
	});
});

describe('monthly outcomes chart', () => {
	it('names the peak months', () => {
		const spec = monthlyOutcomesSpec(monthly);
		expect(spec.caption).toBe('Program attendance peaked in Feb 2026 at 980; circulation peaked in Jan 2026 at 18,250.');
		expect(spec.table.rows).toEqual([
			['Jan 2026', '410', '18,250'],
			['Feb 2026', '980', '17,100']
		]);
		expect(monthlyOutcomesSpec([]).caption).toMatch(/No attendance or circulation/);
	});

	it('draws two labelled panels on their own scales', () => {
		const figure = monthlyOutcomesChart(monthly, campaigns, { width: 640, range, document });
		const panels = [...figure.querySelectorAll('svg')];
		expect(panels.map((svg) => svg.getAttribute('aria-label'))).toEqual(['Program attendance per month', 'Circulation per month']);
		expect(figure.getAttribute('role')).toBe('group');
	});
});
