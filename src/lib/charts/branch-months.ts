import * as Plot from '@observablehq/plot';
import type { CampaignPeriod } from '../domain/campaigns';
import { formatCount, formatMonth } from '../format';
import { campaignShading, rangeDomain, type ChartOptions, type ChartSpec, withoutMarkNames } from './chart';
import { branchColourScale } from './palette';
import type { BranchFigure } from '../domain/other-branches';

/** The line that adds up the branches not drawn by name. */
const OTHERS_COLOUR = '#adb5bd';

/** One figure at one branch in one month (or, with `others`, at that many branches together). */
export type BranchMonth = BranchFigure;

/** "Circulation by branch, month by month": the finding is the busiest branch and its best month. */
export function branchMonthsSpec(rows: BranchMonth[], measure: string): ChartSpec {
	const months = [...new Set(rows.map((row) => row.month))].sort();
	// Branches by name, then the line of the others.
	const branches = [...new Set(rows.map((row) => row.branch))].sort(
		(a, b) => Number(isOthers(rows, a)) - Number(isOthers(rows, b)) || a.localeCompare(b)
	);
	const grouped = rows.find((row) => row.others)?.others;
	const byBranch = branches
		.filter((branch) => !isOthers(rows, branch))
		.map((branch) => ({
			branch,
			total: rows.filter((row) => row.branch === branch).reduce((sum, row) => sum + row.value, 0)
		}))
		.sort((a, b) => b.total - a.total);
	const named = rows.filter((row) => !row.others);
	const peak = named.length ? named.reduce((best, row) => (row.value > best.value ? row : best)) : null;
	const value = (month: string, branch: string) => rows.find((r) => r.month === month && r.branch === branch)?.value;
	return {
		title: `${measure} by branch, month by month`,
		caption:
			peak && byBranch[0]
				? `${byBranch[0].branch} had the most (${formatCount(byBranch[0].total)} in this period); the highest month was ${peak.branch} in ${formatMonth(peak.month)} at ${formatCount(peak.value)}.${grouped ? ` The other ${formatCount(grouped)} branches are one line, added together.` : ''} Campaign periods are shaded.`
				: `No ${measure.toLowerCase()} recorded in this period.`,
		ariaLabel: `Line chart: ${measure.toLowerCase()} per month at each branch`,
		table: {
			columns: ['Month', ...branches, 'All shown'],
			rows: months.map((month) => [
				formatMonth(month),
				...branches.map((branch) => formatCount(value(month, branch))),
				formatCount(rows.filter((r) => r.month === month).reduce((sum, r) => sum + r.value, 0))
			])
		}
	};
}

export function branchMonthsChart(
	rows: BranchMonth[],
	campaigns: CampaignPeriod[],
	options: ChartOptions & { measure: string; allBranches: string[] }
): SVGSVGElement | HTMLElement {
	const spec = branchMonthsSpec(rows, options.measure);
	const data = rows.map((row) => ({ ...row, date: new Date(`${row.month}T00:00:00Z`) }));
	return withoutMarkNames(
		Plot.plot({
			document: options.document,
			width: options.width,
			height: 240,
			marginLeft: 60,
			ariaLabel: spec.ariaLabel,
			ariaDescription: spec.caption,
			x: { type: 'utc', label: null, domain: rangeDomain(options.range) },
			y: { grid: true, label: options.measure, tickFormat: (d: number) => formatCount(d), zero: true },
			color: { legend: true, ...othersColoured(branchColourScale(options.allBranches), rows) },
			marks: [
				campaignShading(campaigns),
				Plot.ruleY([0]),
				Plot.lineY(data, { x: 'date', y: 'value', z: 'branch', stroke: 'branch', strokeWidth: 2 }),
				Plot.dot(data, { x: 'date', y: 'value', fill: 'branch', r: 2.5 }),
				Plot.tip(
					data,
					Plot.pointerX({
						x: 'date',
						y: 'value',
						stroke: 'branch',
						title: (d: (typeof data)[number]) =>
							`${d.branch}, ${formatMonth(d.month)}: ${formatCount(d.value)} ${options.measure.toLowerCase()}`
					})
				)
			]
		})
	);
}

/** The scale of every branch's colour, with the "N other branches" line in grey when the chart has one. */
function othersColoured(scale: { domain: string[]; range: string[] }, rows: BranchMonth[]) {
	const others = rows.find((row) => row.others)?.branch;
	return others ? { domain: [...scale.domain, others], range: [...scale.range, OTHERS_COLOUR] } : scale;
}

const isOthers = (rows: BranchMonth[], branch: string) => rows.some((row) => row.branch === branch && row.others);
