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
 * Each point's run of consecutive periods: a series that runs only part of the year (ten summer
 * weeks) starts a new run after each off-season, so no line is drawn across the months without data.
 */
function runs<T extends { at: Date }>(points: T[]): (T & { run: number })[] {
	const gaps = points.slice(1).map((p, i) => p.at.getTime() - points[i]!.at.getTime());
	const usual = gaps.length ? [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length / 2)]! : 0;
	let run = 0;
	return points.map((p, i) => {
		if (i > 0 && gaps[i - 1]! > usual * 1.5) run += 1;
		return { ...p, run };
	});
}

/**
 * The three panels users of CausalImpact expect: observed vs counterfactual with its band and a
 * rule at the start; the pointwise effect; the cumulative effect over the post period. Lines break
 * where the data does (a season's end); a campaign of one or two periods is drawn as points with
 * their intervals, not as lines it is too short to have; each panel has a tooltip.
 */
export function impactChart(points: CounterfactualPoint[], options: ChartOptions & { compact?: boolean }): HTMLElement {
	const doc = options.document ?? document;
	const figure = doc.createElement('div');
	const data = runs(points.map((p) => ({ ...p, at: new Date(`${p.date}T00:00:00Z`) })));
	const post = data
		.filter((p) => p.post)
		.map((p) => ({ ...p, effect: p.observed - p.expected, low: p.observed - p.upper, high: p.observed - p.lower }));
	const start = post[0]?.at;
	let running = 0;
	let runningLow = 0;
	let runningHigh = 0;
	const cumulative = post.map((p) => {
		running += p.effect;
		runningLow += p.low;
		runningHigh += p.high;
		return { at: p.at, run: p.run, date: p.date, value: running, low: runningLow, high: runningHigh };
	});
	const domain = data.length ? [data[0]!.at, data.at(-1)!.at] : undefined;
	// Printed, the three panels (about 390 px at a page's width) fit under a campaign's text and table on one page.
	const [main, minor] = options.compact ? [170, 110] : [220, 150];
	const rule = start ? [Plot.ruleX([start], { stroke: '#555', strokeDasharray: '4,3' })] : [];
	const range = (low: number, high: number) => `${formatCount(low)} to ${formatCount(high)}`;
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
	/** A band and line over the post period, or, with fewer than three periods, a point and its interval each. */
	const postMarks = <T extends { at: Date; run: number }>(
		rows: T[],
		value: keyof T & string,
		low: keyof T & string,
		high: keyof T & string,
		colour: string
	): Plot.Markish[] =>
		rows.length < 3
			? [
					Plot.ruleX(rows, { x: 'at', y1: low, y2: high, stroke: colour, strokeWidth: 6, strokeOpacity: 0.3 }),
					Plot.dot(rows, { x: 'at', y: value, fill: colour, r: 4 })
				]
			: [
					Plot.areaY(rows, { x: 'at', y1: low, y2: high, z: 'run', fill: colour, fillOpacity: 0.25 }),
					Plot.lineY(rows, { x: 'at', y: value, z: 'run', stroke: colour })
				];
	figure.append(
		panel('Observed and expected', main, [
			Plot.areaY(data, { x: 'at', y1: 'lower', y2: 'upper', z: 'run', fill: CAMPAIGN_FILL, fillOpacity: 0.3 }),
			Plot.lineY(data, {
				x: 'at',
				y: 'expected',
				z: 'run',
				stroke: CAMPAIGN_FILL,
				strokeWidth: 2,
				strokeDasharray: '5,3'
			}),
			Plot.lineY(data, { x: 'at', y: 'observed', z: 'run', stroke: PALETTE.x, strokeWidth: 1.5 }),
			...(post.length < 3 ? [Plot.dot(post, { x: 'at', y: 'observed', fill: PALETTE.x, r: 3 })] : []),
			...rule,
			Plot.tip(
				data,
				Plot.pointerX({
					x: 'at',
					y: 'observed',
					title: (p: (typeof data)[number]) =>
						`${formatDate(p.date)}: ${formatCount(p.observed)} observed, ${formatCount(p.expected)} expected (${range(p.lower, p.upper)})`
				})
			)
		]),
		panel('Effect each period', minor, [
			Plot.ruleY([0]),
			...postMarks(post, 'effect', 'low', 'high', PALETTE.facebook),
			...rule,
			Plot.tip(
				post,
				Plot.pointerX({
					x: 'at',
					y: 'effect',
					title: (p: (typeof post)[number]) =>
						`${formatDate(p.date)}: effect ${formatCount(p.effect)} (${range(p.low, p.high)})`
				})
			)
		]),
		panel('Cumulative effect', minor, [
			Plot.ruleY([0]),
			...postMarks(cumulative, 'value', 'low', 'high', PALETTE.attendance),
			...rule,
			Plot.tip(
				cumulative,
				Plot.pointerX({
					x: 'at',
					y: 'value',
					title: (p: (typeof cumulative)[number]) =>
						`To ${formatDate(p.date)}: ${formatCount(p.value)} in all (${range(p.low, p.high)})`
				})
			)
		])
	);
	return withoutMarkNames(figure);
}
