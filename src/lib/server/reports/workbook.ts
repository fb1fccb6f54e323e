import ExcelJS from 'exceljs';
import type { BoardReportData } from '../../domain/board-report';
import { STRATEGY_LABELS } from '../../domain/campaigns';
import { COMPARISON_LABELS } from '../../domain/overview';
import { SECTION_LABELS, type ReportParams } from '../../domain/report-params';
import { relativeChange } from '../../format';
import type { Database } from '../db/database';
import { boardReport } from './board-report';

type Cell = string | number | Date | null;

interface Sheet {
	name: string;
	columns: { header: string; width: number; format?: string }[];
	rows: Cell[][];
}

const PERCENT = '0.0%';
const COUNT = '#,##0';
const DECIMAL = '0.00';
const DATE = 'yyyy-mm-dd';
const MONTH = 'mmm yyyy';

const asDate = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** The sheets of the sections the report holds, from the very data its print page shows. */
function sheetsOf(report: BoardReportData, dataVersion: string): Sheet[] {
	const o = report.overview;
	const p = report.params;
	const months = [...new Set(o.monthlyOutcomes.map((m) => m.month))].sort();
	const monthly = (month: string, metric: 'attendance' | 'circulation') =>
		o.monthlyOutcomes.find((m) => m.month === month && m.metric === metric)?.value ?? null;
	const sheets: Sheet[] = [
		{
			name: 'Report',
			columns: [
				{ header: 'Item', width: 24 },
				{ header: 'Value', width: 60 }
			],
			rows: [
				['Library', o.libraryName],
				['Title', p.title],
				['Period from', asDate(o.range.from)],
				['Period to', asDate(o.range.to)],
				['Compared with', `${COMPARISON_LABELS[o.comparison]} (${o.previousRange.from} to ${o.previousRange.to})`],
				['Branches', report.branches.length ? report.branches.join(', ') : 'All branches'],
				[
					'Campaigns',
					p.campaigns === null ? 'Every campaign that ran in the period' : p.campaigns.join(', ') || 'None'
				],
				['Sections', p.sections.map((s) => SECTION_LABELS[s]).join('; ')],
				['Dates counted in', o.timeZone],
				['Data', dataVersion],
				['Demo data', o.isDemo ? 'yes' : 'no']
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
			rows: o.kpis.map((kpi) => [kpi.label, kpi.value, kpi.previous, relativeChange(kpi.value, kpi.previous), kpi.note])
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
			rows: o.weeklyEngagement.map((w) => [asDate(w.week), w.platform, w.posts, w.impressions, w.engagements])
		},
		{
			name: 'Monthly outcomes',
			columns: [
				{ header: 'Month', width: 12, format: MONTH },
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
			rows: o.audience.map((a) => [
				a.platform,
				a.followers,
				a.followersOn ? asDate(a.followersOn) : null,
				a.newFollows,
				a.profileVisits,
				a.videoViews
			])
		}
	];
	if (report.doors)
		sheets.push({
			name: 'Visits',
			columns: [
				{ header: 'Day', width: 12, format: DATE },
				{ header: 'Branch', width: 16 },
				{ header: 'Visits', width: 10, format: COUNT }
			],
			rows: report.doors.map((d) => [asDate(d.date), d.branch, d.visits])
		});
	if (report.literacy)
		sheets.push(
			{
				name: 'Summer reading',
				columns: [
					{ header: 'Month', width: 12, format: MONTH },
					{ header: 'Registrations', width: 14, format: COUNT },
					{ header: 'Completions', width: 14, format: COUNT }
				],
				rows: report.literacy.months.map((m) => [asDate(m.month), m.registrations, m.completions])
			},
			{
				name: 'Outcome surveys',
				columns: [
					{ header: 'Topic', width: 28 },
					{ header: 'Outcome', width: 14 },
					{ header: 'Answers', width: 10, format: COUNT },
					{ header: 'Agree or strongly agree', width: 22, format: PERCENT },
					{ header: 'Mean score (1–5)', width: 16, format: DECIMAL }
				],
				rows: report.literacy.surveys.map((s) => [s.topic, s.outcome, s.responses, s.agreeShare, s.meanScore])
			}
		);
	if (p.sections.includes('campaigns'))
		sheets.push({
			name: 'Campaign estimates',
			columns: [
				{ header: 'Campaign', width: 28 },
				{ header: 'Outcome', width: 28 },
				{ header: 'Change vs. expected', width: 18, format: PERCENT },
				{ header: 'Interval low', width: 12, format: PERCENT },
				{ header: 'Interval high', width: 12, format: PERCENT },
				{ header: 'In words', width: 90 }
			],
			rows: report.campaigns.flatMap(({ campaign, panels }) =>
				panels.map((panel) => {
					const summary = panel.result.ok ? panel.result.summary.average : null;
					return [
						campaign.name,
						panel.label,
						summary?.relative ?? null,
						summary?.relativeLower ?? null,
						summary?.relativeUpper ?? null,
						panel.paragraph
					];
				})
			)
		});
	if (report.strategies)
		sheets.push({
			name: 'Strategies',
			columns: [
				{ header: 'Strategy', width: 28 },
				{ header: 'Posts', width: 8, format: COUNT },
				{ header: 'Median engagement rate', width: 22, format: '0.00%' },
				{ header: 'Lower quartile', width: 14, format: '0.00%' },
				{ header: 'Upper quartile', width: 14, format: '0.00%' }
			],
			rows: report.strategies.rows.map((r) => [STRATEGY_LABELS[r.strategy], r.posts, r.medianRate, r.q1Rate, r.q3Rate])
		});
	if (report.peers)
		sheets.push(
			'missing' in report.peers
				? {
						name: 'Peer comparison',
						columns: [{ header: 'Not enough data', width: 100 }],
						rows: [[report.peers.missing]]
					}
				: {
						name: 'Peer comparison',
						columns: [
							{ header: `Per person served, PLS fiscal year ${report.peers.fiscalYear}`, width: 40 },
							{ header: report.peers.library, width: 16, format: DECIMAL },
							{ header: "Peers' median", width: 14, format: DECIMAL },
							{ header: 'Lower quartile', width: 14, format: DECIMAL },
							{ header: 'Upper quartile', width: 14, format: DECIMAL },
							{ header: 'Peers reporting', width: 14, format: COUNT }
						],
						rows: report.peers.measures.map((m) => [m.label, m.own, m.median, m.q1, m.q3, m.peers])
					}
		);
	return sheets;
}

/**
 * The board report's tables for staff who edit them: the same report data the print page shows
 * (boardReport, so the workbook cannot drift from the PDF), one sheet per table, numbers as
 * numbers and dates as dates so a spreadsheet can sum, chart and re-format them.
 */
export async function boardReportWorkbook(db: Database, params: ReportParams, dataVersion: string): Promise<Buffer> {
	const report = await boardReport(db, params);
	const o = report.overview;
	const workbook = new ExcelJS.Workbook();
	workbook.creator = 'Lantern';
	workbook.title = `${o.libraryName} ${params.title.toLowerCase()}, ${o.range.from} to ${o.range.to}`;
	for (const sheet of sheetsOf(report, dataVersion)) {
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
