import * as Plot from '@observablehq/plot';
import { formatCount, formatDate, formatMonth } from '../format';
import { CAMPAIGN_FILL, PALETTE, type ChartOptions, type ChartSpec, withoutMarkNames } from './chart';

export interface SeriesPoint {
	periodStart: string;
	value: number;
}

export interface CampaignWindow {
	name: string;
	startsOn: string;
	endsOn: string;
}

const label = (period: 'week' | 'month', date: string) =>
	period === 'month' ? formatMonth(date) : `week of ${formatDate(date)}`;

/** A descriptive before/during comparison: the same number of periods just before the campaign. */
export function outcomeSeriesSpec(
	points: SeriesPoint[],
	window: CampaignWindow,
	metricLabel: string,
	period: 'week' | 'month'
): ChartSpec {
	const during = points.filter((p) => p.periodStart >= window.startsOn && p.periodStart <= window.endsOn);
	const before = points.filter((p) => p.periodStart < window.startsOn).slice(-Math.max(during.length, 1));
	const mean = (xs: SeriesPoint[]) => xs.reduce((sum, p) => sum + p.value, 0) / xs.length;
	let caption = `No ${metricLabel} was recorded during the campaign.`;
	if (during.length > 0 && before.length > 0) {
		caption = `During the campaign, ${metricLabel} averaged ${formatCount(mean(during))} a ${period}, against ${formatCount(mean(before))} in the ${formatCount(before.length)} ${period}s before. This is a plain comparison, not an estimate of impact.`;
	} else if (during.length > 0) {
		caption = `During the campaign, ${metricLabel} averaged ${formatCount(mean(during))} a ${period}; there is no earlier data to compare.`;
	}
	return {
		title: metricLabel.replace(/^./, (c) => c.toUpperCase()),
		caption,
		ariaLabel: `Line chart of ${metricLabel} with the campaign period shaded`,
		table: {
			columns: [period === 'month' ? 'Month' : 'Week of', 'Value', 'In campaign'],
			rows: points.map((p) => [label(period, p.periodStart), formatCount(p.value), during.includes(p) ? 'yes' : ''])
		}
	};
}

export function outcomeSeriesChart(
	points: SeriesPoint[],
	window: CampaignWindow,
	spec: ChartSpec,
	options: ChartOptions
): SVGSVGElement | HTMLElement {
	const data = points.map((p) => ({ ...p, date: new Date(`${p.periodStart}T00:00:00Z`) }));
	return withoutMarkNames(
		Plot.plot({
			document: options.document,
			width: options.width,
			height: 220,
			marginLeft: 60,
			ariaLabel: spec.ariaLabel,
			ariaDescription: spec.caption,
			x: { type: 'utc', label: null },
			y: { grid: true, label: spec.title, tickFormat: (d: number) => formatCount(d), zero: true },
			marks: [
				Plot.rectX([window], {
					x1: () => new Date(`${window.startsOn}T00:00:00Z`),
					x2: () => new Date(`${window.endsOn}T23:59:59Z`),
					fill: CAMPAIGN_FILL,
					fillOpacity: 0.2
				}),
				Plot.lineY(data, { x: 'date', y: 'value', stroke: PALETTE.attendance, strokeWidth: 1.5 }),
				Plot.tip(
					data,
					Plot.pointerX({
						x: 'date',
						y: 'value',
						title: (d: (typeof data)[number]) => `${formatDate(d.periodStart)}: ${formatCount(d.value)}`
					})
				)
			]
		})
	);
}
