/**
 * The Kalman filter for a univariate linear Gaussian state-space model
 *   yₜ = Zₜαₜ + εₜ,  εₜ ~ N(0, H);   αₜ₊₁ = Tαₜ + ηₜ,  ηₜ ~ N(0, diag(q));   α₁ ~ N(a₁, P* + κP∞), κ → ∞,
 * with the exact diffuse initialisation of Durbin & Koopman (2012, §5.2, univariate form): while
 * P∞ ≠ 0 the filter carries the diffuse and proper parts separately, so no "big κ" loses precision.
 *
 * Log-likelihood convention: D&K's diffuse log-likelihood (7.4) less ½·d·log 2π, i.e. log 2π is
 * counted only for the n − d observations that remain once the d diffuse ones have fixed the
 * initial state. This is the value D&K print for the Nile example in ch. 2 (−632.54), and the
 * log-density of the n − d error contrasts; with no diffuse elements it is the ordinary
 * multivariate normal log-density of y.
 */

/** A square block of T on the states offset … offset + size − 1; states outside every block carry over unchanged. */
export interface TransitionBlock {
	offset: number;
	size: number;
	/** size × size, row by row. */
	matrix: Float64Array;
}

export interface LinearGaussianModel {
	stateSize: number;
	transition: readonly TransitionBlock[];
	/** Zₜ for every time point, n × stateSize row by row (time-varying through the control series). */
	design: Float64Array;
	observationVariance: number;
	/** The disturbances of different states are independent: the diagonal of Q. */
	stateVariance: Float64Array;
	initialState: Float64Array;
	/** P*, stateSize × stateSize. */
	initialCovariance: Float64Array;
	/** The states nothing is known about at the start: P∞ is 1 on their diagonal, 0 elsewhere. */
	diffuseStates: readonly number[];
}

export interface FilterRun {
	/** See the convention above; NaN if a prediction variance was not positive. */
	logLikelihood: number;
	/** Steps that went to fixing the diffuse part (F∞ > 0); no prediction is defined there. */
	diffuseSteps: number;
	regularSteps: number;
	sumLogDiffuse: number;
	sumLogVariance: number;
	/** Σ vₜ²/Fₜ over the regular steps. */
	sumSquares: number;
	/** Zₜaₜ, the one-step-ahead prediction, for each filtered point. */
	prediction: Float64Array;
	/** Fₜ, its variance with the observation noise; NaN on diffuse steps. */
	variance: Float64Array;
	/** The predicted state for the point after the last one filtered, and its covariance. */
	state: Float64Array;
	covariance: Float64Array;
	/** Diffuse directions still unresolved at the end: 0 unless the data cannot identify the initial state. */
	unresolved: number;
}

/** Filters y[from … to − 1] (the design rows of the same times). */
export function kalmanFilter(model: LinearGaussianModel, y: ArrayLike<number>, from = 0, to = y.length): FilterRun {
	const m = model.stateSize;
	const H = model.observationVariance;
	const Z = model.design;
	const a = model.initialState.slice();
	const P = model.initialCovariance.slice();
	let diffuseLeft = model.diffuseStates.length;
	let Pinf: Float64Array | null = null;
	if (diffuseLeft > 0) {
		Pinf = new Float64Array(m * m);
		for (const i of model.diffuseStates) Pinf[i * m + i] = 1;
	}
	const Mstar = new Float64Array(m);
	const Minf = new Float64Array(m);
	const scratch = new Float64Array(m);
	const count = to - from;
	const prediction = new Float64Array(count);
	const variance = new Float64Array(count);
	let diffuseSteps = 0;
	let regularSteps = 0;
	let sumLogDiffuse = 0;
	let sumLogVariance = 0;
	let sumSquares = 0;
	let failed = false;
	for (let t = from; t < to; t++) {
		const zo = t * m;
		let mean = 0;
		let zz = 0;
		for (let j = 0; j < m; j++) {
			mean += Z[zo + j]! * a[j]!;
			zz += Z[zo + j]! ** 2;
		}
		const v = y[t]! - mean;
		prediction[t - from] = mean;
		const Fstar = symmetricTimes(P, Z, zo, m, Mstar) + H;
		if (Pinf) {
			const Finf = symmetricTimes(Pinf, Z, zo, m, Minf);
			// Relative to |Zₜ|², so regressors in thousands are judged as fairly as 0/1 ones.
			if (Finf > 1e-9 * Math.max(zz, 1e-300)) {
				diffuseSteps++;
				sumLogDiffuse += Math.log(Finf);
				variance[t - from] = NaN;
				for (let i = 0; i < m; i++) a[i]! += (Minf[i]! * v) / Finf;
				const c = Fstar / (Finf * Finf);
				for (let i = 0; i < m; i++) {
					for (let j = 0; j < m; j++) {
						P[i * m + j]! += Minf[i]! * Minf[j]! * c - (Mstar[i]! * Minf[j]! + Minf[i]! * Mstar[j]!) / Finf;
						Pinf[i * m + j]! -= (Minf[i]! * Minf[j]!) / Finf;
					}
				}
				// Each informative step lowers the rank of P∞ by one; at zero the filter is the ordinary one.
				diffuseLeft--;
				if (diffuseLeft === 0) Pinf = null;
				else predictCovariance(model.transition, Pinf, m, null, scratch);
				predictState(model, a, P, scratch);
				continue;
			}
		}
		if (!(Fstar > 0)) failed = true;
		regularSteps++;
		sumLogVariance += Math.log(Fstar);
		sumSquares += (v * v) / Fstar;
		variance[t - from] = Fstar;
		for (let i = 0; i < m; i++) a[i]! += (Mstar[i]! * v) / Fstar;
		for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) P[i * m + j]! -= (Mstar[i]! * Mstar[j]!) / Fstar;
		if (Pinf) predictCovariance(model.transition, Pinf, m, null, scratch);
		predictState(model, a, P, scratch);
	}
	const logLikelihood = failed
		? NaN
		: -0.5 * (regularSteps * Math.log(2 * Math.PI) + sumLogDiffuse + sumLogVariance + sumSquares);
	return {
		logLikelihood,
		diffuseSteps,
		regularSteps,
		sumLogDiffuse,
		sumLogVariance,
		sumSquares,
		prediction,
		variance,
		state: a,
		covariance: P,
		unresolved: diffuseLeft
	};
}

/**
 * The log-likelihood with the common scale σ² of H and q maximised out, for a run whose variances
 * are ratios to σ²: σ̂² = Σvₜ²/Fₜ / (n − d), so the optimiser searches only the ratios.
 */
export function concentratedLogLikelihood(run: FilterRun): { logLikelihood: number; scale: number } {
	const n = run.regularSteps;
	const scale = run.sumSquares / n;
	const logLikelihood =
		-0.5 * (n * Math.log(2 * Math.PI) + run.sumLogDiffuse + run.sumLogVariance + n * Math.log(scale) + n);
	return { logLikelihood, scale };
}

export interface JointForecast {
	/** Zₜaₜ for each point from … to − 1. */
	mean: Float64Array;
	/** The joint covariance of y over those points, with the observation noise: (to − from)², row by row. */
	covariance: Float64Array;
}

/**
 * Forecasts y over from … to − 1 from a filter's final state, with no further observations. The
 * cross-covariances Cov(yᵢ, yⱼ) = Zⱼ T^(j−i) Pᵢ Zᵢ' are what make the interval of a total honest:
 * consecutive forecast errors share the same unknown level, so they do not cancel out.
 */
export function jointForecast(
	model: LinearGaussianModel,
	start: { state: Float64Array; covariance: Float64Array },
	from: number,
	to: number
): JointForecast {
	const m = model.stateSize;
	const Z = model.design;
	const count = to - from;
	const a = start.state.slice();
	const P = start.covariance.slice();
	const mean = new Float64Array(count);
	const covariance = new Float64Array(count * count);
	const carried = new Float64Array(m);
	const scratch = new Float64Array(m);
	const dot = (t: number, v: Float64Array) => {
		let s = 0;
		for (let j = 0; j < m; j++) s += Z[t * m + j]! * v[j]!;
		return s;
	};
	for (let i = 0; i < count; i++) {
		const t = from + i;
		mean[i] = dot(t, a);
		covariance[i * count + i] = symmetricTimes(P, Z, t * m, m, carried) + model.observationVariance;
		for (let j = i + 1; j < count; j++) {
			applyTransition(model.transition, carried, scratch);
			const c = dot(from + j, carried);
			covariance[i * count + j] = c;
			covariance[j * count + i] = c;
		}
		predictState(model, a, P, scratch);
	}
	return { mean, covariance };
}

/** out = S·z for symmetric S and z = Z[offset … offset + m − 1]; returns z'·S·z. */
function symmetricTimes(S: Float64Array, Z: Float64Array, offset: number, m: number, out: Float64Array): number {
	let quadratic = 0;
	for (let i = 0; i < m; i++) {
		let s = 0;
		for (let j = 0; j < m; j++) s += S[i * m + j]! * Z[offset + j]!;
		out[i] = s;
		quadratic += Z[offset + i]! * s;
	}
	return quadratic;
}

function predictState(model: LinearGaussianModel, a: Float64Array, P: Float64Array, scratch: Float64Array): void {
	applyTransition(model.transition, a, scratch);
	predictCovariance(model.transition, P, model.stateSize, model.stateVariance, scratch);
}

/** v ← T v. */
export function applyTransition(blocks: readonly TransitionBlock[], v: Float64Array, scratch: Float64Array): void {
	for (const { offset, size, matrix } of blocks) {
		for (let r = 0; r < size; r++) {
			let s = 0;
			for (let c = 0; c < size; c++) s += matrix[r * size + c]! * v[offset + c]!;
			scratch[r] = s;
		}
		for (let r = 0; r < size; r++) v[offset + r] = scratch[r]!;
	}
}

/** P ← T P T' + diag(q), block by block, so the identity part (levels, regressions) costs nothing. */
function predictCovariance(
	blocks: readonly TransitionBlock[],
	P: Float64Array,
	m: number,
	q: Float64Array | null,
	scratch: Float64Array
): void {
	for (const { offset, size, matrix } of blocks) {
		// Rows of the block: (T P) restricted to them, column by column.
		for (let j = 0; j < m; j++) {
			for (let r = 0; r < size; r++) {
				let s = 0;
				for (let c = 0; c < size; c++) s += matrix[r * size + c]! * P[(offset + c) * m + j]!;
				scratch[r] = s;
			}
			for (let r = 0; r < size; r++) P[(offset + r) * m + j] = scratch[r]!;
		}
		// Then (T P) T' on the block's columns, row by row.
		for (let i = 0; i < m; i++) {
			for (let r = 0; r < size; r++) {
				let s = 0;
				for (let c = 0; c < size; c++) s += matrix[r * size + c]! * P[i * m + offset + c]!;
				scratch[r] = s;
			}
			for (let r = 0; r < size; r++) P[i * m + offset + r] = scratch[r]!;
		}
	}
	for (let i = 0; i < m; i++) {
		if (q) P[i * m + i]! += q[i]!;
		// Rounding makes (i, j) and (j, i) drift apart over a long series; keep P exactly symmetric.
		for (let j = 0; j < i; j++) {
			const s = 0.5 * (P[i * m + j]! + P[j * m + i]!);
			P[i * m + j] = s;
			P[j * m + i] = s;
		}
	}
}
