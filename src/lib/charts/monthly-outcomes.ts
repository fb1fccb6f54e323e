import * as Plot from '@observablehq/plot';
import type { CampaignPeriod } from '../domain/campaigns';
import type { MonthlyOutcome } from '../domain/overview';
import { formatCount, formatMonth } from '../format';
import { campaignShading, PALETTE, rangeDomain, type ChartOptions, type ChartSpec, withoutMarkNames } from './chart';

const LABELS = { attendance: 'Program attendance', circulation: 'Circulation' } as const;

function peak(rows: MonthlyOutcome[], metric: MonthlyOutcome['metric']): MonthlyOutcome | null {
	const series = rows.filter((row) => row.metric === metric);
	return series.length ? series.reduce((best, row) => (row.value > best.value ? row : best)) : null;
}

export function monthlyOutcomesSpec(rows: MonthlyOutcome[]): ChartSpec {
	const months = [...new Set(rows.map((row) => row.month))].sort();
	const attendancePeak = peak(rows, 'attendance');
	const circulationPeak = peak(rows, 'circulation');
	const parts: string[] = [];
	if (attendancePeak)
		parts.push(
			`Program attendance peaked in ${formatMonth(attendancePeak.month)} at ${formatCount(attendancePeak.value)}`
		);
	if (circulationPeak)
		parts.push(`circulation peaked in ${formatMonth(circulationPeak.month)} at ${formatCount(circulationPeak.value)}`);
	const caption = parts.length
		? `${parts.join('; ')}.`.replace(/^./, (c) => c.toUpperCase())
		: 'No attendance or circulation was recorded in this period.';
	const value = (month: string, metric: MonthlyOutcome['metric']) =>
		rows.find((r) => r.month === month && r.metric === metric)?.value;
	return {
		title: 'Monthly program attendance and circulation',
		caption,
		ariaLabel: 'Two line charts, one above the other: program attendance per month and circulation per month',
		table: {
			columns: ['Month', LABELS.attendance, LABELS.circulation],
			rows: months.map((month) => [
				formatMonth(month),
				formatCount(value(month, 'attendance')),
				formatCount(value(month, 'circulation'))
			])
		}
	};
}

/** Two panels sharing the month axis, each on its own scale (attendance is far smaller than circulation). */
export function monthlyOutcomesChart(
	rows: MonthlyOutcome[],
	campaigns: CampaignPeriod[],
	options: ChartOptions
): HTMLElement {
	const doc = options.document ?? document;
	const spec = monthlyOutcomesSpec(rows);
	const figure = doc.createElement('div');
	figure.setAttribute('role', 'group');
	figure.setAttribute('aria-label', spec.ariaLabel);
	const domain = rangeDomain(options.range);
	for (const metric of ['attendance', 'circulation'] as const) {
		const data = rows
			.filter((row) => row.metric === metric)
			.map((row) => ({ ...row, date: new Date(`${row.month}T00:00:00Z`) }));
		figure.append(
			Plot.plot({
				document: options.document,
				width: options.width,
				height: 170,
				marginLeft: 64,
				ariaLabel: `${LABELS[metric]} per month`,
				x: { type: 'utc', label: null, domain },
				y: { grid: true, label: LABELS[metric], tickFormat: (d: number) => formatCount(d), zero: true },
				marks: [
					campaignShading(campaigns),
					Plot.lineY(data, { x: 'date', y: 'value', stroke: PALETTE[metric], strokeWidth: 2 }),
					Plot.dot(data, { x: 'date', y: 'value', fill: PALETTE[metric], r: 2.5 }),
					Plot.tip(
						data,
						Plot.pointerX({
							x: 'date',
							y: 'value',
							title: (d: (typeof data)[number]) => `${formatMonth(d.month)}: ${formatCount(d.value)}`
						})
					)
				]
			})
		);
	}
	return withoutMarkNames(figure);
}
