/**
 * Promoted versus not promoted: did programs linked to promotion posts draw more per session after
 * promotion began than comparable unpromoted programs in the same group did over the same dates?
 * A difference-in-differences of log attendance per session, with randomisation inference over
 * programs. One cohort per call: pooling staggered starts in a two-way fixed-effects regression
 * is biased, so callers compare each promotion start with never-promoted programs separately.
 */
import { createRandom } from '../../demo/random';
import { formatCount, formatPValue, formatPercent } from '../../format';
import { plural } from '../plural';
import { NOT_ENOUGH_DATA } from '../its';
import { fromRows, studentTwoSidedP, weightedLeastSquares } from '../numeric';
import { invertTest, permutationP, relabellings, type Stratum } from './permutation';
import { dayNumber } from '../series-dates';

export interface ProgramSession {
	programId: string;
	/** Comparison stratum built by the caller, e.g. category|branch|day-part. */
	group: string;
	/** YYYY-MM-DD session date. */
	date: string;
	attendance: number;
	/** This session had promotion posts; a program with any such session is a promoted program. */
	promoted: boolean;
}

export interface DidOptions {
	/** Date promotion began for the promoted programs; sessions on it count as after. */
	promotionStart: string;
	/** Bucket size of the pre-trend periods, in days; default 7. */
	periodDays?: number;
	/** Relabellings drawn when there are more distinct ones than this; default 2000. */
	permutations?: number;
	seed?: number;
	/** Confidence level of the interval; default 0.95. */
	level?: number;
}

export interface DidGroup {
	group: string;
	/** Valid sessions, before and after the start, of the group's promoted and unpromoted programs. */
	promotedSessions: number;
	comparisonSessions: number;
	/** This group's own DiD ratio; null when it has no usable promoted or comparison program. */
	ratio: number | null;
}

export interface PreTrend {
	/** Attendance per session in each pre-period, adjusted for which programs met in it. */
	periods: { period: string; promoted: number; comparison: number }[];
	/** Slope of log(promoted / comparison) per period: 0.02 is the promoted arm gaining about 2% a period. */
	slopeDifference: number;
	p: number;
	/** Pre-trends not parallel: the slope's p is below PRE_TREND_ALPHA. */
	flagged: boolean;
}

export type DidResult =
	| {
			ok: true;
			/** Promoted programs' attendance per session after/before, relative to comparison programs in the same groups. */
			estimate: { ratio: number; lower: number; upper: number; p: number };
			/** Attendance per promoted session after the start, minus what it would have been at ratio 1. */
			difference: { perSession: number; lower: number; upper: number };
			groups: DidGroup[];
			preTrend: PreTrend;
			warnings: string[];
	  }
	| { ok: false; /** Starts "Not enough data to estimate: ". */ reason: string; warnings: string[] };

/** The sufficiency rules: two programs per arm, five sessions each side per arm, three pre-periods. */
export const MIN_PROGRAMS_PER_ARM = 2;
export const MIN_SESSIONS_PER_SIDE = 5;
export const MIN_PRE_PERIODS = 3;
/** A pre-trend check has little power on a few periods, so it flags at 10%, not 5%. */
export const PRE_TREND_ALPHA = 0.1;

/** One program's sessions in one group: the unit that is promoted or not, and that is relabelled. */
interface ProgramSeries {
	programId: string;
	group: string;
	promoted: boolean;
	sessionsBefore: number;
	sessionsAfter: number;
	attendanceBefore: number;
	attendanceAfter: number;
	/** Sessions before the start, for the pre-trend periods. */
	earlier: { date: string; day: number; attendance: number }[];
	/** Unpromoted sessions from the start on that came before the program's first promoted one. */
	lateStart: number;
}

const list = (names: string[]) => names.slice(0, 3).map((n) => `"${n}"`).join(', ') + (names.length > 3 ? ` and ${formatCount(names.length - 3)} more` : '');

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
	for (const [arm, series] of [['promoted', promoted], ['comparison', comparison]] as const)
		for (const side of ['before', 'after'] as const) {
			const count = series.reduce((sum, s) => sum + (side === 'before' ? s.sessionsBefore : s.sessionsAfter), 0);
			if (count < MIN_SESSIONS_PER_SIDE)
				return fail(`the ${arm} programs have ${plural(count, 'session')} ${side} the start; at least ${MIN_SESSIONS_PER_SIDE} are needed.`);
		}

	const trend = preTrend(usable, start, periodDays, warnings);
	if (!trend.ok)
		return fail(`only ${plural(trend.periods, 'period')} before the start have sessions of both promoted and comparison programs; at least ${MIN_PRE_PERIODS} are needed to check that they moved in parallel.`);

	const strata = stratify(usable);
	const alpha = 1 - level;
	const labels = relabellings(strata.map((s) => s.stratum), permutations, createRandom(seed, 'did-relabelling'));
	// N labellings allow p down to 1/N, or 2/N when arms are equal (the mirror labelling ties); 2/N ≤ alpha keeps the interval bounded.
	if (labels.exact && 2 / labels.distinct > alpha)
		return fail(
			`the promoted and comparison programs can be relabelled only ${plural(labels.distinct, 'way')} within their groups, so no difference could reach ${formatPercent(level, 0)} confidence; add comparable unpromoted programs.`
		);

	const table = labellingTable(strata, labels.labellings);
	const observed = statistic(strata, strata.map((s) => s.treated));
	const pAt = (effect: number) => permutationP(observed.total - effect, table.statistics(effect), labels.exact);
	const bounds = invertTest(pAt, observed.total, alpha);
	const ratio = { ratio: Math.exp(observed.total), lower: Math.exp(bounds.lower), upper: Math.exp(bounds.upper), p: pAt(0) };
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
		warnings.push(`The interval and p = ${formatPValue(ratio.p)} disagree about "no effect": the relabelling test is coarse at these sizes, so read both as borderline.`);
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
	if (start === null) throw new RangeError(`promotionStart must be a date in the form YYYY-MM-DD, not "${options.promotionStart}"`);
	const periodDays = options.periodDays ?? 7;
	const level = options.level ?? 0.95;
	const permutations = options.permutations ?? 2000;
	if (!(Number.isInteger(periodDays) && periodDays >= 1)) throw new RangeError(`periodDays must be a whole number of days, at least 1, not ${periodDays}`);
	if (!(level > 0 && level < 1)) throw new RangeError(`level must be between 0 and 1, not ${level}`);
	if (!(Number.isInteger(permutations) && permutations >= 2 / (1 - level)))
		throw new RangeError(`permutations must be a whole number of at least ${Math.ceil(2 / (1 - level))} for a ${formatPercent(level, 0)} interval, not ${permutations}`);
	return { start, periodDays, permutations, seed: options.seed ?? 1, level };
}

const sum = <T>(items: readonly T[], of: (item: T) => number) => items.reduce((total, item) => total + of(item), 0);

/** Sessions grouped into program series; malformed rows are left out with a warning, not a crash. */
function collectSeries(sessions: readonly ProgramSession[], start: number, warnings: string[]): ProgramSeries[] {
	const byKey = new Map<string, ProgramSeries>();
	const firstPromoted = new Map<string, number>();
	const bad: string[] = [];
	const promotedEarly: string[] = [];
	for (const session of sessions) {
		const day = dayNumber(session.date);
		if (day === null || !(Number.isFinite(session.attendance) && session.attendance >= 0)) {
			bad.push(`${session.programId} on ${session.date}`);
			continue;
		}
		const key = `${session.group}\u0000${session.programId}`;
		let series = byKey.get(key);
		if (!series) {
			series = { programId: session.programId, group: session.group, promoted: false, sessionsBefore: 0, sessionsAfter: 0, attendanceBefore: 0, attendanceAfter: 0, earlier: [], lateStart: 0 };
			byKey.set(key, series);
		}
		if (session.promoted) {
			series.promoted = true;
			if (day < start) promotedEarly.push(`${session.programId} on ${session.date}`);
			else firstPromoted.set(key, Math.min(firstPromoted.get(key) ?? Infinity, day));
		}
		if (day < start) {
			series.sessionsBefore++;
			series.attendanceBefore += session.attendance;
			series.earlier.push({ date: session.date, day, attendance: session.attendance });
		} else {
			series.sessionsAfter++;
			series.attendanceAfter += session.attendance;
		}
	}
	for (const session of sessions) {
		const key = `${session.group}\u0000${session.programId}`;
		const day = dayNumber(session.date);
		const first = firstPromoted.get(key);
		if (day !== null && first !== undefined && day >= start && day < first) byKey.get(key)!.lateStart++;
	}
	if (bad.length) warnings.push(`Left out ${plural(bad.length, 'session')} with a date that is not YYYY-MM-DD or an attendance that is missing or negative: ${list(bad)}.`);
	if (promotedEarly.length)
		warnings.push(
			`${plural(promotedEarly.length, 'session')} marked promoted ${promotedEarly.length === 1 ? 'falls' : 'fall'} before the promotion start (${list(promotedEarly)}); ${promotedEarly.length === 1 ? 'it counts' : 'they count'} as before promotion, which understates any effect.`
		);
	const late = [...byKey.values()].filter((s) => s.lateStart >= 2).map((s) => s.programId);
	if (late.length)
		warnings.push(`Promotion of ${list(late)} began some sessions after the start: if it is a later campaign, estimate that cohort with its own start date.`);
	const programs = new Map<string, Set<string>>();
	for (const s of byKey.values()) programs.set(s.programId, (programs.get(s.programId) ?? new Set()).add(s.group));
	const split = [...programs].filter(([, g]) => g.size > 1).map(([id]) => id);
	if (split.length) warnings.push(`${list(split)} ${split.length === 1 ? 'appears' : 'appear'} in more than one group; each group's sessions are treated as a separate program.`);
	return [...byKey.values()].sort((a, b) => (a.group === b.group ? (a.programId < b.programId ? -1 : 1) : a.group < b.group ? -1 : 1));
}

function summariseGroups(series: readonly ProgramSeries[]): Omit<DidGroup, 'ratio'>[] {
	const groups = new Map<string, Omit<DidGroup, 'ratio'>>();
	for (const s of series) {
		const g = groups.get(s.group) ?? { group: s.group, promotedSessions: 0, comparisonSessions: 0 };
		if (s.promoted) g.promotedSessions += s.sessionsBefore + s.sessionsAfter;
		else g.comparisonSessions += s.sessionsBefore + s.sessionsAfter;
		groups.set(s.group, g);
	}
	return [...groups.values()];
}

/**
 * A program speaks to the difference only with sessions (and some attendance) on both sides of
 * the start, and a group only with programs in both arms; the rest is left out, and said so.
 */
function usableSeries(series: readonly ProgramSeries[], groups: readonly Omit<DidGroup, 'ratio'>[], warnings: string[]): ProgramSeries[] {
	const oneSided = series.filter((s) => s.sessionsBefore === 0 || s.sessionsAfter === 0);
	const empty = series.filter((s) => s.sessionsBefore > 0 && s.sessionsAfter > 0 && (s.attendanceBefore === 0 || s.attendanceAfter === 0));
	if (oneSided.length) warnings.push(`Left out ${list(oneSided.map((s) => s.programId))}: no sessions on one side of the start.`);
	if (empty.length) warnings.push(`Left out ${list(empty.map((s) => s.programId))}: attendance was 0 at every session on one side of the start, so the change is not a ratio.`);
	const paired = series.filter((s) => !oneSided.includes(s) && !empty.includes(s));
	const usable: ProgramSeries[] = [];
	const lonely: string[] = [];
	for (const { group } of groups) {
		const members = paired.filter((s) => s.group === group);
		if (members.some((s) => s.promoted) && members.some((s) => !s.promoted)) usable.push(...members);
		else if (members.some((s) => s.promoted)) lonely.push(group);
	}
	if (lonely.length) warnings.push(`No comparison programs in ${lonely.length === 1 ? 'group' : 'groups'} ${list(lonely)}: ${lonely.length === 1 ? 'its' : 'their'} promoted programs are left out.`);
	return usable;
}

/** One group's programs in a fixed order, with what the statistic needs of each. */
interface GroupStratum {
	group: string;
	stratum: Stratum;
	treated: Uint8Array;
	/** Session count × mean attendance after and before: each program weighs the same on both sides. */
	after: Float64Array;
	before: Float64Array;
	sessionsAfter: Float64Array;
}

function stratify(series: readonly ProgramSeries[]): GroupStratum[] {
	const byGroup = new Map<string, ProgramSeries[]>();
	for (const s of series) byGroup.set(s.group, [...(byGroup.get(s.group) ?? []), s]);
	return [...byGroup].map(([group, members]) => {
		// Fixed weights (all of a program's sessions) so a program meeting more often after the start is not read as growth.
		const weight = (s: ProgramSeries) => s.sessionsBefore + s.sessionsAfter;
		return {
			group,
			stratum: { size: members.length, labelled: members.filter((s) => s.promoted).length },
			treated: Uint8Array.from(members, (s) => (s.promoted ? 1 : 0)),
			after: Float64Array.from(members, (s) => (weight(s) * s.attendanceAfter) / s.sessionsAfter),
			before: Float64Array.from(members, (s) => (weight(s) * s.attendanceBefore) / s.sessionsBefore),
			sessionsAfter: Float64Array.from(members, (s) => s.sessionsAfter)
		};
	});
}

/**
 * Per group, log(promoted after/before) − log(comparison after/before) of program-weighted mean
 * attendance; groups combine weighted by promoted sessions after the start, so the ratio is the
 * effect averaged over the sessions that were promoted.
 */
function statistic(strata: readonly GroupStratum[], labels: readonly Uint8Array[]): { total: number; byGroup: Map<string, number> } {
	const byGroup = new Map<string, number>();
	let weighted = 0;
	let weights = 0;
	strata.forEach((s, g) => {
		const arm = [0, 0, 0, 0];
		let weight = 0;
		labels[g]!.forEach((label, i) => {
			arm[label ? 0 : 2]! += s.after[i]!;
			arm[label ? 1 : 3]! += s.before[i]!;
			if (label) weight += s.sessionsAfter[i]!;
		});
		const logRatio = Math.log(arm[0]! / arm[1]!) - Math.log(arm[2]! / arm[3]!);
		byGroup.set(s.group, Math.exp(logRatio));
		weighted += weight * logRatio;
		weights += weight;
	});
	return { total: weighted / weights, byGroup };
}

/**
 * Testing "promotion multiplied attendance by e^effect" divides the promoted programs' after
 * sessions by e^effect and relabels. Each labelling's arm sums split into the part from truly
 * promoted programs (which scales) and the rest, so one pass here makes each test cheap.
 */
function labellingTable(strata: readonly GroupStratum[], labellings: readonly Uint8Array[]) {
	const groups = strata.length;
	const columns = 6;
	const table = new Float64Array(labellings.length * groups * columns);
	labellings.forEach((labelling, l) => {
		let offset = 0;
		strata.forEach((s, g) => {
			const row = (l * groups + g) * columns;
			let beforePromoted = 0;
			let beforeComparison = 0;
			for (let i = 0; i < s.stratum.size; i++) {
				const arm = labelling[offset + i] ? 0 : 2;
				table[row + arm + (s.treated[i] ? 0 : 1)]! += s.after[i]!;
				if (arm === 0) {
					beforePromoted += s.before[i]!;
					table[row + 5]! += s.sessionsAfter[i]!;
				} else beforeComparison += s.before[i]!;
			}
			table[row + 4] = Math.log(beforeComparison / beforePromoted);
			offset += s.stratum.size;
		});
	});
	return {
		statistics(effect: number): Float64Array {
			const scale = Math.exp(-effect);
			return Float64Array.from(labellings, (_, l) => {
				let weighted = 0;
				let weights = 0;
				for (let g = 0; g < groups; g++) {
					const row = (l * groups + g) * columns;
					const logRatio = Math.log(table[row]! * scale + table[row + 1]!) - Math.log(table[row + 2]! * scale + table[row + 3]!) + table[row + 4]!;
					weighted += table[row + 5]! * logRatio;
					weights += table[row + 5]!;
				}
				return weighted / weights;
			});
		}
	};
}

type PreTrendOutcome = { ok: true; value: PreTrend } | { ok: false; periods: number };

/**
 * Pre-period buckets of periodDays counted back from the start, or calendar months when too few
 * buckets hold sessions of both arms. Each session is divided by its program's mean before the
 * start, so a period in which big programs happened to meet does not look like a jump.
 */
function preTrend(series: readonly ProgramSeries[], start: number, periodDays: number, warnings: string[]): PreTrendOutcome {
	const byDays = ({ day }: { day: number }) => {
		const bucket = Math.floor((day - start) / periodDays);
		return { key: bucket, label: new Date((start + bucket * periodDays) * 86_400_000).toISOString().slice(0, 10) };
	};
	const byMonth = ({ date }: { date: string }) => ({ key: Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)), label: date.slice(0, 7) });
	const first = periods(series, byDays);
	if (first.length >= MIN_PRE_PERIODS) return { ok: true, value: slopeTest(first) };
	const monthly = periods(series, byMonth);
	if (monthly.length < MIN_PRE_PERIODS) return { ok: false, periods: Math.max(first.length, monthly.length) };
	warnings.push(`Pre-trends are checked by calendar month: fewer than ${MIN_PRE_PERIODS} periods of ${plural(periodDays, 'day')} had sessions of both arms.`);
	return { ok: true, value: slopeTest(monthly) };
}

interface Period {
	key: number;
	label: string;
	promoted: number;
	comparison: number;
}

function periods(series: readonly ProgramSeries[], bucketOf: (session: { day: number; date: string }) => { key: number; label: string }): Period[] {
	// Per bucket: attendance and program-mean baseline, promoted arm then comparison arm.
	const buckets = new Map<number, { label: string; sums: number[] }>();
	const armLevel = [0, 0, 0, 0];
	for (const s of series) {
		const baseline = s.attendanceBefore / s.sessionsBefore;
		const arm = s.promoted ? 0 : 2;
		armLevel[arm]! += s.attendanceBefore;
		armLevel[arm + 1]! += s.sessionsBefore;
		for (const session of s.earlier) {
			const { key, label } = bucketOf(session);
			const bucket = buckets.get(key) ?? { label, sums: [0, 0, 0, 0] };
			bucket.sums[arm]! += session.attendance;
			bucket.sums[arm + 1]! += baseline;
			buckets.set(key, bucket);
		}
	}
	// Shown as attendance per session: the arm's mean before the start times the period's index.
	const levelPromoted = armLevel[0]! / armLevel[1]!;
	const levelComparison = armLevel[2]! / armLevel[3]!;
	return [...buckets]
		.filter(([, { sums }]) => sums.every((v) => v > 0))
		.sort(([a], [b]) => a - b)
		.map(([key, { label, sums }]) => ({ key, label, promoted: (levelPromoted * sums[0]!) / sums[1]!, comparison: (levelComparison * sums[2]!) / sums[3]! }));
}

/** Ordinary least squares of the log gap on the period number, with a t test of the slope. */
function slopeTest(buckets: readonly Period[]): PreTrend {
	const gap = buckets.map((p) => Math.log(p.promoted / p.comparison));
	const design = fromRows(buckets.map((p) => [1, p.key]));
	const { beta, inverse } = weightedLeastSquares(design, gap);
	const slope = beta[1]!;
	const df = buckets.length - 2;
	const rss = gap.reduce((total, y, i) => total + (y - beta[0]! - slope * buckets[i]!.key) ** 2, 0);
	const se = Math.sqrt((rss / df) * inverse.data[3]!);
	// A perfect line (constant attendance, a deterministic drift) has no residual spread to test against.
	const p = se > 1e-12 ? studentTwoSidedP(slope / se, df) : Math.abs(slope) > 1e-9 ? 0 : 1;
	return {
		periods: buckets.map(({ label, promoted, comparison }) => ({ period: label, promoted, comparison })),
		slopeDifference: slope,
		p,
		flagged: p < PRE_TREND_ALPHA
	};
}
