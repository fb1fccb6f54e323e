import * as Plot from '@observablehq/plot';
import type { CampaignPeriod } from '../domain/campaigns';
import type { DoorCountDay } from '../domain/library';
import { formatCount, formatDate, formatMonth } from '../format';
import { campaignShading, rangeDomain, type ChartOptions, type ChartSpec, withoutMarkNames } from './chart';
import { branchColourScale } from './palette';

/** `campaigns`: those whose dates meet the days shown, shaded and named in the caption. */
export function doorCountsSpec(days: DoorCountDay[], campaigns: CampaignPeriod[] = []): ChartSpec {
	const byMonth = new Map<string, number>();
	for (const d of days) byMonth.set(d.date.slice(0, 7), (byMonth.get(d.date.slice(0, 7)) ?? 0) + d.visits);
	const months = [...byMonth].sort(([a], [b]) => a.localeCompare(b));
	const busiest = months.reduce<[string, number] | null>((best, m) => (!best || m[1] > best[1] ? m : best), null);
	const total = days.reduce((sum, d) => sum + d.visits, 0);
	const dayCount = new Set(days.map((d) => d.date)).size;
	return {
		title: 'Visits counted at the door',
		caption: busiest
			? `${formatCount(total)} visits over ${formatCount(dayCount)} days, ${formatCount(total / Math.max(dayCount, 1))} a day across branches; the busiest month was ${formatMonth(`${busiest[0]}-01`)} with ${formatCount(busiest[1])}.${campaigns.length > 0 ? ` Campaign periods are shaded (${campaigns.map((c) => c.name).join('; ')}).` : ''}`
			: 'No door counts have been uploaded.',
		ariaLabel: 'Line chart of daily visits counted at the door, one line per branch, smoothed by week',
		table: { columns: ['Month', 'Visits'], rows: months.map(([m, v]) => [formatMonth(`${m}-01`), formatCount(v)]) }
	};
}

/**
 * Daily door counts per branch, with a 7-day average so weekday swings do not hide the trend; each
 * branch in its colour on every page (`allBranches`), campaign periods shaded.
 */
export function doorCountsChart(
	days: DoorCountDay[],
	options: ChartOptions & { campaigns?: CampaignPeriod[]; allBranches?: string[] }
): SVGSVGElement | HTMLElement {
	const data = days.map((d) => ({ ...d, at: new Date(`${d.date}T00:00:00Z`) }));
	const campaigns = options.campaigns ?? [];
	const spec = doorCountsSpec(days, campaigns);
	const branches = options.allBranches ?? [...new Set(days.map((d) => d.branch))].sort();
	return withoutMarkNames(
		Plot.plot({
			document: options.document,
			width: options.width,
			height: 240,
			marginLeft: 56,
			ariaLabel: spec.ariaLabel,
			ariaDescription: spec.caption,
			x: { type: 'utc', label: null, domain: rangeDomain(options.range) },
			y: { grid: true, label: 'Visits a day (7-day average)', tickFormat: (d: number) => formatCount(d) },
			color: { legend: true, ...branchColourScale(branches) },
			marks: [
				campaignShading(campaigns),
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
