import { describe, expect, it } from 'vitest';
import type { FunnelFigure, LiteracyWeek } from '../domain/literacy';
import type { PostingSlot } from '../domain/social-dashboard';
import { withOtherBranches } from '../domain/other-branches';
import { branchMonthsChart, branchMonthsSpec } from './branch-months';
import { groupBarsChart, groupBarsSpec } from './group-bars';
import {
	branchFinding,
	branchSummerReading,
	branchSummerReadingChart,
	outcomeAgreementChart,
	summerWeeksChart
} from './literacy';
import { branchColour, platformColour } from './palette';
import { formatsChart, formatsSpec, postingTimesSpec } from './social';
import { chartDocument, drawWithoutWarnings } from './test-support';

const document = chartDocument();
const ALL = ['Central', 'Eastside', 'Riverside'];
const funnel: FunnelFigure[] = [
	{ branch: 'Central', ageGroup: null, stage: 'registrations', current: 1100, previous: 1000 },
	{ branch: 'Eastside', ageGroup: null, stage: 'registrations', current: 600, previous: 400 },
	{ branch: 'Riverside', ageGroup: null, stage: 'registrations', current: 270, previous: 300 }
];

describe('the dashboards’ charts', () => {
	it('names the branches where summer reading rose and fell, most first', () => {
		const rows = branchSummerReading(funnel);
		expect(rows.map((row) => row.branch)).toEqual(['Eastside', 'Central', 'Riverside']);
		expect(branchFinding(rows, 'same period last year')).toBe(
			'Registrations rose at Eastside, Central and fell at Riverside against same period last year: most at Eastside (+50.0%, 400 → 600), least at Riverside (−10.0%, 300 → 270).'
		);
		expect(branchFinding([], 'same period last year')).toMatch(/^No summer-reading registrations/);
	});

	it('gives a branch the same colour whichever branches a chart shows', () => {
		expect(branchColour('Eastside', ALL)).toBe(branchColour('Eastside', [...ALL].sort()));
		expect(new Set(ALL.map((branch) => branchColour(branch, ALL))).size).toBe(3);
		const eastsideOnly = branchSummerReadingChart(branchSummerReading(funnel.slice(1, 2)), {
			width: 500,
			against: 'same period last year',
			allBranches: ALL,
			document
		});
		const fills = [...eastsideOnly.querySelectorAll('rect')].map((rect) => rect.getAttribute('fill'));
		expect(fills).toContain(branchColour('Eastside', ALL));
	});

	it('breaks the weekly summer-reading line between seasons', () => {
		const weeks: LiteracyWeek[] = ['2025-06-02', '2025-06-09', '2026-06-01', '2026-06-08'].map((week) => ({
			week,
			shiftedWeek: week,
			branch: 'Central',
			stage: 'registrations',
			value: 10,
			comparison: false
		}));
		const chart = drawWithoutWarnings(() =>
			summerWeeksChart(weeks, [], {
				width: 600,
				range: { from: '2025-01-01', to: '2026-12-31' },
				against: 'same period last year',
				allBranches: ALL,
				document
			})
		);
		// One path per season: nothing is drawn across the nine months between them.
		expect(chart.querySelectorAll('[data-mark="line"] path').length).toBe(2);
	});

	it("draws a consortium's busiest branches by name and the others as one grey line", () => {
		const branches = Array.from({ length: 30 }, (_, i) => `Branch ${String(i + 1).padStart(2, '0')}`);
		const rows = withOtherBranches(
			branches.flatMap((branch, i) =>
				['2026-01-01', '2026-02-01'].map((month) => ({ month, branch, value: 100 + i, measure: 'visits' }))
			),
			(row) => row.measure
		);
		const spec = branchMonthsSpec(rows, 'Visits');
		expect(spec.caption).toMatch(/^Branch 30 had the most \(258 in this period\)/);
		expect(spec.caption).toContain('The other 22 branches are one line, added together.');
		expect(spec.table.columns).toEqual(['Month', ...branches.slice(22), '22 other branches', 'All shown']);
		const chart = drawWithoutWarnings(() =>
			branchMonthsChart(rows, [], {
				width: 600,
				range: { from: '2026-01-01', to: '2026-02-28' },
				measure: 'Visits',
				allBranches: branches,
				document
			})
		);
		expect(chart.querySelectorAll('[data-mark="line"] path').length).toBe(9);
		expect(chart.innerHTML).toContain('#adb5bd');
	});

	it('draws every dashboard chart without Plot guessing', () => {
		const months = [
			{ month: '2026-01-01', branch: 'Central', value: 5 },
			{ month: '2026-02-01', branch: 'Eastside', value: 7 }
		];
		const range = { from: '2026-01-01', to: '2026-03-31' };
		drawWithoutWarnings(() =>
			branchMonthsChart(months, [], { width: 600, range, measure: 'Visits', allBranches: ALL, document })
		);
		expect(branchMonthsSpec(months, 'Visits').caption).toMatch(/^Eastside had the most \(7 in this period\)/);
		const groups = [
			{ group: 'Storytimes', value: 40, previous: 20 },
			{ group: 'Book clubs', value: 50, previous: 48 }
		];
		drawWithoutWarnings(() =>
			groupBarsChart(groups, {
				width: 600,
				title: 'Attendance by category',
				measure: 'Attendance',
				groupLabel: 'Category',
				against: 'previous period',
				document
			})
		);
		expect(
			groupBarsSpec(groups, {
				title: 't',
				measure: 'Attendance',
				groupLabel: 'Category',
				against: 'previous period'
			}).caption
		).toBe('Book clubs had the most attendance (50); Storytimes grew most on previous period (+100.0%).');
		drawWithoutWarnings(() =>
			outcomeAgreementChart(
				[{ topic: 'Summer Reading', outcome: 'knowledge', responses: 10, agreeing: 8, agreeShare: 0.8 }],
				{ width: 600, document }
			)
		);
		const slots: PostingSlot[] = [
			{ weekday: 0, hour: 9, posts: 6, engagementRate: 0.05 },
			{ weekday: 2, hour: 14, posts: 2, engagementRate: 0.2 }
		];
		// The heatmap's colour ramp is drawn on a canvas, which JSDOM lacks: its words are checked here, its drawing in the browser.
		// Two posts in one hour are not a pattern: the best time named has five or more.
		expect(postingTimesSpec(slots, 'America/Chicago').caption).toContain('was Mon at 9 AM (5.00%)');
	});

	it('compares the post formats in a chart coloured by platform, naming the best and worst with ten or more posts', () => {
		const formats = [
			{
				platform: 'instagram',
				format: 'Reel',
				posts: 40,
				impressions: 40_000,
				engagements: 2_400,
				engagementRate: 0.06
			},
			{
				platform: 'facebook',
				format: 'Photo',
				posts: 120,
				impressions: 90_000,
				engagements: 2_700,
				engagementRate: 0.03
			},
			{ platform: 'x', format: 'Text', posts: 3, impressions: 300, engagements: 60, engagementRate: 0.2 },
			{ platform: 'tiktok', format: 'Video', posts: 12, impressions: null, engagements: null, engagementRate: null }
		];
		const spec = formatsSpec(formats);
		// Three X posts at 20% are not a finding: the best named has ten or more posts.
		expect(spec.caption).toBe(
			'Instagram: Reel had the highest engagement rate of the formats with 10 or more posts (6.00% over 40 posts); Facebook: Photo the lowest (3.00% over 120 posts). Formats are as each platform names them; paler bars have fewer than 10 posts.'
		);
		expect(spec.table.rows.map((row) => row[0])).toEqual([
			'X: Text',
			'Instagram: Reel',
			'Facebook: Photo',
			'TikTok: Video'
		]);
		expect(spec.table.rows[1]).toEqual(['Instagram: Reel', '40', '40,000', '2,400', '6.00%']);
		const chart = drawWithoutWarnings(() => formatsChart(formats, { width: 600, document }));
		const bars = [...chart.querySelectorAll('[data-mark="bar"] rect')];
		// The format without impressions has no rate to draw; it stays in the table.
		expect(bars).toHaveLength(3);
		expect(bars.map((bar) => bar.getAttribute('fill'))).toEqual(
			['x', 'instagram', 'facebook'].map((platform) => platformColour(platform))
		);
		expect(bars.map((bar) => bar.getAttribute('fill-opacity'))).toEqual(['0.4', '1', '1']);
		expect(chart.getAttribute('aria-label')).toBe(spec.ariaLabel);
		expect(formatsSpec([]).caption).toBe('No posts in this period.');
	});
});
