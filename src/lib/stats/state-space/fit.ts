/**
 * Maximum likelihood for the variances of a structural model. The observation variance is
 * concentrated out (it is the common scale σ², found in closed form for any set of ratios), so
 * Nelder–Mead searches only the log-ratios of the level, slope and seasonal variances to it: one
 * to three dimensions, started from the best point of a small grid so a flat ridge or a second
 * mode near zero variance does not trap it.
 */
import { concentratedLogLikelihood, type FilterRun, kalmanFilter } from './kalman';
import { nelderMead } from './optimise';
import type { StateComponent, StructuralModel } from './structural-model';
import type { StateSpaceVariances } from './types';

/** log-ratio bounds: e^−18 is a variance indistinguishable from 0, e^12 an observation noise indistinguishable from 0. */
const LOWEST = -18;
const HIGHEST = 12;
const GRID = [-6, -2, 2];

export interface StructuralFit {
	/** The model at the estimated ratios (observation variance 1); multiply covariances by `scale`. */
	structure: StructuralModel;
	ratios: Float64Array;
	/** σ̂², the estimated observation variance. */
	scale: number;
	variances: StateSpaceVariances;
	logLikelihood: number;
	/** The filter at the estimate, on the ratio scale. */
	run: FilterRun;
	evaluations: number;
	converged: boolean;
}

/** Fits y[from … to − 1]. */
export function fitStructural(
	structure: StructuralModel,
	y: ArrayLike<number>,
	from: number,
	to: number
): StructuralFit {
	const k = structure.components.length;
	const clamp = (theta: Float64Array) => theta.map((v) => Math.min(HIGHEST, Math.max(LOWEST, v)));
	const objective = (theta: Float64Array) => {
		const inside = clamp(theta);
		structure.setRatios(inside.map(Math.exp));
		const run = kalmanFilter(structure.model, y, from, to);
		// Outside the box the value keeps rising, so the simplex is drawn back rather than wandering.
		let penalty = 0;
		for (let i = 0; i < k; i++) penalty += (theta[i]! - inside[i]!) ** 2;
		return -concentratedLogLikelihood(run).logLikelihood + penalty;
	};
	let start: Float64Array = new Float64Array(k);
	let best = Infinity;
	let evaluations = 0;
	for (const point of grid(k)) {
		const value = objective(point);
		evaluations++;
		if (value < best) [best, start] = [value, point];
	}
	const minimum = nelderMead(objective, start, {
		step: 1,
		valueTolerance: 1e-7,
		pointTolerance: 1e-3,
		maxEvaluations: 300 * Math.max(1, k)
	});
	const ratios = clamp(minimum.x).map(Math.exp);
	structure.setRatios(ratios);
	const run = kalmanFilter(structure.model, y, from, to);
	const { logLikelihood, scale } = concentratedLogLikelihood(run);
	const ratioOf = (component: StateComponent) => {
		const i = structure.components.indexOf(component);
		return i < 0 ? null : ratios[i]! * scale;
	};
	return {
		structure,
		ratios,
		scale,
		variances: { observation: scale, level: ratioOf('level')!, slope: ratioOf('slope'), seasonal: ratioOf('seasonal') },
		logLikelihood,
		run,
		evaluations: evaluations + minimum.evaluations,
		converged: minimum.converged
	};
}

function grid(k: number): Float64Array[] {
	let points: number[][] = [[]];
	for (let i = 0; i < k; i++) points = points.flatMap((p) => GRID.map((g) => [...p, g]));
	return points.map((p) => Float64Array.from(p));
}
