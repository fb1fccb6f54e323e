/**
 * The cross-check for a branch's outcome: a state-space counterfactual (CausalImpact-lite) that
 * predicts the branch from the same outcome at the other branches, which the campaign did not
 * target. Where the interrupted time series projects the branch's own past forward, this asks how
 * far the branch moved away from its neighbours.
 */
import type { ControlledEstimate } from '../../domain/impact';
import { formatCount, formatPercent } from '../../format';
import { stateSpaceCounterfactual, type StateSpaceResult } from '../../stats';
import type { Database } from '../db/database';
import { outcomeSeries } from './campaigns';

/** Other branches that report the metric, by kind of series. */
async function otherBranches(db: Database, kind: string, name: string, branch: string): Promise<string[]> {
	const sql =
		kind === 'usage'
			? 'SELECT DISTINCT branch FROM usage WHERE metric = $name AND branch IS NOT NULL AND branch <> $branch ORDER BY 1'
			: 'SELECT DISTINCT branch FROM programs WHERE attendance IS NOT NULL AND branch IS NOT NULL AND branch <> $branch ORDER BY 1';
	return (await db.query<{ branch: string }>(sql, kind === 'usage' ? { name, branch } : { branch })).map((row) => row.branch);
}

export async function controlledEstimate(
	db: Database,
	metric: string,
	points: { periodStart: string; value: number }[],
	window: { start: string; end?: string },
	period: 'week' | 'month'
): Promise<ControlledEstimate | null> {
	const [kind, name, branch, match] = metric.split(':');
	if (!kind || !name || !branch || (kind !== 'usage' && kind !== 'programs')) return null;
	const dates = points.map((p) => p.periodStart);
	const controls: { name: string; values: number[] }[] = [];
	for (const other of await otherBranches(db, kind, name, branch)) {
		const series = await outcomeSeries(db, [kind, name, other, ...(match ? [match] : [])].join(':'));
		if (!series) continue;
		const byDate = new Map(series.points.map((p) => [p.periodStart, p.value]));
		// Program weeks without a session are 0; a usage month with no figure leaves that branch out.
		const values = dates.map((date) => byDate.get(date) ?? (kind === 'programs' ? 0 : Number.NaN));
		if (values.some((v) => !Number.isFinite(v)) || values.every((v) => v === values[0])) continue;
		controls.push({ name: other, values });
	}
	if (controls.length === 0) return null;
	let result: StateSpaceResult;
	try {
		result = stateSpaceCounterfactual({ dates, values: points.map((p) => p.value), controls }, { start: window.start, end: window.end, log: true });
	} catch (error) {
		result = { ok: false, reason: `Not enough data to estimate: ${error instanceof Error ? error.message : String(error)}`, warnings: [] };
	}
	return { controls: controls.map((c) => c.name), result, paragraph: describeControlled(result, controls.map((c) => c.name), period) };
}

const signed = (ratio: number) => `${ratio >= 0 ? '+' : '−'}${formatPercent(Math.abs(ratio), 0)}`;

function describeControlled(result: StateSpaceResult, controls: string[], period: string): string {
	const others = controls.length === 1 ? controls[0] : `${controls.slice(0, -1).join(', ')} and ${controls.at(-1)}`;
	if (!result.ok) return `Compared with ${others}: ${result.reason}`;
	const { average } = result.summary;
	const interval = `${signed(average.relativeLower)} to ${signed(average.relativeUpper)}`;
	const verdict =
		average.relativeLower > 0 || average.relativeUpper < 0
			? `${signed(average.relative)} (${interval}) against what ${others} predicted`
			: `${signed(average.relative)} (${interval}) against what ${others} predicted; the interval includes no change, so this comparison cannot tell whether the campaign made a difference`;
	return `Compared with ${others}, which the campaign did not target: ${formatCount(average.actual)} a ${period} against ${formatCount(average.predicted)} predicted from them, ${verdict}. The range is a 95% prediction interval from a state-space model of the branch on the others.`;
}
