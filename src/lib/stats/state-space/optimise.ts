/**
 * Derivative-free minimisation for the few hyperparameters of a state-space model: Nelder–Mead
 * with the standard coefficients (reflection 1, expansion 2, contraction ½, shrink ½), restarted
 * once from its answer because a simplex can collapse onto a line short of the minimum.
 * Deterministic: the same start gives the same path on every machine.
 */

export interface NelderMeadOptions {
	/** Edge of the starting simplex along each axis. */
	step?: number;
	/** Stop when the simplex's values differ by at most this (absolute)… */
	valueTolerance?: number;
	/** …and its points by at most this along every axis. */
	pointTolerance?: number;
	maxEvaluations?: number;
}

export interface Minimum {
	x: Float64Array;
	value: number;
	evaluations: number;
	converged: boolean;
}

export function nelderMead(
	f: (x: Float64Array) => number,
	start: ArrayLike<number>,
	options: NelderMeadOptions = {}
): Minimum {
	const {
		step = 1,
		valueTolerance = 1e-9,
		pointTolerance = 1e-6,
		maxEvaluations = 500 * Math.max(1, start.length)
	} = options;
	const first = simplexSearch(f, Float64Array.from(start), step, valueTolerance, pointTolerance, maxEvaluations);
	const second = simplexSearch(
		f,
		first.x,
		step / 10,
		valueTolerance,
		pointTolerance,
		Math.max(0, maxEvaluations - first.evaluations)
	);
	const best = second.value <= first.value ? second : first;
	return {
		...best,
		evaluations: first.evaluations + second.evaluations,
		converged: first.converged && second.converged
	};
}

function simplexSearch(
	f: (x: Float64Array) => number,
	start: Float64Array,
	step: number,
	valueTolerance: number,
	pointTolerance: number,
	maxEvaluations: number
): Minimum {
	const k = start.length;
	let evaluations = 0;
	const evaluate = (x: Float64Array) => {
		evaluations++;
		const value = f(x);
		// A failed evaluation (NaN) is treated as infinitely bad, so the simplex moves away from it.
		return Number.isNaN(value) ? Infinity : value;
	};
	if (k === 0) return { x: start, value: evaluate(start), evaluations, converged: true };
	const points: Float64Array[] = [start.slice()];
	for (let i = 0; i < k; i++) {
		const point = start.slice();
		point[i]! += step;
		points.push(point);
	}
	const values = points.map(evaluate);
	const order = Array.from({ length: k + 1 }, (_, i) => i);
	const centroid = new Float64Array(k);
	const along = (from: Float64Array, to: Float64Array, t: number) => {
		const out = new Float64Array(k);
		for (let j = 0; j < k; j++) out[j] = from[j]! + t * (to[j]! - from[j]!);
		return out;
	};
	let converged = false;
	while (evaluations < maxEvaluations) {
		order.sort((a, b) => values[a]! - values[b]!);
		const best = order[0]!;
		const worst = order[k]!;
		const secondWorst = order[k - 1]!;
		if (isSmall(points, values, best, valueTolerance, pointTolerance)) {
			converged = true;
			break;
		}
		centroid.fill(0);
		for (const i of order.slice(0, k)) for (let j = 0; j < k; j++) centroid[j]! += points[i]![j]! / k;
		const reflected = along(centroid, points[worst]!, -1);
		const reflectedValue = evaluate(reflected);
		if (reflectedValue < values[best]!) {
			const expanded = along(centroid, points[worst]!, -2);
			const expandedValue = evaluate(expanded);
			[points[worst], values[worst]] =
				expandedValue < reflectedValue ? [expanded, expandedValue] : [reflected, reflectedValue];
			continue;
		}
		if (reflectedValue < values[secondWorst]!) {
			[points[worst], values[worst]] = [reflected, reflectedValue];
			continue;
		}
		// Contract towards the better of the worst point and its reflection.
		const outside = reflectedValue < values[worst]!;
		const contracted = along(centroid, outside ? reflected : points[worst]!, 0.5);
		const contractedValue = evaluate(contracted);
		if (contractedValue < Math.min(reflectedValue, values[worst]!)) {
			[points[worst], values[worst]] = [contracted, contractedValue];
			continue;
		}
		for (const i of order.slice(1)) {
			points[i] = along(points[best]!, points[i]!, 0.5);
			values[i] = evaluate(points[i]);
		}
	}
	let best = 0;
	for (let i = 1; i <= k; i++) if (values[i]! < values[best]!) best = i;
	return { x: points[best]!, value: values[best]!, evaluations, converged };
}

function isSmall(
	points: Float64Array[],
	values: number[],
	best: number,
	valueTolerance: number,
	pointTolerance: number
): boolean {
	if (!Number.isFinite(values[best]!)) return false;
	for (let i = 0; i < points.length; i++) {
		if (Math.abs(values[i]! - values[best]!) > valueTolerance) return false;
		for (let j = 0; j < points[i]!.length; j++)
			if (Math.abs(points[i]![j]! - points[best]![j]!) > pointTolerance) return false;
	}
	return true;
}
