/**
 * Lagged cross-correlation between a social series X (posts, reach) and an outcome Y, after
 * prewhitening: an AR(p) model is fitted to X and both series are passed through its filter.
 * Without it, two series that merely drift (as weekly reach and visits do) correlate at every
 * lag. The result is an association to look into, never an effect.
 */
import { formatDecimal } from '../format';
import { normalQuantile } from './numeric';

export interface CcfOptions {
	/** Largest lag of X to pair with Y; default 8. */
	maxLag?: number;
	/** Largest AR order tried for X; default min(8, n/10), or up to the season (at most n/3) with a seasonalPeriod. */
	maxOrder?: number;
	/**
	 * Points per season (12 for monthly series). With two full seasons, each season position's mean
	 * is removed from both series before the AR fit: an AR(8) cannot absorb a 12-month season, whose
	 * shared shape then crosses the band at lags that mean nothing.
	 */
	seasonalPeriod?: number;
	/** Level of the ± band; default 0.95 (±1.96/√n). */
	level?: number;
}

export type CcfResult =
	| {
			ok: true;
			/** AR order chosen for X by AIC, and its coefficients φ₁..φₚ. */
			order: number;
			ar: number[];
			/** Correlation of X at time t with Y at time t + lag. */
			lags: { lag: number; correlation: number; outsideBand: boolean; outsideFamilyBand: boolean }[];
			band: number;
			/** ±band widened for testing every lag at once (Bonferroni): z at 1 − α/(2·lags), over √points. */
			familyBand: number;
			/** Lags expected outside ±band by chance alone: lags × α. */
			expectedByChance: number;
			/** Whether each season position's mean was removed first (see seasonalPeriod). */
			seasonRemoved: boolean;
			points: number;
			/** One sentence on reading many lags at once, for the page. */
			note: string;
	  }
	| { ok: false; reason: string };

/** Fewest points for a correlation at lag 8 to rest on more than a handful of pairs. */
export const MIN_CCF_POINTS = 24;

const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/** Biased sample autocovariances γ₀..γₘ (divided by n), which keep the Toeplitz matrix positive definite. */
export function autocovariances(values: readonly number[], maxLag: number): number[] {
	const m = mean(values);
	const n = values.length;
	return Array.from({ length: maxLag + 1 }, (_, k) => {
		let sum = 0;
		for (let t = k; t < n; t++) sum += (values[t]! - m) * (values[t - k]! - m);
		return sum / n;
	});
}

/**
 * Yule-Walker AR fits of every order up to maxOrder by the Levinson-Durbin recursion; each
 * order's innovation variance comes out of the same pass, which is all AIC needs.
 */
export function levinsonDurbin(
	gamma: readonly number[],
	maxOrder: number
): { coefficients: number[]; variance: number }[] {
	const fits = [{ coefficients: [] as number[], variance: gamma[0]! }];
	let phi: number[] = [];
	let variance = gamma[0]!;
	for (let p = 1; p <= maxOrder; p++) {
		let numerator = gamma[p]!;
		for (let j = 1; j < p; j++) numerator -= phi[j - 1]! * gamma[p - j]!;
		const reflection = numerator / variance;
		phi = [...phi.map((c, j) => c - reflection * phi[p - 2 - j]!), reflection];
		variance *= 1 - reflection * reflection;
		fits.push({ coefficients: phi, variance });
	}
	return fits;
}

export function prewhitenedCcf(x: readonly number[], y: readonly number[], options: CcfOptions = {}): CcfResult {
	if (x.length !== y.length) throw new RangeError(`x has ${x.length} points but y has ${y.length}`);
	const n = x.length;
	const maxLag = options.maxLag ?? 8;
	if ([...x, ...y].some((v) => !Number.isFinite(v)))
		return { ok: false, reason: 'Not enough data to estimate: a value is missing or not a number.' };
	if (n < Math.max(MIN_CCF_POINTS, 3 * maxLag))
		return {
			ok: false,
			reason: `Not enough data to estimate: ${n} points; at least ${Math.max(MIN_CCF_POINTS, 3 * maxLag)} are needed for lags up to ${maxLag}.`
		};
	const period = options.seasonalPeriod;
	if (period !== undefined && !(Number.isInteger(period) && period >= 2))
		throw new RangeError('seasonalPeriod must be a whole number of 2 or more');
	const seasonRemoved = period !== undefined && n >= 2 * period;
	const [sx, sy] = seasonRemoved ? [withoutSeason(x, period), withoutSeason(y, period)] : [x, y];
	const defaultOrder = period ? Math.min(Math.max(8, period), Math.floor(n / 3)) : Math.min(8, Math.floor(n / 10));
	const gamma = autocovariances(sx, Math.min(options.maxOrder ?? defaultOrder, n - 1));
	if (!(gamma[0]! > 0) || autocovariances(sy, 0)[0]! <= 0)
		return { ok: false, reason: 'Not enough data to estimate: one of the series never changes.' };
	const fits = levinsonDurbin(gamma, gamma.length - 1);
	const aic = fits.map((fit, p) => n * Math.log(fit.variance) + 2 * p);
	const order = aic.indexOf(Math.min(...aic));
	const ar = fits[order]!.coefficients;
	const filteredX = applyFilter(sx, ar);
	const filteredY = applyFilter(sy, ar);
	const points = filteredX.length;
	const alpha = 1 - (options.level ?? 0.95);
	const tested = maxLag + 1;
	const band = normalQuantile(1 - alpha / 2) / Math.sqrt(points);
	const familyBand = normalQuantile(1 - alpha / (2 * tested)) / Math.sqrt(points);
	const lags = Array.from({ length: tested }, (_, lag) => {
		const correlation = crossCorrelation(filteredX, filteredY, lag);
		return {
			lag,
			correlation,
			outsideBand: Math.abs(correlation) > band,
			outsideFamilyBand: Math.abs(correlation) > familyBand
		};
	});
	const expectedByChance = tested * alpha;
	const standingOut = lags.filter((l) => l.outsideFamilyBand).length;
	const which = standingOut === 0 ? 'none does' : standingOut === 1 ? '1 does' : `${standingOut} do`;
	const note = `With ${tested} lags tested at once, about ${formatDecimal(expectedByChance, 1)} would cross ±${formatDecimal(band, 2)} by chance alone; only a lag beyond ±${formatDecimal(familyBand, 2)} (that band widened for ${tested} tests) stands out taken together, and ${which}.`;
	return { ok: true, order, ar, lags, band, familyBand, expectedByChance, seasonRemoved, points, note };
}

/** Each value less the mean of its season position (t mod period): the season both series share. */
function withoutSeason(values: readonly number[], period: number): number[] {
	const sums = new Array<number>(period).fill(0);
	const counts = new Array<number>(period).fill(0);
	values.forEach((v, t) => {
		sums[t % period]! += v;
		counts[t % period]! += 1;
	});
	return values.map((v, t) => v - sums[t % period]! / counts[t % period]!);
}

/** eₜ = (vₜ − v̄) − Σₖ φₖ(vₜ₋ₖ − v̄) for t ≥ p: the innovations of X's AR model, applied to either series. */
function applyFilter(values: readonly number[], ar: readonly number[]): number[] {
	const m = mean(values);
	const out: number[] = [];
	for (let t = ar.length; t < values.length; t++) {
		let e = values[t]! - m;
		ar.forEach((phi, k) => (e -= phi * (values[t - k - 1]! - m)));
		out.push(e);
	}
	return out;
}

/** corr(aₜ, bₜ₊ₖ) with full-sample means and standard deviations, as R's ccf computes it. */
function crossCorrelation(a: readonly number[], b: readonly number[], lag: number): number {
	const n = a.length;
	const ma = mean(a);
	const mb = mean(b);
	let sab = 0;
	let saa = 0;
	let sbb = 0;
	for (let t = 0; t < n; t++) {
		saa += (a[t]! - ma) ** 2;
		sbb += (b[t]! - mb) ** 2;
		if (t + lag < n) sab += (a[t]! - ma) * (b[t + lag]! - mb);
	}
	return sab / Math.sqrt(saa * sbb);
}
