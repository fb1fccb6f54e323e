import * as Plot from '@observablehq/plot';
import { formatChange, formatCount } from '../format';
import { type ChartSpec, withoutMarkNames } from './chart';

/** One group's figure (a category, an audience, a post format) in the range and in the comparison. */
export interface GroupFigure {
	group: string;
	value: number | null;
	previous: number | null;
}

/** Horizontal bars, largest first, with a tick where the comparison period stood. */
export function groupBarsSpec(
	rows: GroupFigure[],
	options: { title: string; measure: string; groupLabel: string; against: string; extra?: string }
): ChartSpec {
	const sorted = [...rows].sort((a, b) => (b.value ?? 0) - (a.value ?? 0));
	const top = sorted[0];
	const risers = sorted
		.filter((row) => row.value !== null && row.previous)
		.map((row) => ({ ...row, change: row.value! / row.previous! - 1 }))
		.sort((a, b) => b.change - a.change);
	const riser = risers[0];
	const caption = top
		? `${top.group} had the most ${options.measure.toLowerCase()} (${formatCount(top.value)})${
				riser ? `; ${riser.group} grew most on ${options.against} (${formatChange(riser.value, riser.previous)})` : ''
			}.${options.extra ? ` ${options.extra}` : ''}`
		: `No ${options.measure.toLowerCase()} in this period.`;
	return {
		title: options.title,
		caption,
		ariaLabel: `Bar chart: ${options.measure.toLowerCase()} for each ${options.groupLabel.toLowerCase()}, with ${options.against} marked`,
		table: {
			columns: [options.groupLabel, options.measure, `${options.measure}, ${options.against}`, 'Change'],
			rows: sorted.map((row) => [
				row.group,
				formatCount(row.value),
				formatCount(row.previous),
				formatChange(row.value, row.previous)
			])
		}
	};
}

export function groupBarsChart(
	rows: GroupFigure[],
	options: {
		width: number;
		title: string;
		measure: string;
		groupLabel: string;
		against: string;
		/** a colour per group (a platform's, a branch's), else one colour for all */
		colour?: (group: string) => string;
		document?: Document;
	}
): SVGSVGElement | HTMLElement {
	const spec = groupBarsSpec(rows, options);
	const sorted = [...rows].sort((a, b) => (b.value ?? 0) - (a.value ?? 0));
	const marginLeft = Math.min(200, Math.round(options.width * 0.38));
	return withoutMarkNames(
		Plot.plot({
			document: options.document,
			width: options.width,
			height: 40 + sorted.length * 30,
			marginLeft,
			marginRight: 60,
			ariaLabel: spec.ariaLabel,
			ariaDescription: spec.caption,
			x: { grid: true, label: options.measure, tickFormat: (d: number) => formatCount(d) },
			y: { label: null, domain: sorted.map((row) => row.group), axis: null },
			marks: [
				// lineWidth is in ems of the 11 px labels, so a long name wraps inside the margin
				Plot.axisY({ lineWidth: Math.max(8, Math.floor((marginLeft - 14) / 11)), fontSize: 11, label: null }),
				Plot.barX(sorted, {
					x: (d: GroupFigure) => d.value ?? 0,
					y: 'group',
					fill: options.colour ? (d: GroupFigure) => options.colour!(d.group) : '#2a9d8f'
				}),
				Plot.tickX(
					sorted.filter((row) => row.previous !== null),
					{ x: 'previous', y: 'group', stroke: '#1b1f24', strokeWidth: 2, strokeDasharray: '3 2' }
				),
				Plot.text(sorted, {
					x: (d: GroupFigure) => d.value ?? 0,
					y: 'group',
					text: (d: GroupFigure) => formatCount(d.value),
					textAnchor: 'start',
					dx: 4
				}),
				Plot.tip(
					sorted,
					Plot.pointerY({
						x: (d: GroupFigure) => d.value ?? 0,
						y: 'group',
						title: (d: GroupFigure) =>
							`${d.group}: ${formatCount(d.value)} ${options.measure.toLowerCase()} (${formatCount(d.previous)} in ${options.against}, ${formatChange(d.value, d.previous)})`
					})
				)
			]
		})
	);
}
