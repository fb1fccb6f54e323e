import * as Plot from '@observablehq/plot';
import type { CounterfactualPoint } from '../stats';
import { formatCount, formatDate } from '../format';
import { CAMPAIGN_FILL, PALETTE, type ChartOptions, type ChartSpec, withoutMarkNames } from './chart';

export function impactSpec(label: string, paragraph: string, points: CounterfactualPoint[]): ChartSpec {
	return {
		title: `${label.replace(/^./, (c) => c.toUpperCase())}: observed and expected without the campaign`,
		caption: paragraph.split(/(?<=\.)\s/)[0] ?? paragraph,
		ariaLabel: `Three charts: ${label} observed against the expected counterfactual with its band, the effect each period, and the cumulative effect`,
		table: {
			columns: ['Period starting', 'Observed', 'Expected', 'Expected, low', 'Expected, high', 'Effect'],
			rows: points.map((p) => [
				formatDate(p.date),
				formatCount(p.observed),
				formatCount(p.expected),
				formatCount(p.lower),
				formatCount(p.upper),
				p.post ? formatCount(p.observed - p.expected) : ''
			])
		}
	};
}

/**
 * The three panels users of CausalImpact expect: observed vs counterfactual with its band and a
 * rule at the start; the pointwise effect; the cumulative effect over the post period.
 */
export function impactChart(points: CounterfactualPoint[], options: ChartOptions & { compact?: boolean }): HTMLElement {
	const doc = options.document ?? document;
	const figure = doc.createElement('div');
	const data = points.map((p) => ({ ...p, at: new Date(`${p.date}T00:00:00Z`) }));
	const post = data.filter((p) => p.post);
	const start = post[0]?.at;
	let running = 0;
	let runningLow = 0;
	let runningHigh = 0;
	const cumulative = post.map((p) => {
		running += p.observed - p.expected;
		runningLow += p.observed - p.upper;
		runningHigh += p.observed - p.lower;
		return { at: p.at, value: running, low: runningLow, high: runningHigh };
	});
	const domain = data.length ? [data[0]!.at, data.at(-1)!.at] : undefined;
	// Printed, the three panels (about 390 px at a page's width) fit under a campaign's text and table on one page.
	const [main, minor] = options.compact ? [170, 110] : [220, 150];
	const rule = start ? [Plot.ruleX([start], { stroke: '#555', strokeDasharray: '4,3' })] : [];
	const panel = (title: string, height: number, marks: Plot.Markish[], y: Plot.ScaleOptions = {}) =>
		Plot.plot({
			document: options.document,
			width: options.width,
			height,
			marginLeft: 64,
			ariaLabel: title,
			x: { type: 'utc', label: null, domain },
			y: { grid: true, label: title, tickFormat: (d: number) => formatCount(d), ...y },
			marks
		}) as Node;
	figure.append(
		panel('Observed and expected', main, [
			Plot.areaY(data, { x: 'at', y1: 'lower', y2: 'upper', fill: CAMPAIGN_FILL, fillOpacity: 0.3 }),
			Plot.lineY(data, { x: 'at', y: 'expected', stroke: CAMPAIGN_FILL, strokeWidth: 2, strokeDasharray: '5,3' }),
			Plot.lineY(data, { x: 'at', y: 'observed', stroke: PALETTE.x, strokeWidth: 1.5 }),
			...rule
		]),
		panel('Effect each period', minor, [
			Plot.ruleY([0]),
			Plot.areaY(post, {
				x: 'at',
				y1: (p: (typeof post)[number]) => p.observed - p.upper,
				y2: (p: (typeof post)[number]) => p.observed - p.lower,
				fill: PALETTE.facebook,
				fillOpacity: 0.25
			}),
			Plot.lineY(post, { x: 'at', y: (p: (typeof post)[number]) => p.observed - p.expected, stroke: PALETTE.facebook }),
			...rule
		]),
		panel('Cumulative effect', minor, [
			Plot.ruleY([0]),
			Plot.areaY(cumulative, { x: 'at', y1: 'low', y2: 'high', fill: PALETTE.attendance, fillOpacity: 0.25 }),
			Plot.lineY(cumulative, { x: 'at', y: 'value', stroke: PALETTE.attendance }),
			...rule
		])
	);
	return withoutMarkNames(figure);
}
