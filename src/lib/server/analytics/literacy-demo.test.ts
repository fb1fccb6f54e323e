/**
 * The Literacy page's figures against sums computed here, independently, from the demo library's
 * summer-reading and Project Outcome files: the question it answers is "did the summer reading push
 * work, and at which branch?", so each branch's registrations this summer and last are checked.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { branchFinding, branchSummerReading } from '../../charts/literacy';
import type { Database } from '../db/database';
import { demoDatabase } from '../db/test-support';
import { demoNumber, demoRows } from './demo-files';
import { literacyDashboard } from './literacy';

const SUMMER = 'summer_reading_2024_2026.csv';
const SURVEYS = 'project_outcome_responses_2026.csv';

function summerSum(
	metric: string,
	from: string,
	to: string,
	where: (row: Record<string, string>) => boolean = () => true
) {
	return demoRows(SUMMER)
		.filter((row) => row.metric === metric && row.period_start! >= from && row.period_start! <= to && where(row))
		.reduce((sum, row) => sum + demoNumber(row.value), 0);
}

describe('the Literacy page on the demo library, against its files', () => {
	let db: Database;
	beforeAll(async () => {
		db = await demoDatabase();
	}, 180_000);

	it('registrations and completions by branch this summer and last, compared year over year by default', async () => {
		const data = await literacyDashboard(db, { from: '2026-01-01', to: '2026-12-31', compare: 'year', filters: {} });
		expect(data.context.previousRange).toEqual({ from: '2025-01-01', to: '2025-12-31' });
		for (const branch of ['Central', 'Eastside', 'Riverside']) {
			const at = (row: Record<string, string>) => row.branch === branch;
			const figure = (stage: string) =>
				data.funnel.find((r) => r.branch === branch && r.ageGroup === null && r.stage === stage)!;
			expect(figure('registrations').current).toBe(summerSum('registrations', '2026-01-01', '2026-12-31', at));
			expect(figure('registrations').previous).toBe(summerSum('registrations', '2025-01-01', '2025-12-31', at));
			expect(figure('completions').current).toBe(summerSum('completions', '2026-01-01', '2026-12-31', at));
		}
		const all = data.funnel.find((r) => r.branch === null && r.ageGroup === null && r.stage === 'registrations')!;
		expect(all.current).toBe(summerSum('registrations', '2026-01-01', '2026-12-31'));
		// The demo has no "active readers" figure, so the funnel has no such stage rather than a zero.
		expect(data.funnel.some((r) => r.stage === 'active_readers')).toBe(false);
	});

	it('names the branch whose registrations rose most and least against last summer', async () => {
		const data = await literacyDashboard(db, { from: '2026-01-01', to: '2026-12-31', compare: 'year', filters: {} });
		const changes = ['Central', 'Eastside', 'Riverside']
			.map((branch) => {
				const at = (row: Record<string, string>) => row.branch === branch;
				const now = summerSum('registrations', '2026-01-01', '2026-12-31', at);
				const before = summerSum('registrations', '2025-01-01', '2025-12-31', at);
				return { branch, change: now / before - 1 };
			})
			.sort((a, b) => b.change - a.change);
		const rows = branchSummerReading(data.funnel);
		expect(rows.map((row) => row.branch)).toEqual(changes.map((row) => row.branch));
		const finding = branchFinding(rows, 'same period last year');
		expect(finding).toContain(`most at ${changes[0]!.branch}`);
		expect(finding).toContain(`least at ${changes[2]!.branch}`);
	});

	it('a branch and an age group filter narrow every figure to them', async () => {
		const data = await literacyDashboard(db, {
			from: '2026-06-01',
			to: '2026-08-31',
			compare: 'year',
			filters: { branch: 'Eastside', audience: 'Teens (12-17)' }
		});
		const only = (row: Record<string, string>) => row.branch === 'Eastside' && row.age_group === 'Teens (12-17)';
		const all = data.funnel.find((r) => r.branch === null && r.ageGroup === null && r.stage === 'registrations')!;
		expect(all.current).toBe(summerSum('registrations', '2026-06-01', '2026-08-31', only));
		expect(all.previous).toBe(summerSum('registrations', '2025-06-01', '2025-08-31', only));
		expect(new Set(data.funnel.map((r) => r.branch).filter(Boolean))).toEqual(new Set(['Eastside']));
		const weekly = data.weeks.filter((w) => w.stage === 'registrations' && !w.comparison);
		expect(weekly.reduce((sum, w) => sum + w.value, 0)).toBe(all.current);
	});

	it('the comparison weeks are moved onto this period and never bridge the off-season', async () => {
		const data = await literacyDashboard(db, { from: '2026-01-01', to: '2026-12-31', compare: 'year', filters: {} });
		const before = data.weeks.filter((w) => w.comparison);
		expect(before.length).toBeGreaterThan(0);
		for (const week of before) expect(week.shiftedWeek.slice(0, 4)).toBe('2026');
		expect(before.every((w) => w.week.startsWith('2025'))).toBe(true);
	});

	it('a campaign filter reads the campaign’s own dates and links the summer-reading campaign first', async () => {
		const [row] = await db.query<{ campaign_id: number }>(
			`SELECT campaign_id FROM campaigns WHERE name = '#MapleSummerReads 2026'`
		);
		const data = await literacyDashboard(db, { compare: 'year', filters: { campaign: row!.campaign_id } });
		expect(data.context.range).toEqual({ from: '2026-05-25', to: '2026-08-14' });
		expect(data.campaigns[0]!.name).toBe('#MapleSummerReads 2026');
		const all = data.funnel.find((r) => r.branch === null && r.ageGroup === null && r.stage === 'registrations')!;
		expect(all.current).toBe(summerSum('registrations', '2026-05-25', '2026-08-14'));
		expect(all.previous).toBe(summerSum('registrations', '2025-05-25', '2025-08-14'));
	});

	it('Project Outcome agreement by topic and outcome counts Agree and Strongly agree of the answers given', async () => {
		const data = await literacyDashboard(db, { from: '2026-01-01', to: '2026-12-31', compare: 'year', filters: {} });
		const responses = demoRows(SURVEYS).filter((row) => row.Date! >= '2026-01-01' && row.Date! <= '2026-12-31');
		const statement = 'I feel more confident about what I just learned.';
		const topics = [...new Set(responses.map((row) => row['Survey Topic']!))];
		expect(topics.length).toBeGreaterThan(0);
		for (const topic of topics) {
			const answered = responses.filter((row) => row['Survey Topic'] === topic && row[statement] !== '');
			const agreeing = answered.filter((row) => /^(strongly )?agree$/i.test(row[statement]!.trim()));
			const figure = data.outcomes.find((r) => r.topic === topic && r.outcome === 'confidence')!;
			expect(figure.responses).toBe(answered.length);
			expect(figure.agreeing).toBe(agreeing.length);
		}
		expect(data.surveyResponses).toBe(responses.length);
	});
});
