import { z } from 'zod';
import {
	describeIts,
	interruptedTimeSeries,
	itsAlternatives,
	MIN_POINTS_AFTER,
	modelSensitivity,
	periodIndexOf,
	type ItsOptions,
	type ItsResult
} from '../../stats';
import { IsoDate } from '../../domain/dates';
import { verdictOf, type BranchEffect, type BranchEffects, type ImpactPanelData } from '../../domain/impact';
import { SURVEY_OUTCOMES, usageMetricName } from '../../domain/vocabulary';
import type { Database } from '../db/database';
import { outcomeSeries, seriesName } from './campaigns';
import { controlledEstimate } from './controlled';

export const ImpactOptions = z.object({
	start: IsoDate,
	end: IsoDate.optional(),
	/** the last day of a campaign whose effect is estimated as temporary (see ItsOptions.windowEnd) */
	windowEnd: IsoDate.optional(),
	family: z.enum(['gaussian', 'poisson', 'quasipoisson']).optional(),
	harmonics: z.coerce.number().int().min(0).max(6).optional(),
	period: z.coerce.number().positive().max(400).optional(),
	slope: z.boolean().optional(),
	monthDummies: z.boolean().optional(),
	lag: z.coerce.number().int().min(0).max(26).optional(),
	/** series to use as controls in the state-space cross-check (default: the same outcome at the other branches) */
	controls: z.array(z.string().max(200)).max(6).optional()
});
export type ImpactOptions = z.infer<typeof ImpactOptions>;

/** Results by data version: an import bumps the version, so stale estimates are never served. */
const cache = new Map<string, ImpactPanelData | null>();
const CACHE_LIMIT = 500;

/** An interrupted time series on one stored outcome series, with its paragraph and caveats. */
export async function impactForMetric(
	db: Database,
	metric: string,
	options: ImpactOptions,
	excludeCampaign?: string
): Promise<ImpactPanelData | null> {
	const key = JSON.stringify([db.path, db.scope ?? null, db.dataVersion, metric, options, excludeCampaign ?? null]);
	if (cache.has(key)) return cache.get(key)!;
	const series = await outcomeSeries(db, metric);
	let panel: ImpactPanelData | null = null;
	if (series) {
		// The start falls in the period that contains it (a mid-month start counts its month): the
		// estimators' own rule, so the pages, the CLI and the cross-check agree on the first point.
		const dates = series.points.map((point) => point.periodStart);
		const spacing = series.period === 'month' ? 'monthly' : 'weekly';
		const start = dates[periodIndexOf(dates, spacing, options.start)] ?? options.start;
		const chosen = series.seasonal ? options : temporaryIfShort(series.points, { ...options, start });
		const result =
			series.points.length === 0
				? ({
						ok: false,
						reason: 'Not enough data to estimate: no data has been imported for this series.',
						warnings: []
					} as ItsResult)
				: series.seasonal
					? seasonalIts(series.points, { ...options, start })
					: safeIts(series.points, { ...chosen, start });
		const overlapping = await overlappingCampaigns(
			db,
			metric,
			options.start,
			options.end ?? series.points.at(-1)?.periodStart ?? options.start,
			excludeCampaign
		);
		const controlled =
			series.seasonal || series.points.length === 0
				? null
				: await controlledEstimate(
						db,
						metric,
						series.points,
						{ start, end: chosen.windowEnd ?? chosen.end },
						series.period,
						options.controls
					);
		// The same campaign under the other reasonable specifications, refitted the way the main one was.
		const refit = (changed: Partial<ItsOptions>) =>
			series.seasonal
				? seasonalIts(series.points, { ...options, start, ...changed })
				: safeIts(series.points, { ...chosen, start, ...changed });
		const sensitivity = result.ok
			? modelSensitivity(
					result,
					itsAlternatives(result, refit),
					controlled ? { result: controlled.result, against: controlled.controls.join(', ') } : null
				)
			: null;
		// A campaign whose whole window the data covers was short, not early (a summer series ends with its season).
		const ended =
			options.end !== undefined && coversThrough(series.points.at(-1)?.periodStart, series.period, options.end);
		let paragraph = describeIts(result, { metricLabel: seriesName(series), periodLabel: series.period, ended });
		if (sensitivity && sensitivity.sentences.length > 0) paragraph += ` ${sensitivity.sentences.join(' ')}`;
		if (result.ok && overlapping.length > 0) {
			paragraph += ` Other campaigns aimed at the same outcome ran during this period (${overlapping.join(', ')}), so this estimate mixes their effects with this one's: it cannot tell them apart.`;
		}
		panel = {
			metric,
			label: series.label,
			period: series.period,
			result,
			paragraph,
			overlapping,
			controlled,
			sensitivity
		};
	}
	if (cache.size >= CACHE_LIMIT) cache.clear();
	cache.set(key, panel);
	return panel;
}

/** Whether a series whose last period starts on `last` has data through `end`: that period's last day is on or after it. */
function coversThrough(last: string | undefined, period: 'week' | 'month', end: string): boolean {
	if (!last) return false;
	const start = new Date(`${last}T00:00:00Z`);
	const lastDay =
		period === 'week'
			? new Date(start.getTime() + 6 * 86_400_000)
			: new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 0));
	return lastDay.toISOString().slice(0, 10) >= end;
}

/**
 * A campaign too short for the usual post period (a Library Card Month is one monthly point) is
 * estimated as temporary when the series goes on after it: the months after it are baseline again.
 * Longer campaigns keep the usual design, whose post period ends with the campaign.
 */
function temporaryIfShort(points: { periodStart: string }[], options: ImpactOptions): ImpactOptions {
	const { start, end } = options;
	if (!end || options.windowEnd) return options;
	const inside = points.filter((p) => p.periodStart >= start && p.periodStart <= end).length;
	const after = points.some((p) => p.periodStart > end);
	if (inside === 0 || inside >= MIN_POINTS_AFTER || !after) return options;
	const { end: _, ...rest } = options;
	return { ...rest, windowEnd: end };
}

function safeIts(
	points: { periodStart: string; value: number }[],
	options: ImpactOptions,
	dates = points.map((p) => p.periodStart),
	clock?: number[]
): ItsResult {
	try {
		const { controls: _, ...its } = options;
		return interruptedTimeSeries({ dates, values: points.map((p) => p.value), clock }, its);
	} catch (error) {
		// The estimator throws RangeError for requests it cannot honour (an end before the start, a start outside the data).
		return {
			ok: false,
			reason: `Not enough data to estimate: ${error instanceof Error ? error.message : String(error)}`,
			warnings: []
		};
	}
}

/**
 * A program that runs only part of the year (ten summer weeks) is compared season with season:
 * its weeks are placed back to back, the season's length is the seasonal period, and dates are
 * restored afterwards. Without this the months it does not run would be read as a collapse.
 */
function seasonalIts(points: { periodStart: string; value: number }[], options: ImpactOptions): ItsResult {
	const weekMs = 7 * 86_400_000;
	const runs: number[] = [1];
	// The trend counts seasons, not weeks: every week of a season reads its first week's index, so a
	// season that starts strong and tails off is not read as a decline carried into the next season.
	const clock: number[] = [0];
	for (let i = 1; i < points.length; i += 1) {
		const gap = (Date.parse(points[i]!.periodStart) - Date.parse(points[i - 1]!.periodStart)) / weekMs;
		if (gap === 1) runs[runs.length - 1]! += 1;
		else runs.push(1);
		clock.push(gap === 1 ? clock[i - 1]! : i);
	}
	if (runs.length === 1) return safeIts(points, options);
	const seasonLength = runs.slice().sort((a, b) => a - b)[Math.floor(runs.length / 2)]!;
	const synthetic = points.map((_, i) => new Date(Date.UTC(2001, 0, 1) + i * weekMs).toISOString().slice(0, 10));
	const realToSynthetic = (date: string) => {
		const index = points.findIndex((p) => p.periodStart >= date);
		return index < 0 ? synthetic.at(-1)! : synthetic[index]!;
	};
	const endIndex = options.end ? points.findLastIndex((p) => p.periodStart <= options.end!) : -1;
	const result = safeIts(
		points,
		{
			...options,
			start: realToSynthetic(options.start),
			end: endIndex >= 0 ? synthetic[endIndex] : undefined,
			period: options.period ?? seasonLength,
			harmonics: options.harmonics ?? 2
		},
		synthetic,
		clock
	);
	if (!result.ok) return result;
	const back = new Map(synthetic.map((date, i) => [date, points[i]!.periodStart]));
	return {
		...result,
		options: {
			...result.options,
			start: back.get(result.options.start) ?? result.options.start,
			end: back.get(result.options.end) ?? result.options.end
		},
		counterfactual: result.counterfactual.map((p) => ({ ...p, date: back.get(p.date) ?? p.date })),
		warnings: [
			...result.warnings,
			`Only the weeks the program ran are compared, season with season (${seasonLength} weeks a season); the trend is read from one season to the next.`
		]
	};
}

async function overlappingCampaigns(
	db: Database,
	metric: string,
	from: string,
	to: string,
	exclude?: string
): Promise<string[]> {
	const rows = await db.query<{ name: string }>(
		`SELECT name FROM campaigns WHERE NOT archived AND list_contains(outcome_metrics, $metric)
		   AND starts_on <= CAST($to AS DATE) AND ends_on >= CAST($from AS DATE) AND name IS DISTINCT FROM $exclude ORDER BY starts_on`,
		{ metric, from, to, exclude: exclude ?? null }
	);
	return rows.map((row) => row.name);
}

/** One Impact panel per outcome metric the campaign targets, its window as the post period. */
export async function campaignImpact(
	db: Database,
	campaign: { name: string; startsOn: string; endsOn: string; outcomeMetrics: string[] }
): Promise<ImpactPanelData[]> {
	const panels: ImpactPanelData[] = [];
	for (const metric of campaign.outcomeMetrics) {
		const panel = await impactForMetric(db, metric, { start: campaign.startsOn, end: campaign.endsOn }, campaign.name);
		if (panel) panels.push(panel);
	}
	return panels;
}

/** More branches than this are not estimated on a campaign's page: Explore estimates one at a time. */
export const MOST_BRANCHES_ESTIMATED = 8;

/**
 * Each library-wide outcome a campaign aims to move, estimated again at each branch on that branch's
 * own series (same window, same model choices as the library-wide panel): where the campaign worked.
 * A branch's outcome (programs:attendance:Eastside:storytime) is already one branch's and is skipped.
 * With more than MOST_BRANCHES_ESTIMATED branches, only the campaign's own branches are estimated
 * (when it names few enough); the page points to Explore for the rest.
 */
export async function branchEffects(
	db: Database,
	campaign: { name: string; startsOn: string; endsOn: string; outcomeMetrics: string[]; branches: string[] }
): Promise<BranchEffects[]> {
	const wide = campaign.outcomeMetrics.filter((metric) => metric.split(':').length === 2);
	if (wide.length === 0) return [];
	const known = await explorableSeries(db);
	const effects: BranchEffects[] = [];
	for (const metric of wide) {
		const held = known
			.filter((s) => s.metric.startsWith(`${metric}:`) && s.metric.split(':').length === 3)
			.map((s) => s.metric.split(':')[2]!)
			.sort((a, b) => a.localeCompare(b));
		if (held.length === 0) continue;
		const own = campaign.branches.filter((b) => held.includes(b));
		const chosen = held.length <= MOST_BRANCHES_ESTIMATED ? held : own.length <= MOST_BRANCHES_ESTIMATED ? own : [];
		const branches: BranchEffect[] = [];
		for (const branch of chosen) {
			const panel = await impactForMetric(
				db,
				`${metric}:${branch}`,
				{ start: campaign.startsOn, end: campaign.endsOn },
				campaign.name
			);
			if (!panel) continue;
			const verdict = verdictOf(panel);
			branches.push({
				branch,
				metric: `${metric}:${branch}`,
				verdict,
				average: panel.result.ok ? panel.result.summary.average : null,
				note: !panel.result.ok
					? panel.result.reason
					: verdict === 'inconclusive' && panel.sensitivity?.dependsOnModel
						? 'Reasonable models disagree here.'
						: null
			});
		}
		const library = await impactForMetric(
			db,
			metric,
			{ start: campaign.startsOn, end: campaign.endsOn },
			campaign.name
		);
		effects.push({
			metric,
			// "summer reading registrations": the table says the period itself.
			label: (library?.label ?? metric).replace(/ per (week|month)$/, ''),
			period: library?.period ?? 'month',
			branches,
			branchCount: held.length
		});
	}
	return effects;
}

/** Every series Lantern can analyse, for the Explore page's picker. */
export async function explorableSeries(db: Database): Promise<{ metric: string; label: string }[]> {
	const rows = await db.query<{ metric: string; label: string }>(
		`SELECT DISTINCT 'usage:' || metric AS metric, metric AS label FROM usage
		 UNION SELECT DISTINCT 'usage:' || metric || ':' || branch, metric || ' at ' || branch FROM usage
		 UNION SELECT DISTINCT 'literacy:' || metric, 'summer reading ' || metric FROM literacy
		 UNION SELECT DISTINCT 'literacy:' || metric || ':' || branch, 'summer reading ' || metric || ' at ' || branch FROM literacy WHERE branch IS NOT NULL
		 UNION SELECT DISTINCT 'programs:attendance', 'program attendance' FROM programs WHERE attendance IS NOT NULL
		 UNION SELECT DISTINCT 'programs:attendance:' || branch, 'program attendance at ' || branch FROM programs WHERE attendance IS NOT NULL AND branch IS NOT NULL
		 ${SURVEY_OUTCOMES.map(
				(
					outcome
				) => `UNION SELECT 'surveys:${outcome}', '% of survey respondents agreeing on ${outcome}' WHERE EXISTS (SELECT 1 FROM survey_responses WHERE date IS NOT NULL AND ${outcome} IS NOT NULL)
		 UNION SELECT DISTINCT 'surveys:${outcome}:' || branch, '% of survey respondents agreeing on ${outcome} at ' || branch FROM survey_responses WHERE date IS NOT NULL AND ${outcome} IS NOT NULL AND branch IS NOT NULL`
			).join('\n')}
		 ORDER BY 1`
	);
	return rows.map((row) => ({
		metric: row.metric,
		label: row.metric.startsWith('usage:')
			? row.label.replace(/^\w+/, (name) => usageMetricName(name))
			: row.label.replaceAll('_', ' ')
	}));
}
