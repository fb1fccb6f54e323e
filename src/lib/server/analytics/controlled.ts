/**
 * The cross-check for a branch's outcome: a state-space counterfactual (CausalImpact-lite) that
 * predicts the branch from the same outcome at the other branches, which the campaign did not
 * target. Where the interrupted time series projects the branch's own past forward, this asks how
 * far the branch moved away from its neighbours.
 */
import type { ControlledEstimate } from '../../domain/impact';
import { formatCount, formatSignedPercent } from '../../format';
import { stateSpaceCounterfactual, type StateSpaceResult } from '../../stats';
import type { Database } from '../db/database';
import { getSettings } from '../settings';
import { outcomeSeries, seriesName } from './campaigns';
import { PERIOD_PREFERENCE } from './usage-period';

/**
 * The most other branches the default cross-check compares with. A consortium has hundreds of
 * branches: a model on all of them would have more coefficients than the pre-period can support (one
 * parameter per three points) and be refused, after reading every branch's series. Six, as many as a
 * director may pick on Explore, chosen by how closely they moved with the branch before the start.
 */
export const MAX_CONTROL_BRANCHES = 6;

/**
 * The same outcome at every other branch, read in one query, each exactly as `outcomeSeries` reads
 * `usage:<metric>:<branch>` (its preferred granularity summed into months) or
 * `programs:attendance:<branch>[:word]` (held sessions summed by week): date → value, by branch.
 */
export async function otherBranchSeries(
	db: Database,
	kind: 'usage' | 'programs',
	name: string,
	branch: string,
	match: string | undefined
): Promise<Map<string, Map<string, number>>> {
	const rows =
		kind === 'usage'
			? await db.query<{ branch: string; period_start: string; value: number }>(
					`WITH chosen AS (
						SELECT branch, period FROM usage WHERE metric = $name AND branch IS NOT NULL AND branch <> $branch
						GROUP BY branch, period QUALIFY row_number() OVER (PARTITION BY branch ORDER BY ${PERIOD_PREFERENCE}) = 1)
					 SELECT u.branch, strftime(date_trunc('month', u.period_start), '%Y-%m-%d') AS period_start, sum(u.value) AS value
					 FROM usage u JOIN chosen c ON u.branch = c.branch AND u.period = c.period
					 WHERE u.metric = $name GROUP BY 1, 2 ORDER BY 1, 2`,
					{ name, branch }
				)
			: await db.query<{ branch: string; period_start: string; value: number }>(
					`SELECT branch, strftime(date_trunc('week', CAST(timezone($tz, starts_at) AS DATE)), '%Y-%m-%d') AS period_start,
					        sum(attendance) AS value
					 FROM programs WHERE NOT cancelled AND attendance IS NOT NULL AND branch IS NOT NULL AND branch <> $branch
					   AND ($match IS NULL OR title ILIKE '%' || $match || '%' OR coalesce(category, '') ILIKE '%' || $match || '%')
					 GROUP BY 1, 2 ORDER BY 1, 2`,
					{ tz: (await getSettings(db)).timeZone, branch, match: match ?? null }
				);
	const byBranch = new Map<string, Map<string, number>>();
	for (const row of rows) {
		let dates = byBranch.get(row.branch);
		if (!dates) byBranch.set(row.branch, (dates = new Map<string, number>()));
		dates.set(row.period_start, row.value);
	}
	return byBranch;
}

/** Other branches that report the metric, by kind of series. */
async function otherBranches(db: Database, kind: string, name: string, branch: string): Promise<string[]> {
	const sql =
		kind === 'usage'
			? 'SELECT DISTINCT branch FROM usage WHERE metric = $name AND branch IS NOT NULL AND branch <> $branch ORDER BY 1'
			: 'SELECT DISTINCT branch FROM programs WHERE attendance IS NOT NULL AND branch IS NOT NULL AND branch <> $branch ORDER BY 1';
	return (await db.query<{ branch: string }>(sql, kind === 'usage' ? { name, branch } : { branch })).map(
		(row) => row.branch
	);
}

/** Pearson's correlation of two equally long lists; NaN when either does not vary. */
export function correlation(a: readonly number[], b: readonly number[]): number {
	const n = a.length;
	if (n < 2) return Number.NaN;
	let meanA = 0;
	let meanB = 0;
	for (let i = 0; i < n; i += 1) {
		meanA += a[i]! / n;
		meanB += b[i]! / n;
	}
	let ab = 0;
	let aa = 0;
	let bb = 0;
	for (let i = 0; i < n; i += 1) {
		const da = a[i]! - meanA;
		const db = b[i]! - meanB;
		ab += da * db;
		aa += da * da;
		bb += db * db;
	}
	return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : Number.NaN;
}

/**
 * At most `limit` controls: those whose values before `start` correlate most with the outcome's
 * (ties and undefined correlations last, then by name), kept in their original order. Fewer than
 * `limit` come back unchanged.
 */
export function mostSimilarControls<C extends { name: string; values: number[] }>(
	outcome: readonly number[],
	dates: readonly string[],
	start: string,
	controls: readonly C[],
	limit = MAX_CONTROL_BRANCHES
): C[] {
	if (controls.length <= limit) return [...controls];
	const before = dates.filter((date) => date < start).length;
	const pre = outcome.slice(0, before);
	const ranked = controls
		.map((control, index) => ({ index, name: control.name, r: correlation(pre, control.values.slice(0, before)) }))
		.sort((x, y) => {
			const rx = Number.isNaN(x.r) ? -Infinity : x.r;
			const ry = Number.isNaN(y.r) ? -Infinity : y.r;
			return ry - rx || x.name.localeCompare(y.name);
		});
	const kept = new Set(ranked.slice(0, limit).map((entry) => entry.index));
	return controls.filter((_, index) => kept.has(index));
}

/** A long list of left-out series named up to ten, then counted. */
function leftOutList(left: readonly string[]): string {
	return left.length <= 10 ? left.join(', ') : `${left.slice(0, 10).join(', ')} and ${left.length - 10} more`;
}

/**
 * The state-space cross-check of one outcome series. Controls are the metrics named (Explore lets
 * a director pick them), or by default the same outcome at the library's other branches. A control
 * must cover every period of the outcome (program weeks without a session count 0); one that does
 * not, or never changes, is left out and the paragraph says so.
 */
export async function controlledEstimate(
	db: Database,
	metric: string,
	points: { periodStart: string; value: number }[],
	window: { start: string; end?: string },
	period: 'week' | 'month',
	chosen?: readonly string[]
): Promise<ControlledEstimate | null> {
	const [kind, name, branch, match] = metric.split(':');
	let candidates: { metric: string; name: string }[];
	if (chosen && chosen.length > 0) {
		candidates = chosen.filter((m) => m !== metric).map((m) => ({ metric: m, name: m }));
	} else {
		if (!kind || !name || !branch || (kind !== 'usage' && kind !== 'programs')) return null;
		candidates = (await otherBranches(db, kind, name, branch)).map((other) => ({
			metric: [kind, name, other, ...(match ? [match] : [])].join(':'),
			name: other
		}));
	}
	const dates = points.map((p) => p.periodStart);
	let controls: { name: string; values: number[] }[] = [];
	const left: string[] = [];
	const otherSeries =
		!chosen?.length && (kind === 'usage' || kind === 'programs')
			? await otherBranchSeries(db, kind, name!, branch!, match)
			: null;
	for (const candidate of candidates) {
		let byDate: Map<string, number>;
		let label: string;
		if (otherSeries) {
			// Every other branch in one query: a consortium's hundreds of branches cost one read, not hundreds.
			label = candidate.name;
			const found = otherSeries.get(candidate.name);
			if (!found || found.size === 0) {
				left.push(`${label} (no data)`);
				continue;
			}
			byDate = found;
		} else {
			const series = await outcomeSeries(db, candidate.metric);
			if (!series) {
				left.push(`${candidate.name} (no such series)`);
				continue;
			}
			label = chosen?.length ? seriesName(series) : candidate.name;
			if (series.points.length === 0) {
				left.push(`${label} (no data)`);
				continue;
			}
			if (series.period !== period || series.seasonal) {
				left.push(
					`${label} (${series.seasonal ? 'a seasonal series' : `counted by ${series.period}, not by ${period}`})`
				);
				continue;
			}
			byDate = new Map(series.points.map((p) => [p.periodStart, p.value]));
		}
		const values = dates.map((date) => byDate.get(date) ?? (candidate.metric.startsWith('programs:') ? 0 : Number.NaN));
		if (values.some((v) => !Number.isFinite(v))) left.push(`${label} (it does not cover every ${period})`);
		else if (values.every((v) => v === values[0])) left.push(`${label} (it never changes)`);
		else controls.push({ name: label, values });
	}
	const usable = controls.length;
	if (otherSeries)
		controls = mostSimilarControls(
			points.map((p) => p.value),
			dates,
			window.start,
			controls
		);
	if (controls.length === 0) {
		if (!chosen?.length) return null;
		const result: StateSpaceResult = {
			ok: false,
			reason: `Not enough data to estimate: no usable control series; left out: ${leftOutList(left)}.`,
			warnings: []
		};
		return { kind: 'chosen', controls: [], result, paragraph: result.reason };
	}
	let result: StateSpaceResult;
	try {
		result = stateSpaceCounterfactual(
			{ dates, values: points.map((p) => p.value), controls },
			{ start: window.start, end: window.end, log: points.every((p) => p.value >= 0) }
		);
	} catch (error) {
		result = {
			ok: false,
			reason: `Not enough data to estimate: ${error instanceof Error ? error.message : String(error)}`,
			warnings: []
		};
	}
	const names = controls.map((c) => c.name);
	const byBranch = !chosen?.length;
	const paragraph =
		describeControlled(result, names, period, byBranch) +
		(usable > controls.length
			? ` These are the ${controls.length} of ${usable} other branches whose ${period}s before the start moved most closely with this one (the highest correlation).`
			: '') +
		(left.length > 0 ? ` Left out as controls: ${leftOutList(left)}.` : '');
	return { kind: byBranch ? 'branches' : 'chosen', controls: names, result, paragraph };
}

const signed = (ratio: number) => formatSignedPercent(ratio, 0);

function describeControlled(result: StateSpaceResult, controls: string[], period: string, branches: boolean): string {
	const others = controls.length === 1 ? controls[0] : `${controls.slice(0, -1).join(', ')} and ${controls.at(-1)}`;
	if (!result.ok) return `Compared with ${others}: ${result.reason}`;
	const { average } = result.summary;
	const interval = `${signed(average.relativeLower)} to ${signed(average.relativeUpper)}`;
	const verdict =
		average.relativeLower > 0 || average.relativeUpper < 0
			? `${signed(average.relative)} (${interval}) against what ${others} predicted`
			: `${signed(average.relative)} (${interval}) against what ${others} predicted; the interval includes no change, so this comparison cannot tell whether the campaign made a difference`;
	const untouched = branches
		? ', which the campaign did not target'
		: ' (chosen as control series; the estimate assumes the campaign did not move them)';
	return `Compared with ${others}${untouched}: ${formatCount(average.actual)} a ${period} against ${formatCount(average.predicted)} predicted from them, ${verdict}. The range is a 95% prediction interval from a state-space model of this series on ${branches ? 'the others' : 'the controls'}.`;
}
