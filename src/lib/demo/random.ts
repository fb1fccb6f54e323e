/**
 * A seeded random source for the demo library. sfc32 seeded through splitmix32: fast, passes
 * PractRand to 2^40+ bytes, and, unlike Math.random, gives the same stream on every machine.
 */
export interface Random {
	/** Uniform in [0, 1). */
	next: () => number;
	uniform(min: number, max: number): number;
	/** Uniform integer in [min, max], both inclusive. */
	integer(min: number, max: number): number;
	chance(probability: number): boolean;
	normal(mean?: number, sd?: number): number;
	/** exp(normal(log(median), sigma)): positive, right-skewed, like post reach. */
	logNormal(median: number, sigma: number): number;
	gamma(shape: number, scale?: number): number;
	poisson(mean: number): number;
	/** Gamma-Poisson (negative binomial): variance = mean + mean² / shape. */
	overdispersed(mean: number, shape: number): number;
	binomial(trials: number, probability: number): number;
	pick<T>(items: readonly T[]): T;
	weighted<T>(items: readonly (readonly [T, number])[]): T;
	text(alphabet: string, length: number): string;
	/** An independent stream named by label, so adding draws in one module never shifts another. */
	fork(label: string): Random;
}

export function createRandom(seed: number, stream = ''): Random {
	const mixed = splitmix32((seed ^ hashLabel(stream)) >>> 0);
	const next = sfc32(mixed(), mixed(), mixed(), mixed());
	for (let i = 0; i < 12; i++) next();

	const random: Random = {
		next,
		uniform: (min, max) => min + (max - min) * next(),
		integer: (min, max) => min + Math.floor(next() * (max - min + 1)),
		chance: (probability) => next() < probability,
		normal(mean = 0, sd = 1) {
			// Box-Muller; 1 - next() keeps the logarithm away from zero.
			const u = 1 - next();
			const v = next();
			return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
		},
		logNormal: (median, sigma) => median * Math.exp(random.normal(0, sigma)),
		gamma(shape, scale = 1) {
			if (shape < 1) return random.gamma(shape + 1, scale) * Math.pow(1 - next(), 1 / shape);
			// Marsaglia and Tsang (2000).
			const d = shape - 1 / 3;
			const c = 1 / Math.sqrt(9 * d);
			for (;;) {
				const x = random.normal();
				const v = Math.pow(1 + c * x, 3);
				if (v <= 0) continue;
				const u = 1 - next();
				if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v * scale;
			}
		},
		poisson(mean) {
			if (!(mean > 0)) return 0;
			return mean < 30 ? poissonKnuth(next, mean) : poissonPtrs(next, mean);
		},
		overdispersed: (mean, shape) => (mean > 0 ? random.poisson(random.gamma(shape, mean / shape)) : 0),
		binomial(trials, probability) {
			let successes = 0;
			for (let i = 0; i < trials; i++) if (next() < probability) successes++;
			return successes;
		},
		pick(items) {
			if (items.length === 0) throw new Error('pick() needs at least one item');
			return items[Math.floor(next() * items.length)] as (typeof items)[number];
		},
		weighted(items) {
			const total = items.reduce((sum, [, weight]) => sum + weight, 0);
			let target = next() * total;
			for (const [item, weight] of items) {
				target -= weight;
				if (target < 0) return item;
			}
			const last = items[items.length - 1];
			if (!last) throw new Error('weighted() needs at least one item');
			return last[0];
		},
		text(alphabet, length) {
			let out = '';
			for (let i = 0; i < length; i++) out += alphabet.charAt(Math.floor(next() * alphabet.length));
			return out;
		},
		fork: (label) => createRandom(seed, `${stream}/${label}`)
	};
	return random;
}

function sfc32(a: number, b: number, c: number, d: number): () => number {
	return () => {
		a >>>= 0;
		b >>>= 0;
		c >>>= 0;
		d >>>= 0;
		const t = (((a + b) | 0) + d) | 0;
		d = (d + 1) | 0;
		a = b ^ (b >>> 9);
		b = (c + (c << 3)) | 0;
		c = (c << 21) | (c >>> 11);
		c = (c + t) | 0;
		return (t >>> 0) / 4294967296;
	};
}

function splitmix32(state: number): () => number {
	return () => {
		state = (state + 0x9e3779b9) | 0;
		let z = state;
		z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
		z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
		return (z ^ (z >>> 16)) >>> 0;
	};
}

/** FNV-1a, 32 bit. */
function hashLabel(label: string): number {
	let hash = 0x811c9dc5;
	for (let i = 0; i < label.length; i++) {
		hash ^= label.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return hash >>> 0;
}

function poissonKnuth(next: () => number, mean: number): number {
	const limit = Math.exp(-mean);
	let k = 0;
	let product = next();
	while (product > limit) {
		k++;
		product *= next();
	}
	return k;
}

/** Hörmann's PTRS transformed rejection (1993), as numpy uses for means of 10 and more. */
function poissonPtrs(next: () => number, mean: number): number {
	const logMean = Math.log(mean);
	const b = 0.931 + 2.53 * Math.sqrt(mean);
	const a = -0.059 + 0.02483 * b;
	const inverseAlpha = 1.1239 + 1.1328 / (b - 3.4);
	const vr = 0.9277 - 3.6224 / (b - 2);
	for (;;) {
		const u = next() - 0.5;
		const v = next();
		const us = 0.5 - Math.abs(u);
		const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
		if (us >= 0.07 && v <= vr) return k;
		if (k < 0 || (us < 0.013 && v > us)) continue;
		const accept =
			Math.log(v) + Math.log(inverseAlpha) - Math.log(a / (us * us) + b) <= -mean + k * logMean - logFactorial(k);
		if (accept) return k;
	}
}

/** log(k!) by Stirling's series; exact enough (error < 1e-10) for k ≥ 10, a table below. */
function logFactorial(k: number): number {
	if (k < 10) {
		let product = 1;
		for (let i = 2; i <= k; i++) product *= i;
		return Math.log(product);
	}
	const n = k + 1;
	return (
		(n - 0.5) * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * n) - 1 / (360 * n ** 3) + 1 / (1260 * n ** 5)
	);
}
