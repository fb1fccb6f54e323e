import { describe, expect, it } from 'vitest';
import type { CampaignPeriod } from '../domain/campaigns';
import type { WeeklyEngagement } from '../domain/overview';
import { chartDocument, chartSnapshot, drawWithoutWarnings, snapshotPath } from './test-support';
import { weeklyEngagementChart, weeklyEngagementSpec } from './weekly-engagement';

const document = chartDocument();
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

describe('weekly engagement chart', () => {
	it('states the finding with formatted numbers and carries a data table', () => {
		const spec = weeklyEngagementSpec(weekly);
		expect(spec.caption).toBe(
			'Posts drew 350 engagements over 2 weeks, 175 a week on average; the busiest week began Jan 12, 2026 with 250.'
		);
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
		expect(chart.querySelectorAll('g[data-mark="line"] path')).toHaveLength(2);
		expect(chart.querySelectorAll('g[data-mark="rect"] rect')).toHaveLength(2);
	});
});

describe('weekly engagement chart with other platforms', () => {
	it('names and colours every platform in the data, not only X, Facebook and Instagram', () => {
		const rows: WeeklyEngagement[] = [
			...weekly,
			{ week: '2026-01-05', platform: 'tiktok', engagements: 90, impressions: null, posts: 1 },
			{ week: '2026-01-12', platform: 'bluesky', engagements: 0, impressions: null, posts: 2 }
		];
		expect(weeklyEngagementSpec(rows).table.columns).toEqual([
			'Week of',
			'Bluesky',
			'Facebook',
			'TikTok',
			'X',
			'Total'
		]);
		const chart = weeklyEngagementChart(rows, [], { width: 640, range, document });
		const strokes = [...chart.querySelectorAll('g[data-mark="line"] path')].map((path) => path.getAttribute('stroke'));
		expect(strokes).toHaveLength(4);
		// Four lines, four distinct colours, none of them the fallback grey.
		expect(new Set(strokes).size).toBe(4);
		expect(strokes).not.toContain('#6c757d');
	});
});

describe('weekly engagement chart, drawn', () => {
	// A quarter of three platforms' posts, with a campaign running into it, one inside it, one at its end.
	const quarter = { from: '2026-01-01', to: '2026-03-31' };
	const seasons: CampaignPeriod[] = [
		{ name: 'Holiday reads', strategy: 'book_recommendations', startsOn: '2025-12-08', endsOn: '2026-01-11' },
		{ name: 'Winter reading challenge', strategy: 'programs_showcase', startsOn: '2026-01-26', endsOn: '2026-02-15' },
		{ name: 'Library card sign-up', strategy: 'partner_collaborations', startsOn: '2026-03-09', endsOn: '2026-03-22' }
	];
	const mondays = [
		'2026-01-05',
		'2026-01-12',
		'2026-01-19',
		'2026-01-26',
		'2026-02-02',
		'2026-02-09',
		'2026-02-16',
		'2026-02-23',
		'2026-03-02',
		'2026-03-09',
		'2026-03-16',
		'2026-03-23',
		'2026-03-30'
	];
	const byPlatform: Record<string, number[]> = {
		x: [42, 38, 55, 61, 120, 134, 98, 47, 40, 52, 180, 210, 75],
		facebook: [60, 72, 64, 80, 150, 171, 140, 66, 58, 70, 190, 240, 95],
		instagram: [35, 30, 41, 44, 95, 112, 88, 39, 36, 45, 150, 165, 60]
	};
	const rows: WeeklyEngagement[] = Object.entries(byPlatform).flatMap(([platform, engagements]) =>
		mondays.map((week, i) => ({
			week,
			platform,
			engagements: engagements[i]!,
			impressions: engagements[i]! * 25,
			posts: 3
		}))
	);

	it('matches its snapshot for a quarter with three platforms and three campaigns', async () => {
		const chart = drawWithoutWarnings(() =>
			weeklyEngagementChart(rows, seasons, { width: 640, range: quarter, document })
		);
		const svg = chart.querySelector('svg[aria-label]')!;
		expect(svg.getAttribute('aria-label')).toBe(weeklyEngagementSpec(rows).ariaLabel);
		expect(svg.getAttribute('aria-description')).toBe(weeklyEngagementSpec(rows).caption);
		// Each campaign's shading names it, for the pointer and for screen readers.
		expect([...chart.querySelectorAll('g[data-mark="rect"] rect title')].map((title) => title.textContent)).toEqual(
			seasons.map((c) => c.name)
		);
		// ARIA forbids a name on a <g> without a role (axe: aria-prohibited-attr).
		expect(chart.querySelector('g[aria-label]')).toBeNull();
		await expect(chartSnapshot(chart)).toMatchFileSnapshot(snapshotPath('weekly-engagement', chart));
	});

	it('matches its snapshot for a quarter with no posts, still shading the campaigns', async () => {
		const chart = drawWithoutWarnings(() =>
			weeklyEngagementChart([], seasons, { width: 640, range: quarter, document })
		);
		const svg = chart.querySelector('svg[aria-label]')!;
		expect(svg.getAttribute('aria-label')).toBe(weeklyEngagementSpec([]).ariaLabel);
		expect(svg.getAttribute('aria-description')).toBe(
			'No posts were published in this period, so there is no engagement to show.'
		);
		// ARIA forbids a name on a <g> without a role (axe: aria-prohibited-attr).
		expect(chart.querySelector('g[aria-label]')).toBeNull();
		await expect(chartSnapshot(chart)).toMatchFileSnapshot(snapshotPath('weekly-engagement-empty', chart));
	});
});
