import ExcelJS from 'exceljs';
import type { DateRangeQuery } from '../../domain/overview';
import { COMPARISON_LABELS } from '../../domain/overview';
import { relativeChange } from '../../format';
import type { Database } from '../db/database';
import { overview } from '../analytics/overview';
import { campaignSummaries } from '../analytics/campaigns';
import { campaignImpact } from '../analytics/impact';

type Cell = string | number | Date | null;

interface Sheet {
	name: string;
	columns: { header: string; width: number; format?: string }[];
	rows: Cell[][];
}

const PERCENT = '0.0%';
const COUNT = '#,##0';
const DATE = 'yyyy-mm-dd';

const asDate = (iso: string) => new Date(`${iso}T00:00:00Z`);

/**
 * The board report's tables for staff who edit them: the same analytics the print page loads
 * (overview, each campaign's estimates in the period), one sheet per table, numbers as numbers and
 * dates as dates so a spreadsheet can sum, chart and re-format them.
 */
export async function boardReportWorkbook(db: Database, query: DateRangeQuery, dataVersion: string): Promise<Buffer> {
	const data = await overview(db, query);
	const campaigns = (await campaignSummaries(db)).filter(
		(c) => c.startsOn <= data.range.to && c.endsOn >= data.range.from
	);
	const estimates: Cell[][] = [];
	for (const campaign of campaigns)
		for (const panel of await campaignImpact(db, campaign)) {
			const summary = panel.result.ok ? panel.result.summary.average : null;
			estimates.push([
				campaign.name,
				panel.label,
				summary?.relative ?? null,
				summary?.relativeLower ?? null,
				summary?.relativeUpper ?? null,
				panel.paragraph
			]);
		}
	const months = [...new Set(data.monthlyOutcomes.map((m) => m.month))].sort();
	const monthly = (month: string, metric: 'attendance' | 'circulation') =>
		data.monthlyOutcomes.find((m) => m.month === month && m.metric === metric)?.value ?? null;

	const sheets: Sheet[] = [
		{
			name: 'Report',
			columns: [
				{ header: 'Item', width: 24 },
				{ header: 'Value', width: 60 }
			],
			rows: [
				['Library', data.libraryName],
				['Period from', asDate(data.range.from)],
				['Period to', asDate(data.range.to)],
				[
					'Compared with',
					`${COMPARISON_LABELS[data.comparison]} (${data.previousRange.from} to ${data.previousRange.to})`
				],
				['Dates counted in', data.timeZone],
				['Data', dataVersion],
				['Demo data', data.isDemo ? 'yes' : 'no']
			]
		},
		{
			name: 'Key figures',
			columns: [
				{ header: 'Figure', width: 24 },
				{ header: 'This period', width: 14, format: COUNT },
				{ header: 'Comparison period', width: 18, format: COUNT },
				{ header: 'Change', width: 10, format: PERCENT },
				{ header: 'Note', width: 70 }
			],
			rows: data.kpis.map((kpi) => [
				kpi.label,
				kpi.value,
				kpi.previous,
				relativeChange(kpi.value, kpi.previous),
				kpi.note
			])
		},
		{
			name: 'Weekly engagement',
			columns: [
				{ header: 'Week starting', width: 14, format: DATE },
				{ header: 'Platform', width: 14 },
				{ header: 'Posts', width: 8, format: COUNT },
				{ header: 'Impressions', width: 14, format: COUNT },
				{ header: 'Engagements', width: 14, format: COUNT }
			],
			rows: data.weeklyEngagement.map((w) => [asDate(w.week), w.platform, w.posts, w.impressions, w.engagements])
		},
		{
			name: 'Monthly outcomes',
			columns: [
				{ header: 'Month', width: 12, format: 'mmm yyyy' },
				{ header: 'Program attendance', width: 20, format: COUNT },
				{ header: 'Circulation', width: 14, format: COUNT }
			],
			rows: months.map((month) => [asDate(month), monthly(month, 'attendance'), monthly(month, 'circulation')])
		},
		{
			name: 'Audience',
			columns: [
				{ header: 'Platform', width: 14 },
				{ header: 'Followers', width: 12, format: COUNT },
				{ header: 'Followers on', width: 14, format: DATE },
				{ header: 'New follows', width: 12, format: COUNT },
				{ header: 'Profile visits', width: 14, format: COUNT },
				{ header: 'Video views', width: 12, format: COUNT }
			],
			rows: data.audience.map((a) => [
				a.platform,
				a.followers,
				a.followersOn ? asDate(a.followersOn) : null,
				a.newFollows,
				a.profileVisits,
				a.videoViews
			])
		},
		{
			name: 'Campaign estimates',
			columns: [
				{ header: 'Campaign', width: 28 },
				{ header: 'Outcome', width: 28 },
				{ header: 'Change vs. expected', width: 18, format: PERCENT },
				{ header: 'Interval low', width: 12, format: PERCENT },
				{ header: 'Interval high', width: 12, format: PERCENT },
				{ header: 'In words', width: 90 }
			],
			rows: estimates
		}
	];

	const workbook = new ExcelJS.Workbook();
	workbook.creator = 'Lantern';
	workbook.title = `${data.libraryName} board report, ${data.range.from} to ${data.range.to}`;
	for (const sheet of sheets) {
		const worksheet = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
		worksheet.columns = sheet.columns.map((column) => ({
			header: column.header,
			width: column.width,
			style: column.format ? { numFmt: column.format } : {}
		}));
		worksheet.getRow(1).font = { bold: true };
		for (const row of sheet.rows) worksheet.addRow(row);
	}
	return Buffer.from(await workbook.xlsx.writeBuffer());
}
