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
import { outcomeSeries, seriesName } from './campaigns';

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
	const controls: { name: string; values: number[] }[] = [];
	const left: string[] = [];
	for (const candidate of candidates) {
		const series = await outcomeSeries(db, candidate.metric);
		if (!series) {
			left.push(`${candidate.name} (no such series)`);
			continue;
		}
		const label = chosen?.length ? seriesName(series) : candidate.name;
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
		const byDate = new Map(series.points.map((p) => [p.periodStart, p.value]));
		const values = dates.map((date) => byDate.get(date) ?? (candidate.metric.startsWith('programs:') ? 0 : Number.NaN));
		if (values.some((v) => !Number.isFinite(v))) left.push(`${label} (it does not cover every ${period})`);
		else if (values.every((v) => v === values[0])) left.push(`${label} (it never changes)`);
		else controls.push({ name: label, values });
	}
	if (controls.length === 0) {
		if (!chosen?.length) return null;
		const result: StateSpaceResult = {
			ok: false,
			reason: `Not enough data to estimate: no usable control series; left out: ${left.join(', ')}.`,
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
		(left.length > 0 ? ` Left out as controls: ${left.join(', ')}.` : '');
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
