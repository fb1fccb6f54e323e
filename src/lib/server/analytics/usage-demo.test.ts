/**
 * The Usage page's figures against sums computed here, independently, from the demo library's
 * monthly usage file: circulation is physical plus digital, per branch, whole months only.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { demoDatabase } from '../db/test-support';
import { demoNumber, demoRows } from './demo-files';
import { usageDashboard } from './usage';

const USAGE = 'usage_monthly_2023-11_2026-10.csv';
const lastDay = (month: string) =>
	new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);

function usageSum(metrics: string[], from: string, to: string, branch?: string): number {
	return demoRows(USAGE)
		.filter((row) => metrics.includes(row.metric!) && row.period === 'month')
		.filter((row) => row.period_start! >= from && lastDay(row.period_start!) <= to)
		.filter((row) => !branch || row.branch === branch)
		.reduce((sum, row) => sum + demoNumber(row.value), 0);
}

describe('the Usage page on the demo library, against its files', () => {
	let db: Database;
	beforeAll(async () => {
		db = await demoDatabase();
	}, 180_000);

	it('circulation (physical and digital), visits and new cards per branch, against the previous half year', async () => {
		const data = await usageDashboard(db, { from: '2026-01-01', to: '2026-06-30', compare: 'previous', filters: {} });
		expect(data.context.previousRange).toEqual({ from: '2025-07-01', to: '2025-12-31' });
		const figure = (measure: string, branch: string | null) =>
			data.totals.find((row) => row.measure === measure && row.branch === branch)!;
		for (const branch of ['Central', 'Eastside', 'Riverside', null]) {
			const at = branch ?? undefined;
			expect(figure('total_circulation', branch).current).toBe(
				usageSum(['circulation', 'digital_checkouts'], '2026-01-01', '2026-06-30', at)
			);
			expect(figure('total_circulation', branch).previous).toBe(
				usageSum(['circulation', 'digital_checkouts'], '2025-07-01', '2025-12-31', at)
			);
			expect(figure('circulation', branch).current).toBe(usageSum(['circulation'], '2026-01-01', '2026-06-30', at));
			// Visits: the monthly reports, not the daily door counts added on top of them.
			expect(figure('visits', branch).current).toBe(usageSum(['visits'], '2026-01-01', '2026-06-30', at));
			expect(figure('new_cards', branch).previous).toBe(usageSum(['new_cards'], '2025-07-01', '2025-12-31', at));
		}
	});

	it('a branch filter keeps only that branch, month by month', async () => {
		const data = await usageDashboard(db, {
			from: '2026-01-01',
			to: '2026-03-31',
			compare: 'year',
			filters: { branch: 'Riverside' }
		});
		expect(new Set(data.months.map((row) => row.branch))).toEqual(new Set(['Riverside']));
		const march = data.months.find((row) => row.month === '2026-03-01' && row.measure === 'visits')!;
		expect(march.value).toBe(usageSum(['visits'], '2026-03-01', '2026-03-31', 'Riverside'));
		const all = data.totals.find((row) => row.measure === 'total_circulation' && row.branch === null)!;
		expect(all.previous).toBe(usageSum(['circulation', 'digital_checkouts'], '2025-01-01', '2025-03-31', 'Riverside'));
	});

	it('a range holding no whole month has no monthly figures rather than two partial months', async () => {
		const data = await usageDashboard(db, { from: '2026-03-15', to: '2026-04-14', compare: 'previous', filters: {} });
		expect(
			data.totals.find((row) => row.measure === 'total_circulation' && row.branch === null)?.current ?? null
		).toBeNull();
	});

	it('shades and links the campaigns that meet the range', async () => {
		const data = await usageDashboard(db, { from: '2026-01-01', to: '2026-06-30', compare: 'previous', filters: {} });
		expect(data.campaigns.map((c) => c.name)).toContain('Staff Picks Winter 2026');
	});
});
