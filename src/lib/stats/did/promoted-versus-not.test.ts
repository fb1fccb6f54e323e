import { describe, expect, it } from 'vitest';
import { createRandom } from '../../demo/random';
import { expectClose, reason, success } from '../test-support';
import { promotedVersusNot } from './promoted-versus-not';
import type { ProgramSession } from './types';

const START = '2024-03-04';
const START_DAY = Date.parse(`${START}T00:00:00Z`) / 86_400_000;
const dateOf = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

/** One program's weekly sessions: `before` in the weeks up to the start, `after` from it on. */
function program(
	programId: string,
	group: string,
	promoted: boolean,
	before: number[],
	after: number[]
): ProgramSession[] {
	return [
		...before.map((attendance, i) => ({
			programId,
			group,
			date: dateOf(START_DAY + 7 * (i - before.length)),
			attendance,
			promoted: false
		})),
		...after.map((attendance, i) => ({ programId, group, date: dateOf(START_DAY + 7 * i), attendance, promoted }))
	];
}

const repeat = (value: number, n: number) => Array<number>(n).fill(value);

describe('promoted versus not: hand-checkable cases', () => {
	// One group, four promoted and four comparison programs (70 relabellings), attendance constant within each side.
	const promotedLevels = [10, 12, 14, 16];
	const comparisonLevels = [8, 9, 20, 5];
	const build = (shock: number) => [
		...promotedLevels.flatMap((level, i) =>
			program(`P${i}`, 'Storytime', true, repeat(level, 6), repeat(level * 2 * shock, 4))
		),
		...comparisonLevels.flatMap((level, i) =>
			program(`C${i}`, 'Storytime', false, repeat(level, 6), repeat(level * shock, 4))
		)
	];

	it('promoted programs double, comparison programs do not: ratio 2, gain = the per-session increase', () => {
		const result = success(promotedVersusNot(build(1), { promotionStart: START }));
		// 1e-12: the ratio passes through a log and an exp.
		expectClose(result.estimate.ratio, 2, 1e-12);
		// Promoted sessions after the start average 26 against 13 before: 13 more per session.
		expectClose(result.difference.perSession, 13, 1e-12);
		expect(result.estimate.lower).toBeLessThanOrEqual(2);
		expect(result.estimate.upper).toBeGreaterThanOrEqual(2);
		expect(result.groups).toEqual([
			{ group: 'Storytime', promotedSessions: 40, comparisonSessions: 40, ratio: expect.closeTo(2, 12) }
		]);
		expect(result.preTrend.periods).toHaveLength(6);
		expect(result.preTrend.periods[0]).toEqual({
			period: '2024-01-22',
			promoted: expect.closeTo(13, 12),
			comparison: expect.closeTo(10.5, 12)
		});
		expect(result.preTrend.flagged).toBe(false);
		expect(result.warnings).toEqual([]);
	});

	it('a common shock lifting both arms ×1.5 after the start cancels out: the ratio is still 2', () => {
		const result = success(promotedVersusNot(build(1.5), { promotionStart: START }));
		expectClose(result.estimate.ratio, 2, 1e-12);
		// Promoted sessions average 39 after the start; without promotion they would have had 13 × 1.5 = 19.5.
		expectClose(result.difference.perSession, 19.5, 1e-12);
	});
});

describe('promoted versus not: independent reference', () => {
	/*
	 * Reference: NumPy 2.4.6, written from the definitions rather than from this code. It recomputes
	 * the statistic from the raw sessions for every one of the 10 × 6 = 60 labellings (no factorised
	 * sums), and finds the interval by testing "the effect is θ" on sessions divided by e^θ:
	 *
	 * import numpy as np, itertools
	 * data = {  # group -> program -> (promoted, before, after): the sessions built below
	 *     'Storytime|Central': {'P1': (1, [12, 15, 11, 14], [22, 19, 25]), 'P2': (1, [30, 28, 33, 29], [41, 38]),
	 *                           'C1': (0, [20, 22, 19, 21], [23, 20, 24]), 'C2': (0, [8, 9, 7, 10], [9, 11, 8]), 'C3': (0, [16, 14, 15], [17, 15, 18])},
	 *     'Tech|Eastside': {'P3': (1, [6, 5, 7, 6], [9, 8, 10]), 'P4': (1, [11, 9, 10, 12], [13, 15, 14]),
	 *                       'C4': (0, [7, 8, 6, 7], [8, 7, 9]), 'C5': (0, [13, 12, 14, 13], [12, 14, 13])}}
	 * def stat(labels, effect=0.0):  # labels: group -> set of programs called promoted
	 *     num = den = 0.0; by = {}
	 *     for g, progs in data.items():
	 *         arm = {True: np.zeros(2), False: np.zeros(2)}; W = 0
	 *         for name, (treated, before, after) in progs.items():
	 *             b, a = np.array(before, float), np.array(after, float) / (np.exp(effect) if treated else 1.0)
	 *             w = len(b) + len(a)
	 *             arm[name in labels[g]] += w * np.array([a.mean(), b.mean()])
	 *             W += len(a) if name in labels[g] else 0
	 *         lr = np.log(arm[True][0] / arm[True][1]) - np.log(arm[False][0] / arm[False][1])
	 *         by[g] = np.exp(lr); num += W * lr; den += W
	 *     return num / den, by
	 * actual = {g: {n for n, v in p.items() if v[0]} for g, p in data.items()}
	 * T, by = stat(actual)
	 * every = [dict(zip(data, c)) for c in itertools.product(*[[set(s) for s in itertools.combinations(p, len(actual[g]))] for g, p in data.items()])]
	 * def p_at(effect):
	 *     obs = abs(T - effect)
	 *     return np.mean([abs(stat(l, effect)[0]) >= obs * (1 - 1e-9) - 1e-12 for l in every])
	 * def bound(direction):
	 *     inside, dist = T, 0.05
	 *     while p_at(T + direction * dist) > 0.05: inside = T + direction * dist; dist *= 2
	 *     outside = T + direction * dist
	 *     while abs(outside - inside) > 1e-7:
	 *         mid = (inside + outside) / 2
	 *         if p_at(mid) > 0.05: inside = mid
	 *         else: outside = mid
	 *     return inside
	 * lo, hi = bound(-1), bound(1)
	 * after_mean = np.mean(np.concatenate([v[2] for p in data.values() for v in p.values() if v[0]]))
	 * print(np.exp(T), by, p_at(0), np.exp(lo), np.exp(hi), after_mean * (1 - np.exp(-T)))
	 *
	 * The Tech|Eastside ratio is also exact by hand: (23/16.5)/(21/20) = 920/693.
	 * Tolerances: 1e-12 for closed forms; 1e-6 for the interval, whose ends are found by bisection to 1e-7.
	 */
	const sessions = [
		...program('P1', 'Storytime|Central', true, [12, 15, 11, 14], [22, 19, 25]),
		...program('P2', 'Storytime|Central', true, [30, 28, 33, 29], [41, 38]),
		...program('C1', 'Storytime|Central', false, [20, 22, 19, 21], [23, 20, 24]),
		...program('C2', 'Storytime|Central', false, [8, 9, 7, 10], [9, 11, 8]),
		...program('C3', 'Storytime|Central', false, [16, 14, 15], [17, 15, 18]),
		...program('P3', 'Tech|Eastside', true, [6, 5, 7, 6], [9, 8, 10]),
		...program('P4', 'Tech|Eastside', true, [11, 9, 10, 12], [13, 15, 14]),
		...program('C4', 'Tech|Eastside', false, [7, 8, 6, 7], [8, 7, 9]),
		...program('C5', 'Tech|Eastside', false, [13, 12, 14, 13], [12, 14, 13])
	];

	it('matches the NumPy point estimate, group ratios, exact p, interval and gain', () => {
		const result = success(promotedVersusNot(sessions, { promotionStart: START }));
		expectClose(result.estimate.ratio, 1.321481702961328, 1e-12);
		expectClose(result.groups[0]!.ratio!, 1.314222893524272, 1e-12);
		expectClose(result.groups[1]!.ratio!, 920 / 693, 1e-12);
		expectClose(result.estimate.p, 1 / 60, 1e-12);
		expectClose(result.estimate.lower, 1.137877126681129, 1e-6);
		expectClose(result.estimate.upper, 1.524551592977979, 1e-6);
		expectClose(result.difference.perSession, 4.732778659780551, 1e-12);
		expect(result.groups.map((g) => [g.group, g.promotedSessions, g.comparisonSessions])).toEqual([
			['Storytime|Central', 13, 20],
			['Tech|Eastside', 14, 14]
		]);
	});

	it('gives the same answer whatever the order of the sessions', () => {
		const shuffled = [...sessions].reverse();
		expect(promotedVersusNot(shuffled, { promotionStart: START })).toEqual(
			promotedVersusNot(sessions, { promotionStart: START })
		);
	});
});

describe('promoted versus not: pre-trends', () => {
	it('flags promoted programs that were already gaining on the comparison programs', () => {
		const random = createRandom(7, 'did-pretrend');
		const weekly = (level: number, drift: number, weeks: number, from: number) =>
			Array.from({ length: weeks }, (_, i) => random.poisson(level * Math.exp(drift * (from + i))));
		const sessions = [0, 1, 2].flatMap((i) => [
			...program(`P${i}`, 'Teen', true, weekly(60, 0.05, 12, -12), weekly(60, 0.05, 6, 0)),
			...program(`C${i}`, 'Teen', false, weekly(50, 0, 12, -12), weekly(50, 0, 6, 0)),
			...program(`Q${i}`, 'Teen', false, weekly(40, 0, 12, -12), weekly(40, 0, 6, 0))
		]);
		const result = success(promotedVersusNot(sessions, { promotionStart: START }));
		expect(result.preTrend.periods).toHaveLength(12);
		expect(result.preTrend.flagged).toBe(true);
		expect(result.preTrend.p).toBeLessThan(0.1);
		expect(result.preTrend.slopeDifference).toBeGreaterThan(0.03);
		expect(result.preTrend.slopeDifference).toBeLessThan(0.07);
		expect(result.warnings.join(' ')).toMatch(
			/drifting up against the comparison programs' by about \d+\.\d% a period/
		);
	});

	it('falls back to calendar months when weekly buckets never hold both arms', () => {
		// Promoted programs meet in the first week of each month, comparison programs in the third.
		const months = ['2023-07', '2023-08', '2023-09', '2023-10', '2023-11', '2023-12', '2024-01', '2024-02', '2024-03'];
		const monthly = (programId: string, promoted: boolean, day: string, attendance: number[]) =>
			attendance.map((value, i) => ({
				programId,
				group: 'Book club',
				date: `${months[i]}-${day}`,
				attendance: value,
				promoted: promoted && i >= 6
			}));
		const sessions = [
			...monthly('P1', true, '03', [10, 12, 11, 10, 12, 11, 18, 20, 19]),
			...monthly('P2', true, '05', [20, 21, 19, 20, 22, 21, 30, 29, 31]),
			...monthly('P3', true, '04', [15, 14, 16, 15, 14, 15, 22, 21, 23]),
			...monthly('C1', false, '17', [12, 13, 12, 11, 13, 12, 12, 13, 12]),
			...monthly('C2', false, '19', [25, 24, 26, 25, 24, 26, 25, 24, 25]),
			...monthly('C3', false, '18', [8, 9, 8, 7, 9, 8, 8, 9, 8]),
			...monthly('C4', false, '16', [30, 31, 29, 30, 32, 30, 31, 30, 29]),
			...monthly('C5', false, '20', [5, 6, 5, 4, 6, 5, 5, 6, 5])
		];
		const result = success(promotedVersusNot(sessions, { promotionStart: '2024-01-01' }));
		expect(result.preTrend.periods.map((p) => p.period)).toEqual([
			'2023-07',
			'2023-08',
			'2023-09',
			'2023-10',
			'2023-11',
			'2023-12'
		]);
		expect(result.warnings).toContain(
			'Pre-trends are checked by calendar month: fewer than 3 periods of 7 days had sessions of both arms.'
		);
		// Promoted programs gain about half; comparison programs hold level.
		expect(result.estimate.ratio).toBeGreaterThan(1.4);
		expect(result.estimate.p).toBeLessThan(0.05);
	});
});

describe('promoted versus not: data-sufficiency rules', () => {
	const steady = (id: string, group: string, promoted: boolean, level: number, before = 6, after = 4) =>
		program(
			id,
			group,
			promoted,
			Array.from({ length: before }, (_, i) => level + (i % 3)),
			Array.from({ length: after }, (_, i) => level + 2 + (i % 2))
		);
	const enough = (group = 'Storytime') =>
		[0, 1, 2, 3].flatMap((i) => [...steady(`P${i}`, group, true, 10 + i), ...steady(`C${i}`, group, false, 12 + i)]);

	it('estimates from enough data', () => {
		expect(reason(promotedVersusNot(enough(), { promotionStart: START }))).toBe('estimated');
	});

	it('needs two promoted and two comparison programs', () => {
		const sessions = [
			...steady('P0', 'Storytime', true, 10),
			...[0, 1, 2, 3].flatMap((i) => steady(`C${i}`, 'Storytime', false, 12 + i))
		];
		const result = promotedVersusNot(sessions, { promotionStart: START });
		expect(result).toEqual({
			ok: false,
			reason: expect.stringMatching(/^Not enough data to estimate: 1 promoted program and 4 comparison programs/),
			warnings: []
		});
	});

	it('needs five sessions on each side of the start in each arm', () => {
		const sessions = [0, 1, 2, 3].flatMap((i) => [
			...steady(`P${i}`, 'Storytime', true, 10 + i, 6, 1),
			...steady(`C${i}`, 'Storytime', false, 12 + i)
		]);
		expect(reason(promotedVersusNot(sessions, { promotionStart: START }))).toBe(
			'Not enough data to estimate: the promoted programs have 4 sessions after the start; at least 5 are needed.'
		);
	});

	it('needs three pre-periods with sessions of both arms', () => {
		const sessions = [0, 1, 2, 3].flatMap((i) => [
			...steady(`P${i}`, 'Storytime', true, 10 + i, 2),
			...steady(`C${i}`, 'Storytime', false, 12 + i, 2)
		]);
		expect(reason(promotedVersusNot(sessions, { promotionStart: START }))).toMatch(
			/^Not enough data to estimate: only 2 periods before the start .* at least 3 are needed/
		);
	});

	it('refuses when too few relabellings exist for any result to reach 95%', () => {
		// Three promoted and three comparison programs in one group: 20 labellings, so p ≥ 2/20 = 0.1.
		const sessions = [0, 1, 2].flatMap((i) => [
			...steady(`P${i}`, 'Storytime', true, 10 + i),
			...steady(`C${i}`, 'Storytime', false, 12 + i)
		]);
		expect(reason(promotedVersusNot(sessions, { promotionStart: START }))).toBe(
			'Not enough data to estimate: the promoted and comparison programs can be relabelled only 20 ways within their groups, so no difference could reach 95% confidence; add comparable unpromoted programs.'
		);
		expect(reason(promotedVersusNot(sessions, { promotionStart: START, level: 0.8 }))).toBe('estimated');
	});

	it('leaves out groups without comparison programs, and says so', () => {
		const sessions = [...enough(), ...steady('Lonely', 'Outreach', true, 30)];
		const result = success(promotedVersusNot(sessions, { promotionStart: START }));
		expect(result.groups.find((g) => g.group === 'Outreach')).toEqual({
			group: 'Outreach',
			promotedSessions: 10,
			comparisonSessions: 0,
			ratio: null
		});
		expect(result.warnings).toContain(
			'No comparison programs in group "Outreach": its promoted programs are left out.'
		);
		const only = promotedVersusNot(
			[0, 1, 2].flatMap((i) => steady(`P${i}`, 'Outreach', true, 30)),
			{ promotionStart: START }
		);
		expect(reason(only)).toMatch(/^Not enough data to estimate: 0 promoted programs and 0 comparison programs/);
	});

	it('leaves out malformed sessions and one-sided programs with a warning', () => {
		const sessions: ProgramSession[] = [
			...enough(),
			{ programId: 'P0', group: 'Storytime', date: '2024-02-30', attendance: 5, promoted: false },
			{ programId: 'C0', group: 'Storytime', date: '2024-02-26', attendance: Number.NaN, promoted: false },
			...steady('New', 'Storytime', false, 12, 0, 4)
		];
		const result = success(promotedVersusNot(sessions, { promotionStart: START }));
		expect(result.estimate).toEqual(success(promotedVersusNot(enough(), { promotionStart: START })).estimate);
		expect(result.warnings).toEqual([
			'Left out 2 sessions with a date that is not YYYY-MM-DD or an attendance that is missing or negative: "P0 on 2024-02-30", "C0 on 2024-02-26".',
			'Left out "New": no sessions on one side of the start.'
		]);
	});

	it('warns about promotion before the start and promotion that began later', () => {
		const sessions = enough().map((s) => {
			if (s.programId === 'P0' && s.date === '2024-02-26') return { ...s, promoted: true };
			// P1's posts began with its third session after the start: a later cohort.
			if (s.programId === 'P1' && s.date < '2024-03-18') return { ...s, promoted: false };
			return s;
		});
		const result = success(promotedVersusNot(sessions, { promotionStart: START }));
		expect(result.warnings).toEqual([
			'1 session marked promoted falls before the promotion start ("P0 on 2024-02-26"); it counts as before promotion, which understates any effect.',
			'Promotion of "P1" began some sessions after the start: if it is a later campaign, estimate that cohort with its own start date.'
		]);
	});

	it('treats bad options as the caller’s bug', () => {
		expect(() => promotedVersusNot(enough(), { promotionStart: '4 March 2024' })).toThrow(RangeError);
		expect(() => promotedVersusNot(enough(), { promotionStart: START, level: 1 })).toThrow(RangeError);
		expect(() => promotedVersusNot(enough(), { promotionStart: START, permutations: 10 })).toThrow(RangeError);
	});
});
