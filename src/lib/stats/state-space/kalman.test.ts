import { describe, expect, it } from 'vitest';
import { expectClose } from '../test-support';
import { concentratedLogLikelihood, jointForecast, kalmanFilter, type LinearGaussianModel } from './kalman';

/*
 * Reference for this file: the model's definition written out as dense matrices, with none of the
 * filter's recursions. With α₀ the first state, αₜ = Tᵗα₀ + Σ_{s<t} T^(t−1−s)ηₛ and yₜ = Zₜαₜ + εₜ, so
 *   Cov(yₜ, yᵤ) = Zₜ [Tᵗ P₁ (Tᵘ)' + Σ_{s < min(t,u)} T^(t−1−s) Q (T^(u−1−s))'] Zᵤ' + H·[t = u],
 * and the log-likelihood is the multivariate normal log-density, by Cholesky.
 */
type Dense = number[][];
const zeros = (r: number, c: number): Dense => Array.from({ length: r }, () => new Array<number>(c).fill(0));
const eye = (n: number): Dense => zeros(n, n).map((row, i) => row.map((_, j) => (i === j ? 1 : 0)));
const mul = (a: Dense, b: Dense): Dense =>
	a.map((row) => b[0]!.map((_, j) => row.reduce((s, v, k) => s + v * b[k]![j]!, 0)));
const tr = (a: Dense): Dense => a[0]!.map((_, j) => a.map((row) => row[j]!));
const add = (a: Dense, b: Dense): Dense => a.map((row, i) => row.map((v, j) => v + b[i]![j]!));
const power = (t: Dense, k: number): Dense => (k === 0 ? eye(t.length) : mul(t, power(t, k - 1)));

function choleskyDense(a: Dense): Dense {
	const n = a.length;
	const l = zeros(n, n);
	for (let j = 0; j < n; j++) {
		let d = a[j]![j]!;
		for (let k = 0; k < j; k++) d -= l[j]![k]! ** 2;
		l[j]![j] = Math.sqrt(d);
		for (let i = j + 1; i < n; i++) {
			let s = a[i]![j]!;
			for (let k = 0; k < j; k++) s -= l[i]![k]! * l[j]![k]!;
			l[i]![j] = s / l[j]![j]!;
		}
	}
	return l;
}
const logDet = (a: Dense) => 2 * choleskyDense(a).reduce((s, row, i) => s + Math.log(row[i]!), 0);
/** A⁻¹B by Cholesky, column by column. */
function solve(a: Dense, b: Dense): Dense {
	const l = choleskyDense(a);
	const n = a.length;
	return tr(
		tr(b).map((col) => {
			const x = col.slice();
			for (let i = 0; i < n; i++) {
				for (let k = 0; k < i; k++) x[i]! -= l[i]![k]! * x[k]!;
				x[i]! /= l[i]![i]!;
			}
			for (let i = n - 1; i >= 0; i--) {
				for (let k = i + 1; k < n; k++) x[i]! -= l[k]![i]! * x[k]!;
				x[i]! /= l[i]![i]!;
			}
			return x;
		})
	);
}

/*
 * The model under test: a local linear trend, one trigonometric seasonal pair of period 7 and a
 * regression on x, so every kind of block and a time-varying Zₜ are exercised.
 */
const n = 14;
const x = [3.1, 2.4, 5.0, 4.2, 1.7, 3.3, 6.1, 2.2, 4.8, 3.9, 5.5, 2.9, 4.1, 3.6];
const y = [12.3, 11.0, 16.9, 15.2, 10.1, 14.4, 20.3, 12.8, 18.1, 16.0, 20.2, 14.1, 17.9, 16.6];
const lambda = (2 * Math.PI) / 7;
const [c, s] = [Math.cos(lambda), Math.sin(lambda)];
const T: Dense = [
	[1, 1, 0, 0, 0],
	[0, 1, 0, 0, 0],
	[0, 0, c, s, 0],
	[0, 0, -s, c, 0],
	[0, 0, 0, 0, 1]
];
const q = [0.7, 0.05, 0.3, 0.3, 0];
const H = 2.5;
const Q: Dense = eye(5).map((row, i) => row.map((v) => v * q[i]!));
const zRow = (t: number) => [1, 0, 1, 0, x[t]!];

function model(initial: { state: number[]; covariance: Dense; diffuse: number[] }): LinearGaussianModel {
	return {
		stateSize: 5,
		transition: [
			{ offset: 0, size: 2, matrix: Float64Array.of(1, 1, 0, 1) },
			{ offset: 2, size: 2, matrix: Float64Array.of(c, s, -s, c) }
		],
		design: Float64Array.from(Array.from({ length: n }, (_, t) => zRow(t)).flat()),
		observationVariance: H,
		stateVariance: Float64Array.from(q),
		initialState: Float64Array.from(initial.state),
		initialCovariance: Float64Array.from(initial.covariance.flat()),
		diffuseStates: initial.diffuse
	};
}

/** Cov(yₜ, yᵤ) given the first state's covariance P₁ (0 for the diffuse case's Ω). */
function denseCovariance(p1: Dense, times: number[]): Dense {
	return times.map((t) =>
		times.map((u) => {
			let state = mul(mul(power(T, t), p1), tr(power(T, u)));
			for (let k = 0; k < Math.min(t, u); k++)
				state = add(state, mul(mul(power(T, t - 1 - k), Q), tr(power(T, u - 1 - k))));
			const zt = [zRow(t)];
			return mul(mul(zt, state), tr([zRow(u)]))[0]![0]! + (t === u ? H : 0);
		})
	);
}

const a1 = [10, 0.5, 1, -1, 2];
const P1: Dense = [
	[4, 0.5, 0, 0, 0.2],
	[0.5, 1, 0, 0, 0],
	[0, 0, 2, 0.3, 0],
	[0, 0, 0.3, 2, 0],
	[0.2, 0, 0, 0, 0.5]
];
const times = Array.from({ length: n }, (_, t) => t);

describe('Kalman filter against the dense multivariate normal', () => {
	it('gives the log-density of y for a proper initial state', () => {
		const sigma = denseCovariance(P1, times);
		const mean = times.map((t) => mul([zRow(t)], mul(power(T, t), tr([a1])))[0]![0]!);
		const e = y.map((v, t) => v - mean[t]!);
		const quad = mul([e], solve(sigma, tr([e])))[0]![0]!;
		const reference = -0.5 * (n * Math.log(2 * Math.PI) + logDet(sigma) + quad);
		const run = kalmanFilter(model({ state: a1, covariance: P1, diffuse: [] }), y);
		expect(run.diffuseSteps).toBe(0);
		// Tolerance 1e-10 relative: both sides are exact up to rounding.
		expectClose(run.logLikelihood, reference, 1e-10);
	});

	it('gives the diffuse log-likelihood (de Jong 1991) when every state is diffuse', () => {
		/*
		 * With α₀ = δ unknown, y = Xδ + u, Xₜ = ZₜTᵗ, u ~ N(0, Ω) (Ω: the dense covariance with P₁ = 0).
		 * lim_{κ→∞} [log N(y; 0, Ω + κXX') + (d/2) log κ]
		 *   = −½[n log 2π + log|Ω| + log|X'Ω⁻¹X| + y'Ω⁻¹y − y'Ω⁻¹X(X'Ω⁻¹X)⁻¹X'Ω⁻¹y],
		 * which is D&K's diffuse log-likelihood (7.4); the filter's convention drops ½·d·log 2π.
		 */
		const d = 5;
		const omega = denseCovariance(zeros(5, 5), times);
		const X = times.map((t) => mul([zRow(t)], power(T, t))[0]!);
		const omegaInvX = solve(omega, X);
		const xtOmegaX = mul(tr(X), omegaInvX);
		const xtOmegaY = mul(tr(omegaInvX), tr([y]));
		const yOmegaY = mul([y], solve(omega, tr([y])))[0]![0]!;
		const gls = mul(tr(xtOmegaY), solve(xtOmegaX, xtOmegaY))[0]![0]!;
		const reference = -0.5 * ((n - d) * Math.log(2 * Math.PI) + logDet(omega) + logDet(xtOmegaX) + yOmegaY - gls);
		const run = kalmanFilter(model({ state: [0, 0, 0, 0, 0], covariance: zeros(5, 5), diffuse: [0, 1, 2, 3, 4] }), y);
		expect(run.diffuseSteps).toBe(d);
		expect(run.unresolved).toBe(0);
		expectClose(run.logLikelihood, reference, 1e-8);
	});

	it('forecasts jointly: mean and covariance are those of y after given y before', () => {
		// Reference: the Gaussian conditional Σ₂₂ − Σ₂₁Σ₁₁⁻¹Σ₁₂ and μ₂ + Σ₂₁Σ₁₁⁻¹(y₁ − μ₁) from the dense joint covariance.
		const before = 9;
		const sigma = denseCovariance(P1, times);
		const mean = times.map((t) => mul([zRow(t)], mul(power(T, t), tr([a1])))[0]![0]!);
		const pick = (rows: number[], cols: number[]) => rows.map((i) => cols.map((j) => sigma[i]![j]!));
		const [one, two] = [times.slice(0, before), times.slice(before)];
		const gain = tr(solve(pick(one, one), pick(one, two)));
		const conditionalMean = two.map(
			(t, i) => mean[t]! + gain[i]!.reduce((sum, g, j) => sum + g * (y[j]! - mean[j]!), 0)
		);
		const conditional = add(
			pick(two, two),
			mul(gain, pick(one, two)).map((row) => row.map((v) => -v))
		);
		const m = model({ state: a1, covariance: P1, diffuse: [] });
		const forecast = jointForecast(m, kalmanFilter(m, y, 0, before), before, n);
		two.forEach((_, i) => {
			expectClose(forecast.mean[i]!, conditionalMean[i]!, 1e-10, `mean ${i}`);
			two.forEach((__, j) =>
				expectClose(forecast.covariance[i * two.length + j]!, conditional[i]![j]!, 1e-10, `covariance ${i},${j}`)
			);
		});
	});
});

describe('Kalman filter by hand', () => {
	it('local level, H = 1, q = 1, diffuse start, y = 4 then 7', () => {
		/*
		 * Step 1 (diffuse): F∞ = 1, so a₂ = y₁ = 4; the filtered variance is H = 1, plus q: P₂ = 2.
		 * Step 2: F = P₂ + H = 3, v = 7 − 4 = 3, K = 2/3, a₃ = 4 + 2 = 6, P₃ = 2 − 4/3 + 1 = 5/3.
		 * log L = −½(log 2π + log 3 + 3²/3) (log 2π counted once: one non-diffuse point).
		 */
		const level: LinearGaussianModel = {
			stateSize: 1,
			transition: [],
			design: Float64Array.of(1, 1),
			observationVariance: 1,
			stateVariance: Float64Array.of(1),
			initialState: Float64Array.of(0),
			initialCovariance: Float64Array.of(0),
			diffuseStates: [0]
		};
		const first = kalmanFilter(level, [4, 7], 0, 1);
		expect(first.diffuseSteps).toBe(1);
		expectClose(first.state[0]!, 4, 1e-15);
		expectClose(first.covariance[0]!, 2, 1e-15);
		expect(Math.abs(first.logLikelihood)).toBe(0);
		const both = kalmanFilter(level, [4, 7]);
		expectClose(both.prediction[1]!, 4, 1e-15);
		expectClose(both.variance[1]!, 3, 1e-15);
		expectClose(both.state[0]!, 6, 1e-15);
		expectClose(both.covariance[0]!, 5 / 3, 1e-15);
		expectClose(both.logLikelihood, -0.5 * (Math.log(2 * Math.PI) + Math.log(3) + 3), 1e-15);
		// Concentrated: σ̂² = (9/3)/1 = 3, and the same point as above at σ² = 3, q = 3 (ratios unchanged).
		const concentrated = concentratedLogLikelihood(both);
		expectClose(concentrated.scale, 3, 1e-15);
		expectClose(concentrated.logLikelihood, -0.5 * (Math.log(2 * Math.PI) + Math.log(3) + Math.log(3) + 1), 1e-15);
	});
});
