import * as Plot from '@observablehq/plot';
import type { CampaignPeriod } from '../domain/campaigns';
import type { WeeklyEngagement } from '../domain/overview';
import { PLATFORM_LABELS } from '../domain/vocabulary';
import { formatCount, formatDate } from '../format';
import {
	campaignShading,
	PLATFORM_COLOURS,
	rangeDomain,
	type ChartOptions,
	type ChartSpec,
	withoutMarkNames
} from './chart';

interface WeekTotal {
	week: string;
	engagements: number;
}

function totalsByWeek(rows: WeeklyEngagement[]): WeekTotal[] {
	const byWeek = new Map<string, number>();
	for (const row of rows) byWeek.set(row.week, (byWeek.get(row.week) ?? 0) + row.engagements);
	return [...byWeek].map(([week, engagements]) => ({ week, engagements })).sort((a, b) => a.week.localeCompare(b.week));
}

/** Title, finding, label and table for the weekly engagement chart. */
export function weeklyEngagementSpec(rows: WeeklyEngagement[]): ChartSpec {
	const weeks = totalsByWeek(rows);
	const platforms = [...new Set(rows.map((row) => row.platform))].sort();
	let caption = 'No posts were published in this period, so there is no engagement to show.';
	if (weeks.length > 0) {
		const peak = weeks.reduce((best, week) => (week.engagements > best.engagements ? week : best));
		const total = weeks.reduce((sum, week) => sum + week.engagements, 0);
		caption = `Posts drew ${formatCount(total)} engagements over ${formatCount(weeks.length)} weeks, ${formatCount(total / weeks.length)} a week on average; the busiest week began ${formatDate(peak.week)} with ${formatCount(peak.engagements)}.`;
	}
	return {
		title: 'Weekly engagement',
		caption,
		ariaLabel: 'Line chart of engagements per week by platform',
		table: {
			columns: ['Week of', ...platforms.map((p) => PLATFORM_LABELS[p] ?? p), 'Total'],
			rows: weeks.map((week) => [
				formatDate(week.week),
				...platforms.map((platform) =>
					formatCount(rows.find((r) => r.week === week.week && r.platform === platform)?.engagements ?? 0)
				),
				formatCount(week.engagements)
			])
		}
	};
}

export function weeklyEngagementChart(
	rows: WeeklyEngagement[],
	campaigns: CampaignPeriod[],
	options: ChartOptions
): SVGSVGElement | HTMLElement {
	const data = rows.map((row) => ({
		...row,
		date: new Date(`${row.week}T00:00:00Z`),
		label: PLATFORM_LABELS[row.platform] ?? row.platform
	}));
	// The platforms in the data, in a fixed order, each with its own colour.
	const present = new Set(rows.map((row) => row.platform));
	const platforms = [
		...Object.keys(PLATFORM_LABELS).filter((p) => present.has(p)),
		...[...present].filter((p) => !(p in PLATFORM_LABELS)).sort()
	];
	const spec = weeklyEngagementSpec(rows);
	return withoutMarkNames(
		Plot.plot({
			document: options.document,
			width: options.width,
			height: 260,
			marginLeft: 56,
			ariaLabel: spec.ariaLabel,
			ariaDescription: spec.caption,
			x: { type: 'utc', label: null, domain: rangeDomain(options.range) },
			y: { grid: true, label: 'Engagements', tickFormat: (d: number) => formatCount(d) },
			color: {
				legend: true,
				domain: platforms.map((p) => PLATFORM_LABELS[p] ?? p),
				range: platforms.map((p) => PLATFORM_COLOURS[p] ?? '#6c757d')
			},
			marks: [
				campaignShading(campaigns),
				Plot.ruleY([0]),
				Plot.lineY(data, { x: 'date', y: 'engagements', stroke: 'label', curve: 'monotone-x', clip: true }),
				Plot.tip(
					data,
					Plot.pointerX({
						x: 'date',
						y: 'engagements',
						stroke: 'label',
						title: (d: (typeof data)[number]) =>
							`${d.label}, week of ${formatDate(d.week)}: ${formatCount(d.engagements)} engagements`
					})
				)
			]
		})
	);
}
