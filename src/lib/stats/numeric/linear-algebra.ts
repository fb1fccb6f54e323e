/**
 * The few dense-matrix operations the estimators need. Least squares goes through a Householder
 * QR of the (weighted) design rather than the normal equations, because forming XᵀX squares the
 * condition number and a trend column next to 0/1 steps is exactly where that bites.
 */

/** A dense matrix stored row by row. */
export interface Matrix {
	rows: number;
	cols: number;
	data: Float64Array;
}

export function matrix(rows: number, cols: number): Matrix {
	return { rows, cols, data: new Float64Array(rows * cols) };
}

export function fromRows(values: readonly (readonly number[])[]): Matrix {
	const rows = values.length;
	const cols = values[0]?.length ?? 0;
	const result = matrix(rows, cols);
	values.forEach((row, i) => {
		if (row.length !== cols) throw new Error(`Row ${i} has ${row.length} columns, expected ${cols}`);
		result.data.set(row, i * cols);
	});
	return result;
}

export function toRows(m: Matrix): number[][] {
	return Array.from({ length: m.rows }, (_, i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
}

export function get(m: Matrix, i: number, j: number): number {
	return m.data[i * m.cols + j]!;
}

/** Row i of m times vector v. */
export function rowDot(m: Matrix, i: number, v: ArrayLike<number>): number {
	let sum = 0;
	const offset = i * m.cols;
	for (let j = 0; j < m.cols; j++) sum += m.data[offset + j]! * v[j]!;
	return sum;
}

export function multiplyVector(m: Matrix, v: ArrayLike<number>): Float64Array {
	const out = new Float64Array(m.rows);
	for (let i = 0; i < m.rows; i++) out[i] = rowDot(m, i, v);
	return out;
}

export function multiply(a: Matrix, b: Matrix): Matrix {
	if (a.cols !== b.rows) throw new Error(`Cannot multiply ${a.rows}×${a.cols} by ${b.rows}×${b.cols}`);
	const out = matrix(a.rows, b.cols);
	for (let i = 0; i < a.rows; i++) {
		for (let k = 0; k < a.cols; k++) {
			const aik = a.data[i * a.cols + k]!;
			if (aik === 0) continue;
			for (let j = 0; j < b.cols; j++) out.data[i * b.cols + j]! += aik * b.data[k * b.cols + j]!;
		}
	}
	return out;
}

export function scale(m: Matrix, factor: number): Matrix {
	const out = matrix(m.rows, m.cols);
	for (let i = 0; i < m.data.length; i++) out.data[i] = m.data[i]! * factor;
	return out;
}

/** vᵀ M v for a square M: the variance of a linear combination v of estimates with covariance M. */
export function quadraticForm(m: Matrix, v: ArrayLike<number>): number {
	let sum = 0;
	for (let i = 0; i < m.rows; i++) {
		const vi = v[i]!;
		if (vi === 0) continue;
		sum += vi * rowDot(m, i, v);
	}
	return sum;
}

export interface LeastSquares {
	/** Coefficients minimising Σ wᵢ (zᵢ − xᵢᵀβ)². */
	beta: Float64Array;
	/** (Xᵀ W X)⁻¹, the unscaled covariance of beta. */
	inverse: Matrix;
}

export class CollinearityError extends Error {
	constructor(readonly column: number) {
		super(`Column ${column} of the design is a linear combination of the columns before it`);
	}
}

/**
 * Weighted least squares by Householder QR of √W·X. Throws CollinearityError naming the first
 * column whose diagonal of R falls below a relative tolerance, so callers can say which term
 * the data cannot separate from the others.
 */
export function weightedLeastSquares(x: Matrix, z: ArrayLike<number>, weights?: ArrayLike<number>): LeastSquares {
	const n = x.rows;
	const p = x.cols;
	if (n < p) throw new CollinearityError(n);
	// Column-major working copy: Householder reflections sweep down columns.
	const a = new Float64Array(n * p);
	const b = new Float64Array(n);
	for (let i = 0; i < n; i++) {
		const root = weights ? Math.sqrt(weights[i]!) : 1;
		b[i] = z[i]! * root;
		for (let j = 0; j < p; j++) a[j * n + i] = x.data[i * p + j]! * root;
	}
	const columnNorms = new Float64Array(p);
	for (let j = 0; j < p; j++) {
		let s = 0;
		for (let i = 0; i < n; i++) s += a[j * n + i]! ** 2;
		columnNorms[j] = Math.sqrt(s);
	}
	const r = matrix(p, p);
	for (let k = 0; k < p; k++) {
		const col = k * n;
		let norm = 0;
		for (let i = k; i < n; i++) norm += a[col + i]! ** 2;
		norm = Math.sqrt(norm);
		// Relative to the column's own size, so a trend counted in hundreds is judged fairly.
		if (norm <= 1e-10 * Math.max(columnNorms[k]!, Number.MIN_VALUE)) throw new CollinearityError(k);
		const alpha = a[col + k]! > 0 ? -norm : norm;
		a[col + k]! -= alpha;
		let vv = 0;
		for (let i = k; i < n; i++) vv += a[col + i]! ** 2;
		const reflect = (target: Float64Array, offset: number) => {
			let dot = 0;
			for (let i = k; i < n; i++) dot += a[col + i]! * target[offset + i]!;
			const f = (2 * dot) / vv;
			for (let i = k; i < n; i++) target[offset + i]! -= f * a[col + i]!;
		};
		for (let j = k + 1; j < p; j++) reflect(a, j * n);
		reflect(b, 0);
		r.data[k * p + k] = alpha;
		for (let j = k + 1; j < p; j++) r.data[k * p + j] = a[j * n + k]!;
	}
	const beta = new Float64Array(p);
	for (let i = p - 1; i >= 0; i--) {
		let s = b[i]!;
		for (let j = i + 1; j < p; j++) s -= r.data[i * p + j]! * beta[j]!;
		beta[i] = s / r.data[i * p + i]!;
	}
	return { beta, inverse: inverseFromR(r) };
}

/** (RᵀR)⁻¹ = R⁻¹R⁻ᵀ, never forming RᵀR. */
function inverseFromR(r: Matrix): Matrix {
	const p = r.rows;
	const rInv = matrix(p, p);
	for (let j = 0; j < p; j++) {
		rInv.data[j * p + j] = 1 / r.data[j * p + j]!;
		for (let i = j - 1; i >= 0; i--) {
			let s = 0;
			for (let k = i + 1; k <= j; k++) s += r.data[i * p + k]! * rInv.data[k * p + j]!;
			rInv.data[i * p + j] = -s / r.data[i * p + i]!;
		}
	}
	const out = matrix(p, p);
	for (let i = 0; i < p; i++) {
		for (let j = i; j < p; j++) {
			let s = 0;
			for (let k = j; k < p; k++) s += rInv.data[i * p + k]! * rInv.data[j * p + k]!;
			out.data[i * p + j] = s;
			out.data[j * p + i] = s;
		}
	}
	return out;
}

/** The lower Cholesky factor L (LLᵀ = A) of a symmetric positive definite A, row by row; null when A is not positive definite. */
export function cholesky(a: Matrix): Float64Array | null {
	const p = a.rows;
	const l = new Float64Array(p * p);
	for (let j = 0; j < p; j++) {
		let d = a.data[j * p + j]!;
		for (let k = 0; k < j; k++) d -= l[j * p + k]! ** 2;
		if (!(d > 0)) return null;
		l[j * p + j] = Math.sqrt(d);
		for (let i = j + 1; i < p; i++) {
			let s = a.data[i * p + j]!;
			for (let k = 0; k < j; k++) s -= l[i * p + k]! * l[j * p + k]!;
			l[i * p + j] = s / l[j * p + j]!;
		}
	}
	return l;
}

/** Solves A x = b for a symmetric positive definite A; null when A is not positive definite. */
export function solvePositiveDefinite(a: Matrix, b: ArrayLike<number>): Float64Array | null {
	const p = a.rows;
	const l = cholesky(a);
	if (!l) return null;
	const x = Float64Array.from(b);
	for (let i = 0; i < p; i++) {
		for (let k = 0; k < i; k++) x[i]! -= l[i * p + k]! * x[k]!;
		x[i]! /= l[i * p + i]!;
	}
	for (let i = p - 1; i >= 0; i--) {
		for (let k = i + 1; k < p; k++) x[i]! -= l[k * p + i]! * x[k]!;
		x[i]! /= l[i * p + i]!;
	}
	return x;
}
