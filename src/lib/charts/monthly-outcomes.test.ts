import { describe, expect, it } from 'vitest';
import type { CampaignPeriod } from '../domain/campaigns';
import type { MonthlyOutcome } from '../domain/overview';
import { monthlyOutcomesChart, monthlyOutcomesSpec } from './monthly-outcomes';
import { chartDocument, chartSnapshot, drawWithoutWarnings, snapshotPath } from './test-support';

const document = chartDocument();
const range = { from: '2026-01-01', to: '2026-03-31' };
const campaigns: CampaignPeriod[] = [
	{ name: 'Winter picks', strategy: 'book_recommendations', startsOn: '2025-12-15', endsOn: '2026-01-20' },
	{ name: 'Card month', strategy: 'partner_collaborations', startsOn: '2026-03-01', endsOn: '2026-03-31' }
];
const monthly: MonthlyOutcome[] = [
	{ month: '2026-01-01', metric: 'attendance', value: 410 },
	{ month: '2026-02-01', metric: 'attendance', value: 980 },
	{ month: '2026-01-01', metric: 'circulation', value: 18250 },
	{ month: '2026-02-01', metric: 'circulation', value: 17100 }
];

describe('monthly outcomes chart', () => {
	it('names the peak months', () => {
		const spec = monthlyOutcomesSpec(monthly);
		expect(spec.caption).toBe(
			'Program attendance peaked in Feb 2026 at 980; circulation peaked in Jan 2026 at 18,250.'
		);
		expect(spec.table.rows).toEqual([
			['Jan 2026', '410', '18,250'],
			['Feb 2026', '980', '17,100']
		]);
		expect(monthlyOutcomesSpec([]).caption).toMatch(/No attendance or circulation/);
	});

	it('draws two labelled panels on their own scales', () => {
		const figure = monthlyOutcomesChart(monthly, campaigns, { width: 640, range, document });
		const panels = [...figure.querySelectorAll('svg')];
		expect(panels.map((svg) => svg.getAttribute('aria-label'))).toEqual([
			'Program attendance per month',
			'Circulation per month'
		]);
		expect(figure.getAttribute('role')).toBe('group');
	});
});

describe('monthly outcomes chart, drawn', () => {
	// Half a year of a library's programs and loans, with a sign-up month and the summer reading launch.
	const halfYear = { from: '2026-01-01', to: '2026-06-30' };
	const seasons: CampaignPeriod[] = [
		{ name: 'Library card sign-up', strategy: 'partner_collaborations', startsOn: '2026-03-01', endsOn: '2026-03-31' },
		{ name: 'Summer reading launch', strategy: 'programs_showcase', startsOn: '2026-05-18', endsOn: '2026-07-31' }
	];
	const months = ['2026-01-01', '2026-02-01', '2026-03-01', '2026-04-01', '2026-05-01', '2026-06-01'];
	const attendance = [412, 388, 655, 540, 602, 1240];
	const circulation = [18250, 17100, 19840, 18620, 18990, 23410];
	const rows: MonthlyOutcome[] = months.flatMap((month, i) => [
		{ month, metric: 'attendance' as const, value: attendance[i]! },
		{ month, metric: 'circulation' as const, value: circulation[i]! }
	]);

	it('matches its snapshot for half a year with two campaigns', async () => {
		const figure = drawWithoutWarnings(() =>
			monthlyOutcomesChart(rows, seasons, { width: 640, range: halfYear, document })
		);
		expect(figure.getAttribute('role')).toBe('group');
		expect(figure.getAttribute('aria-label')).toBe(monthlyOutcomesSpec(rows).ariaLabel);
		expect([...figure.querySelectorAll('svg')].map((svg) => svg.getAttribute('aria-label'))).toEqual([
			'Program attendance per month',
			'Circulation per month'
		]);
		expect(monthlyOutcomesSpec(rows).caption).toBe(
			'Program attendance peaked in Jun 2026 at 1,240; circulation peaked in Jun 2026 at 23,410.'
		);
		// Both panels shade both campaigns, each rectangle titled with its campaign's name.
		expect([...figure.querySelectorAll('g[data-mark="rect"] rect title')].map((title) => title.textContent)).toEqual(
			[...seasons, ...seasons].map((c) => c.name)
		);
		// ARIA forbids a name on a <g> without a role (axe: aria-prohibited-attr).
		expect(figure.querySelector('g[aria-label]')).toBeNull();
		await expect(chartSnapshot(figure)).toMatchFileSnapshot(snapshotPath('monthly-outcomes', figure));
	});

	it('matches its snapshot for a period with nothing recorded, keeping both labelled panels', async () => {
		const figure = drawWithoutWarnings(() =>
			monthlyOutcomesChart([], seasons, { width: 640, range: halfYear, document })
		);
		expect(figure.getAttribute('aria-label')).toBe(monthlyOutcomesSpec([]).ariaLabel);
		expect(monthlyOutcomesSpec([]).caption).toBe('No attendance or circulation was recorded in this period.');
		expect(figure.querySelectorAll('svg[aria-label]')).toHaveLength(2);
		// ARIA forbids a name on a <g> without a role (axe: aria-prohibited-attr).
		expect(figure.querySelector('g[aria-label]')).toBeNull();
		await expect(chartSnapshot(figure)).toMatchFileSnapshot(snapshotPath('monthly-outcomes-empty', figure));
	});
});
