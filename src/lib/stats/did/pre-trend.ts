/** Did the promoted and comparison programs move in parallel before promotion began? */
import { fromRows, studentTwoSidedP, weightedLeastSquares } from '../numeric';
import { plural } from '../plural';
import type { ProgramSeries } from './program-series';
import { MIN_PRE_PERIODS, PRE_TREND_ALPHA, type PreTrend } from './types';

type PreTrendOutcome = { ok: true; value: PreTrend } | { ok: false; periods: number };

/**
 * Pre-period buckets of periodDays counted back from the start, or calendar months when too few
 * buckets hold sessions of both arms. Each session is divided by its program's mean before the
 * start, so a period in which big programs happened to meet does not look like a jump.
 */
export function preTrend(
	series: readonly ProgramSeries[],
	start: number,
	periodDays: number,
	warnings: string[]
): PreTrendOutcome {
	const byDays = ({ day }: { day: number }) => {
		const bucket = Math.floor((day - start) / periodDays);
		return { key: bucket, label: new Date((start + bucket * periodDays) * 86_400_000).toISOString().slice(0, 10) };
	};
	const byMonth = ({ date }: { date: string }) => ({
		key: Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)),
		label: date.slice(0, 7)
	});
	const first = periods(series, byDays);
	if (first.length >= MIN_PRE_PERIODS) return { ok: true, value: slopeTest(first) };
	const monthly = periods(series, byMonth);
	if (monthly.length < MIN_PRE_PERIODS) return { ok: false, periods: Math.max(first.length, monthly.length) };
	warnings.push(
		`Pre-trends are checked by calendar month: fewer than ${MIN_PRE_PERIODS} periods of ${plural(periodDays, 'day')} had sessions of both arms.`
	);
	return { ok: true, value: slopeTest(monthly) };
}

interface Period {
	key: number;
	label: string;
	promoted: number;
	comparison: number;
}

function periods(
	series: readonly ProgramSeries[],
	bucketOf: (session: { day: number; date: string }) => { key: number; label: string }
): Period[] {
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
		.map(([key, { label, sums }]) => ({
			key,
			label,
			promoted: (levelPromoted * sums[0]!) / sums[1]!,
			comparison: (levelComparison * sums[2]!) / sums[3]!
		}));
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
