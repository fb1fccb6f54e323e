import * as Plot from '@observablehq/plot';
import type { CampaignPeriod } from '../domain/campaigns';
import type { FunnelFigure, LiteracyWeek, OutcomeAgreement } from '../domain/literacy';
import { formatChange, formatCount, formatDate, formatPercent, relativeChange } from '../format';
import { campaignShading, rangeDomain, type ChartOptions, type ChartSpec, withoutMarkNames } from './chart';
import { branchColourScale } from './palette';

const OUTCOME_LABELS: Record<string, string> = {
	knowledge: 'Learned something new',
	confidence: 'More confident',
	application: 'Intend to apply it',
	awareness: 'More aware of the library'
};
export const outcomeLabel = (outcome: string) => OUTCOME_LABELS[outcome] ?? outcome;

/** One branch's registrations and completions in the range and in the comparison range. */
export interface BranchSummerReading {
	branch: string;
	registrations: number | null;
	previousRegistrations: number | null;
	completions: number | null;
	previousCompletions: number | null;
}

/** The funnel's per-branch totals, largest rise in registrations first. */
export function branchSummerReading(funnel: FunnelFigure[]): BranchSummerReading[] {
	const figure = (branch: string, stage: FunnelFigure['stage']) =>
		funnel.find((row) => row.branch === branch && row.ageGroup === null && row.stage === stage);
	const branches = [...new Set(funnel.filter((row) => row.branch !== null).map((row) => row.branch!))];
	return branches
		.map((branch) => ({
			branch,
			registrations: figure(branch, 'registrations')?.current ?? null,
			previousRegistrations: figure(branch, 'registrations')?.previous ?? null,
			completions: figure(branch, 'completions')?.current ?? null,
			previousCompletions: figure(branch, 'completions')?.previous ?? null
		}))
		.sort(
			(a, b) =>
				(relativeChange(b.registrations, b.previousRegistrations) ?? -Infinity) -
				(relativeChange(a.registrations, a.previousRegistrations) ?? -Infinity)
		);
}

/** "Registrations rose at every branch, most at Riverside (+43.6%) …": the finding a director asks for. */
export function branchFinding(rows: BranchSummerReading[], against: string): string {
	const changes = rows
		.map((row) => ({ ...row, change: relativeChange(row.registrations, row.previousRegistrations) }))
		.filter((row) => row.change !== null);
	if (changes.length === 0) return `No summer-reading registrations to compare with ${against}.`;
	const rose = changes.filter((row) => row.change! > 0);
	const best = changes[0]!;
	const worst = changes[changes.length - 1]!;
	const change = (row: (typeof changes)[number]) =>
		`${formatChange(row.registrations, row.previousRegistrations)}, ${formatCount(row.previousRegistrations)} → ${formatCount(row.registrations)}`;
	const head =
		rose.length === changes.length
			? changes.length === 1
				? `Registrations rose at ${best.branch}`
				: `Registrations rose at every branch against ${against}`
			: rose.length === 0
				? `Registrations fell at every branch against ${against}`
				: `Registrations rose at ${rose.map((row) => row.branch).join(', ')} and fell at ${changes
						.filter((row) => row.change! <= 0)
						.map((row) => row.branch)
						.join(', ')} against ${against}`;
	if (changes.length === 1) return `${head} (${change(best)}).`;
	return `${head}: most at ${best.branch} (${change(best)}), least at ${worst.branch} (${change(worst)}).`;
}

export function branchSummerReadingSpec(rows: BranchSummerReading[], against: string): ChartSpec {
	return {
		title: 'Summer reading registrations by branch',
		caption: branchFinding(rows, against),
		ariaLabel: `Bar chart: summer reading registrations at each branch, this period beside ${against}`,
		table: {
			columns: [
				'Branch',
				'Registered',
				`Registered, ${against}`,
				'Change',
				'Completed',
				`Completed, ${against}`,
				'Completion rate',
				`Completion rate, ${against}`
			],
			rows: rows.map((row) => [
				row.branch,
				formatCount(row.registrations),
				formatCount(row.previousRegistrations),
				formatChange(row.registrations, row.previousRegistrations),
				formatCount(row.completions),
				formatCount(row.previousCompletions),
				formatPercent(ratio(row.completions, row.registrations)),
				formatPercent(ratio(row.previousCompletions, row.previousRegistrations))
			])
		}
	};
}

const ratio = (part: number | null, whole: number | null) => (part !== null && whole ? part / whole : null);

/** Bars side by side per branch: the comparison period pale, this period in the branch's colour. */
export function branchSummerReadingChart(
	rows: BranchSummerReading[],
	options: { width: number; against: string; allBranches: string[]; document?: Document }
): SVGSVGElement | HTMLElement {
	const spec = branchSummerReadingSpec(rows, options.against);
	const periods = [options.against, 'This period'];
	const data = rows.flatMap((row) => [
		{ branch: row.branch, period: options.against, value: row.previousRegistrations ?? 0 },
		{ branch: row.branch, period: 'This period', value: row.registrations ?? 0 }
	]);
	return withoutMarkNames(
		Plot.plot({
			document: options.document,
			width: options.width,
			height: 260,
			marginLeft: 56,
			marginBottom: 40,
			ariaLabel: spec.ariaLabel,
			ariaDescription: spec.caption,
			fx: { label: null, domain: rows.map((row) => row.branch).sort() },
			x: { domain: periods, label: null, axis: null },
			y: { grid: true, label: 'Registered', tickFormat: (d: number) => formatCount(d) },
			color: branchColourScale(options.allBranches),
			marks: [
				Plot.ruleY([0]),
				Plot.barY(data, {
					fx: 'branch',
					x: 'period',
					y: 'value',
					fill: 'branch',
					fillOpacity: (d: (typeof data)[number]) => (d.period === 'This period' ? 1 : 0.35)
				}),
				Plot.text(data, {
					fx: 'branch',
					x: 'period',
					y: 'value',
					text: (d: (typeof data)[number]) => (d.period === 'This period' ? 'now' : 'before'),
					dy: -6,
					fontSize: 10
				}),
				Plot.tip(
					data,
					Plot.pointerX({
						fx: 'branch',
						x: 'period',
						y: 'value',
						title: (d: (typeof data)[number]) => `${d.branch}, ${d.period}: ${formatCount(d.value)} registered`
					})
				)
			]
		})
	);
}

export function summerWeeksSpec(weeks: LiteracyWeek[], against: string): ChartSpec {
	const current = weeks.filter((row) => row.stage === 'registrations' && !row.comparison);
	const byWeek = new Map<string, { now: number; before: number }>();
	for (const row of weeks.filter((w) => w.stage === 'registrations')) {
		const entry = byWeek.get(row.shiftedWeek) ?? { now: 0, before: 0 };
		if (row.comparison) entry.before += row.value;
		else entry.now += row.value;
		byWeek.set(row.shiftedWeek, entry);
	}
	const peak = current.length
		? [...byWeek.entries()].reduce((best, entry) => (entry[1].now > best[1].now ? entry : best))
		: null;
	return {
		title: 'Summer reading registrations week by week',
		caption: peak
			? `Registrations peaked in the week of ${formatDate(peak[0])} at ${formatCount(peak[1].now)} (all branches shown); dashed lines are ${against}, moved onto this period's dates. Campaign periods are shaded.`
			: 'No weekly summer-reading registrations in this period.',
		ariaLabel: `Line chart: summer reading registrations per week at each branch, this period and ${against}`,
		table: {
			columns: ['Week of', 'Registered', `Registered, ${against}`],
			rows: [...byWeek.entries()]
				.sort(([a], [b]) => a.localeCompare(b))
				.map(([week, entry]) => [formatDate(week), formatCount(entry.now), formatCount(entry.before)])
		}
	};
}

/**
 * Each branch's weekly registrations, solid for this period and dashed for the comparison moved
 * onto this period's dates. A line is broken between seasons, so nothing is drawn across the off-season.
 */
export function summerWeeksChart(
	weeks: LiteracyWeek[],
	campaigns: CampaignPeriod[],
	options: ChartOptions & { against: string; allBranches: string[] }
): SVGSVGElement | HTMLElement {
	const spec = summerWeeksSpec(weeks, options.against);
	const data = weeks
		.filter((row) => row.stage === 'registrations')
		.map((row) => ({
			...row,
			date: new Date(`${row.shiftedWeek}T00:00:00Z`),
			// a new series at each season: the off-season has no rows, and a line must not bridge it
			series: `${row.branch}|${row.comparison}|${row.shiftedWeek.slice(0, 4)}`
		}));
	const line = (comparison: boolean) =>
		Plot.lineY(
			data.filter((d) => d.comparison === comparison),
			{
				x: 'date',
				y: 'value',
				z: 'series',
				stroke: 'branch',
				strokeWidth: comparison ? 1.5 : 2.5,
				strokeDasharray: comparison ? '4 3' : undefined,
				strokeOpacity: comparison ? 0.7 : 1,
				clip: true
			}
		);
	return withoutMarkNames(
		Plot.plot({
			document: options.document,
			width: options.width,
			height: 260,
			marginLeft: 56,
			ariaLabel: spec.ariaLabel,
			ariaDescription: spec.caption,
			x: { type: 'utc', label: null, domain: rangeDomain(options.range) },
			y: { grid: true, label: 'Registered per week', tickFormat: (d: number) => formatCount(d), zero: true },
			color: { legend: true, ...branchColourScale(options.allBranches) },
			marks: [
				campaignShading(campaigns),
				Plot.ruleY([0]),
				line(true),
				line(false),
				Plot.tip(
					data,
					Plot.pointerX({
						x: 'date',
						y: 'value',
						stroke: 'branch',
						title: (d: (typeof data)[number]) =>
							`${d.branch}, week of ${formatDate(d.week)}${d.comparison ? ` (${options.against})` : ''}: ${formatCount(d.value)} registered`
					})
				)
			]
		})
	);
}

export function outcomeAgreementSpec(rows: OutcomeAgreement[]): ChartSpec {
	const rated = rows.filter((row) => row.agreeShare !== null && row.responses > 0);
	const lowest = rated.length ? rated.reduce((low, row) => (row.agreeShare! < low.agreeShare! ? row : low)) : null;
	const agreeing = rows.reduce((sum, row) => sum + row.agreeing, 0);
	const answers = rows.reduce((sum, row) => sum + row.responses, 0);
	return {
		title: 'Project Outcome: who agrees, by outcome and topic',
		caption: lowest
			? `${formatPercent(answers ? agreeing / answers : null)} of ${formatCount(answers)} answers agree or strongly agree; the lowest is "${outcomeLabel(lowest.outcome)}" in ${lowest.topic} (${formatPercent(lowest.agreeShare)} of ${formatCount(lowest.responses)}).`
			: 'No Project Outcome answers in this period.',
		ariaLabel: 'Bar chart: share of Project Outcome answers that agree, for each outcome within each survey topic',
		table: {
			columns: ['Topic', 'Outcome', 'Answers', 'Agree or strongly agree', 'Share agreeing'],
			rows: rows.map((row) => [
				row.topic,
				outcomeLabel(row.outcome),
				formatCount(row.responses),
				formatCount(row.agreeing),
				formatPercent(row.agreeShare)
			])
		}
	};
}

export function outcomeAgreementChart(
	rows: OutcomeAgreement[],
	options: { width: number; document?: Document }
): SVGSVGElement | HTMLElement {
	const spec = outcomeAgreementSpec(rows);
	// One bar per topic and outcome, named "Topic: outcome"; the name wraps on a narrow screen.
	const data = rows.map((row) => ({
		...row,
		label: outcomeLabel(row.outcome),
		key: `${row.topic}: ${outcomeLabel(row.outcome)}`
	}));
	const marginLeft = Math.min(220, Math.round(options.width * 0.4));
	return withoutMarkNames(
		Plot.plot({
			document: options.document,
			width: options.width,
			height: 50 + data.length * 36,
			marginLeft,
			marginRight: 72,
			ariaLabel: spec.ariaLabel,
			ariaDescription: spec.caption,
			x: { domain: [0, 1], label: 'Share agreeing', tickFormat: (d: number) => formatPercent(d, 0), grid: true },
			y: { label: null, domain: data.map((d) => d.key), axis: null },
			marks: [
				// lineWidth is in ems of the 11 px labels: the margin less the tick's padding, so long names wrap onto two lines
				Plot.axisY({ lineWidth: Math.max(8, Math.floor((marginLeft - 14) / 11)), fontSize: 11, label: null }),
				Plot.barX(data, { x: 'agreeShare', y: 'key', fill: '#2a9d8f' }),
				Plot.text(data, {
					x: 'agreeShare',
					y: 'key',
					text: (d: (typeof data)[number]) => `${formatPercent(d.agreeShare, 0)} of ${formatCount(d.responses)}`,
					textAnchor: 'start',
					dx: 4
				}),
				Plot.tip(
					data,
					Plot.pointerY({
						x: 'agreeShare',
						y: 'key',
						title: (d: (typeof data)[number]) =>
							`${d.topic}, ${d.label}: ${formatCount(d.agreeing)} of ${formatCount(d.responses)} agree (${formatPercent(d.agreeShare)})`
					})
				)
			]
		})
	);
}
