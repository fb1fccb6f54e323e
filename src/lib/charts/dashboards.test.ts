import { describe, expect, it } from 'vitest';
import type { FunnelFigure, LiteracyWeek } from '../domain/literacy';
import type { PostingSlot } from '../domain/social-dashboard';
import { branchMonthsChart, branchMonthsSpec } from './branch-months';
import { groupBarsChart, groupBarsSpec } from './group-bars';
import {
	branchFinding,
	branchSummerReading,
	branchSummerReadingChart,
	outcomeAgreementChart,
	summerWeeksChart
} from './literacy';
import { branchColour } from './palette';
import { postingTimesSpec } from './social';
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
});
