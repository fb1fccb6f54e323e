/**
 * Promoted versus not promoted: did programs linked to promotion posts draw more per session after
 * promotion began than comparable unpromoted programs in the same group did over the same dates?
 * A difference-in-differences of log attendance per session, with randomisation inference over
 * programs. One cohort per call: pooling staggered starts in a two-way fixed-effects regression
 * is biased, so callers compare each promotion start with never-promoted programs separately.
 */
import { createRandom } from '../../demo/random';
import { formatPValue, formatPercent } from '../../format';
import { NOT_ENOUGH_DATA } from '../its';
import { plural } from '../plural';
import { dayNumber } from '../series-dates';
import { invertTest, permutationP, relabellings } from './permutation';
import { preTrend } from './pre-trend';
import { collectSeries, summariseGroups, usableSeries } from './program-series';
import { labellingTable, statistic, stratify } from './statistic';
import {
	type DidOptions,
	type DidResult,
	MIN_PROGRAMS_PER_ARM,
	MIN_SESSIONS_PER_SIDE,
	MIN_PRE_PERIODS,
	type ProgramSession
} from './types';

export function promotedVersusNot(sessions: readonly ProgramSession[], options: DidOptions): DidResult {
	const { start, periodDays, permutations, seed, level } = resolve(options);
	const warnings: string[] = [];
	const fail = (reason: string): DidResult => ({ ok: false, reason: NOT_ENOUGH_DATA + reason, warnings });

	const all = collectSeries(sessions, start, warnings);
	const groups = summariseGroups(all);
	const usable = usableSeries(all, groups, warnings);
	const promoted = usable.filter((s) => s.promoted);
	const comparison = usable.filter((s) => !s.promoted);
	if (promoted.length < MIN_PROGRAMS_PER_ARM || comparison.length < MIN_PROGRAMS_PER_ARM)
		return fail(
			`${plural(promoted.length, 'promoted program')} and ${plural(comparison.length, 'comparison program')} have sessions before and after the start in a group that has both; at least ${MIN_PROGRAMS_PER_ARM} of each are needed.`
		);
	for (const [arm, series] of [
		['promoted', promoted],
		['comparison', comparison]
	] as const)
		for (const side of ['before', 'after'] as const) {
			const count = series.reduce((sum, s) => sum + (side === 'before' ? s.sessionsBefore : s.sessionsAfter), 0);
			if (count < MIN_SESSIONS_PER_SIDE)
				return fail(
					`the ${arm} programs have ${plural(count, 'session')} ${side} the start; at least ${MIN_SESSIONS_PER_SIDE} are needed.`
				);
		}

	const trend = preTrend(usable, start, periodDays, warnings);
	if (!trend.ok)
		return fail(
			`only ${plural(trend.periods, 'period')} before the start have sessions of both promoted and comparison programs; at least ${MIN_PRE_PERIODS} are needed to check that they moved in parallel.`
		);

	const strata = stratify(usable);
	const alpha = 1 - level;
	const labels = relabellings(
		strata.map((s) => s.stratum),
		permutations,
		createRandom(seed, 'did-relabelling')
	);
	// N labellings allow p down to 1/N, or 2/N when arms are equal (the mirror labelling ties); 2/N ≤ alpha keeps the interval bounded.
	if (labels.exact && 2 / labels.distinct > alpha)
		return fail(
			`the promoted and comparison programs can be relabelled only ${plural(labels.distinct, 'way')} within their groups, so no difference could reach ${formatPercent(level, 0)} confidence; add comparable unpromoted programs.`
		);

	const table = labellingTable(strata, labels.labellings);
	const observed = statistic(
		strata,
		strata.map((s) => s.treated)
	);
	const pAt = (effect: number) => permutationP(observed.total - effect, table.statistics(effect), labels.exact);
	const bounds = invertTest(pAt, observed.total, alpha);
	const ratio = {
		ratio: Math.exp(observed.total),
		lower: Math.exp(bounds.lower),
		upper: Math.exp(bounds.upper),
		p: pAt(0)
	};
	const afterMean = sum(promoted, (s) => s.attendanceAfter) / sum(promoted, (s) => s.sessionsAfter);
	// Actual minus actual/ratio: the counterfactual is what is uncertain, and one mapping keeps both intervals consistent.
	const gain = (r: number) => afterMean * (1 - 1 / r);

	if (trend.value.flagged)
		warnings.push(
			`Before promotion began, the promoted programs' attendance was drifting ${trend.value.slopeDifference > 0 ? 'up' : 'down'} against the comparison programs' by about ${formatPercent(Math.abs(Math.expm1(trend.value.slopeDifference)))} a period (p = ${formatPValue(trend.value.p)}): the comparison may not show what would have happened without promotion.`
		);
	if (!Number.isFinite(bounds.lower) || !Number.isFinite(bounds.upper))
		warnings.push('The interval is unbounded on one side: the data rule out no effect size in that direction.');
	if ((ratio.lower > 1 || ratio.upper < 1) !== ratio.p <= alpha)
		warnings.push(
			`The interval and p = ${formatPValue(ratio.p)} disagree about "no effect": the relabelling test is coarse at these sizes, so read both as borderline.`
		);
	return {
		ok: true,
		estimate: ratio,
		difference: { perSession: gain(ratio.ratio), lower: gain(ratio.lower), upper: gain(ratio.upper) },
		groups: groups.map((g) => ({ ...g, ratio: observed.byGroup.get(g.group) ?? null })),
		preTrend: trend.value,
		warnings
	};
}

/** Options that are the caller's bug, not a property of the data, throw. */
function resolve(options: DidOptions) {
	const start = dayNumber(options.promotionStart);
	if (start === null)
		throw new RangeError(`promotionStart must be a date in the form YYYY-MM-DD, not "${options.promotionStart}"`);
	const periodDays = options.periodDays ?? 7;
	const level = options.level ?? 0.95;
	const permutations = options.permutations ?? 2000;
	if (!(Number.isInteger(periodDays) && periodDays >= 1))
		throw new RangeError(`periodDays must be a whole number of days, at least 1, not ${periodDays}`);
	if (!(level > 0 && level < 1)) throw new RangeError(`level must be between 0 and 1, not ${level}`);
	if (!(Number.isInteger(permutations) && permutations >= 2 / (1 - level)))
		throw new RangeError(
			`permutations must be a whole number of at least ${Math.ceil(2 / (1 - level))} for a ${formatPercent(level, 0)} interval, not ${permutations}`
		);
	return { start, periodDays, permutations, seed: options.seed ?? 1, level };
}

const sum = <T>(items: readonly T[], of: (item: T) => number) => items.reduce((total, item) => total + of(item), 0);
