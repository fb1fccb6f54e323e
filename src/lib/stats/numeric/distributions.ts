/* eslint-disable no-loss-of-precision -- published coefficients are kept digit for digit as printed, beyond double precision, so they can be checked against their source */
/**
 * The distribution functions inference needs: normal, Student t and chi-square, built on the
 * regularised incomplete gamma and beta functions so tail probabilities keep their relative
 * accuracy (a p-value of 1e-12 is reported as that, not as 0 after 1 − 0.999999999999).
 */

const EPSILON = 1e-16;
const TINY = 1e-300;
const MAX_ITERATIONS = 10_000;

// Lanczos approximation, g = 7, n = 9 (the coefficients in Numerical Recipes, 3rd ed., 6.1).
const LANCZOS = [
	0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
	12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7
];

/** log Γ(x) for x > 0, relative error about 1e-15. */
export function logGamma(x: number): number {
	if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
	const z = x - 1;
	let sum = LANCZOS[0]!;
	for (let i = 1; i < 9; i++) sum += LANCZOS[i]! / (z + i);
	const t = z + 7.5;
	return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** Regularised lower incomplete gamma P(a, x) and its complement Q(a, x), each computed directly. */
export function regularizedGamma(a: number, x: number): { lower: number; upper: number } {
	if (!(x > 0)) return { lower: 0, upper: 1 };
	if (x === Infinity) return { lower: 1, upper: 0 };
	const front = Math.exp(a * Math.log(x) - x - logGamma(a));
	if (x < a + 1) {
		// Series: converges fast below the mode.
		let term = 1 / a;
		let sum = term;
		for (let n = 1; n < MAX_ITERATIONS; n++) {
			term *= x / (a + n);
			sum += term;
			if (Math.abs(term) < Math.abs(sum) * EPSILON) break;
		}
		const lower = sum * front;
		return { lower, upper: 1 - lower };
	}
	// Continued fraction (modified Lentz) for the upper tail.
	let b = x + 1 - a;
	let c = 1 / TINY;
	let d = 1 / b;
	let h = d;
	for (let i = 1; i < MAX_ITERATIONS; i++) {
		const an = -i * (i - a);
		b += 2;
		d = an * d + b;
		if (Math.abs(d) < TINY) d = TINY;
		c = b + an / c;
		if (Math.abs(c) < TINY) c = TINY;
		d = 1 / d;
		const delta = d * c;
		h *= delta;
		if (Math.abs(delta - 1) < EPSILON) break;
	}
	const upper = front * h;
	return { lower: 1 - upper, upper };
}

/**
 * Regularised incomplete beta I_x(a, b). `oneMinusX` may be passed when it is known more
 * precisely than 1 − x (as for the Student t tail, where x = ν/(ν + t²)).
 */
export function regularizedBeta(x: number, a: number, b: number, oneMinusX = 1 - x): number {
	if (x <= 0) return 0;
	if (oneMinusX <= 0) return 1;
	const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(oneMinusX));
	// The continued fraction converges quickly only on this side of the mean; use symmetry otherwise.
	if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
	return 1 - (front * betaContinuedFraction(oneMinusX, b, a)) / b;
}

function betaContinuedFraction(x: number, a: number, b: number): number {
	const qab = a + b;
	const qap = a + 1;
	const qam = a - 1;
	let c = 1;
	let d = 1 - (qab * x) / qap;
	if (Math.abs(d) < TINY) d = TINY;
	d = 1 / d;
	let h = d;
	for (let m = 1; m < MAX_ITERATIONS; m++) {
		const m2 = 2 * m;
		let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
		d = 1 + aa * d;
		if (Math.abs(d) < TINY) d = TINY;
		c = 1 + aa / c;
		if (Math.abs(c) < TINY) c = TINY;
		d = 1 / d;
		h *= d * c;
		aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
		d = 1 + aa * d;
		if (Math.abs(d) < TINY) d = TINY;
		c = 1 + aa / c;
		if (Math.abs(c) < TINY) c = TINY;
		d = 1 / d;
		const delta = d * c;
		h *= delta;
		if (Math.abs(delta - 1) < EPSILON) break;
	}
	return h;
}

/** Standard normal CDF Φ(z), through erfc so the lower tail keeps its relative accuracy. */
export function normalCdf(z: number): number {
	if (Number.isNaN(z)) return NaN;
	const x = z / Math.SQRT2;
	// erfc(|x|) = Q(1/2, x²).
	const tail = 0.5 * regularizedGamma(0.5, x * x).upper;
	return z < 0 ? tail : 1 - tail;
}

/** Standard normal quantile Φ⁻¹(p): Wichura's AS 241 (PPND16), relative error about 1e-16. */
export function normalQuantile(p: number): number {
	if (!(p >= 0 && p <= 1)) return NaN;
	if (p === 0) return -Infinity;
	if (p === 1) return Infinity;
	const q = p - 0.5;
	if (Math.abs(q) <= 0.425) {
		const r = 0.180625 - q * q;
		return (
			(q *
				(((((((2509.0809287301226727 * r + 33430.575583588128105) * r + 67265.770927008700853) * r +
					45921.953931549871457) *
					r +
					13731.693765509461125) *
					r +
					1971.5909503065514427) *
					r +
					133.14166789178437745) *
					r +
					3.387132872796366608)) /
			(((((((5226.495278852545925 * r + 28729.085735721942674) * r + 39307.89580009271061) * r +
				21213.794301586595867) *
				r +
				5394.1960214247511077) *
				r +
				687.1870074920579083) *
				r +
				42.313330701600911252) *
				r +
				1)
		);
	}
	let r = q < 0 ? p : 1 - p;
	r = Math.sqrt(-Math.log(r));
	let value: number;
	if (r <= 5) {
		r -= 1.6;
		value =
			(((((((7.7454501427834140764e-4 * r + 0.0227238449892691845833) * r + 0.24178072517745061177) * r +
				1.27045825245236838258) *
				r +
				3.64784832476320460504) *
				r +
				5.7694972214606914055) *
				r +
				4.6303378461565452959) *
				r +
				1.42343711074968357734) /
			(((((((1.05075007164441684324e-9 * r + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r +
				0.14810397642748007459) *
				r +
				0.68976733498510000455) *
				r +
				1.6763848301838038494) *
				r +
				2.05319162663775882187) *
				r +
				1);
	} else {
		r -= 5;
		value =
			(((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r +
				0.026532189526576123093) *
				r +
				0.29656057182850489123) *
				r +
				1.7848265399172913358) *
				r +
				5.4637849111641143699) *
				r +
				6.6579046435011037772) /
			(((((((2.04426310338993978564e-15 * r + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r +
				7.868691311456132591e-4) *
				r +
				0.0148753612908506148525) *
				r +
				0.13692988092273580531) *
				r +
				0.59983220655588793769) *
				r +
				1);
	}
	return q < 0 ? -value : value;
}

/** P(|T| > |t|) for Student t with df degrees of freedom; df = Infinity is the normal. */
export function studentTwoSidedP(t: number, df: number): number {
	if (Number.isNaN(t)) return NaN;
	if (df === Infinity) return 2 * normalCdf(-Math.abs(t));
	const t2 = t * t;
	return regularizedBeta(df / (df + t2), df / 2, 0.5, t2 / (df + t2));
}

export function studentTCdf(t: number, df: number): number {
	const tail = studentTwoSidedP(t, df) / 2;
	return t < 0 ? tail : 1 - tail;
}

function studentTDensity(t: number, df: number): number {
	return Math.exp(
		logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI) - ((df + 1) / 2) * Math.log1p((t * t) / df)
	);
}

/** Student t quantile by safeguarded Newton steps on the CDF, starting from the normal quantile. */
export function studentTQuantile(p: number, df: number): number {
	if (df === Infinity) return normalQuantile(p);
	if (!(p > 0 && p < 1)) return p === 0 ? -Infinity : p === 1 ? Infinity : NaN;
	if (p < 0.5) return -studentTQuantile(1 - p, df);
	if (p === 0.5) return 0;
	let low = 0;
	let high = Math.max(1, normalQuantile(p));
	while (studentTCdf(high, df) < p) high *= 2;
	let t = Math.min(high, normalQuantile(p) * (1 + 1 / df));
	for (let i = 0; i < 200; i++) {
		const f = studentTCdf(t, df) - p;
		if (f > 0) high = t;
		else low = t;
		let next = t - f / studentTDensity(t, df);
		if (!(next > low && next < high)) next = (low + high) / 2;
		if (Math.abs(next - t) <= 1e-15 * Math.max(1, Math.abs(t))) return next;
		t = next;
	}
	return t;
}

/** P(X > x) for chi-square with k degrees of freedom. */
export function chiSquareSurvival(x: number, k: number): number {
	return regularizedGamma(k / 2, x / 2).upper;
}

export function chiSquareCdf(x: number, k: number): number {
	return regularizedGamma(k / 2, x / 2).lower;
}
