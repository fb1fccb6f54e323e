import * as Plot from '@observablehq/plot';
import type { DoorCountDay } from '../domain/library';
import { formatCount, formatDate, formatMonth } from '../format';
import { type ChartOptions, type ChartSpec, withoutMarkNames } from './chart';

const COLORS = ['#1d3557', '#e76f51', '#2a9d8f', '#f4a261', '#457b9d'];

export function doorCountsSpec(days: DoorCountDay[]): ChartSpec {
	const byMonth = new Map<string, number>();
	for (const d of days) byMonth.set(d.date.slice(0, 7), (byMonth.get(d.date.slice(0, 7)) ?? 0) + d.visits);
	const months = [...byMonth].sort(([a], [b]) => a.localeCompare(b));
	const busiest = months.reduce<[string, number] | null>((best, m) => (!best || m[1] > best[1] ? m : best), null);
	const total = days.reduce((sum, d) => sum + d.visits, 0);
	const dayCount = new Set(days.map((d) => d.date)).size;
	return {
		title: 'Visits counted at the door',
		caption: busiest
			? `${formatCount(total)} visits over ${formatCount(dayCount)} days, ${formatCount(total / Math.max(dayCount, 1))} a day across branches; the busiest month was ${formatMonth(`${busiest[0]}-01`)} with ${formatCount(busiest[1])}.`
			: 'No door counts have been uploaded.',
		ariaLabel: 'Line chart of daily visits counted at the door, one line per branch, smoothed by week',
		table: { columns: ['Month', 'Visits'], rows: months.map(([m, v]) => [formatMonth(`${m}-01`), formatCount(v)]) }
	};
}

/** Daily door counts per branch, with a 7-day average so weekday swings do not hide the trend. */
export function doorCountsChart(days: DoorCountDay[], options: ChartOptions): SVGSVGElement | HTMLElement {
	const data = days.map((d) => ({ ...d, at: new Date(`${d.date}T00:00:00Z`) }));
	const spec = doorCountsSpec(days);
	return withoutMarkNames(
		Plot.plot({
			document: options.document,
			width: options.width,
			height: 240,
			marginLeft: 56,
			ariaLabel: spec.ariaLabel,
			ariaDescription: spec.caption,
			x: { type: 'utc', label: null },
			y: { grid: true, label: 'Visits a day (7-day average)', tickFormat: (d: number) => formatCount(d) },
			color: { legend: true, range: COLORS },
			marks: [
				Plot.lineY(data, Plot.windowY({ k: 7, reduce: 'mean' }, { x: 'at', y: 'visits', stroke: 'branch' })),
				Plot.tip(
					data,
					Plot.pointerX({
						x: 'at',
						y: 'visits',
						stroke: 'branch',
						title: (d: (typeof data)[number]) => `${d.branch}, ${formatDate(d.date)}: ${formatCount(d.visits)} visits`
					})
				)
			]
		})
	);
}
