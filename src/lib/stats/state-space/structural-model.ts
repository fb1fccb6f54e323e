/**
 * The structural time-series model behind the state-space counterfactual, laid out as a linear
 * Gaussian state-space model: a level (random walk) or local linear trend, an optional
 * trigonometric seasonal, and static regression on control series.
 *
 * State: [level, (slope), (γ₁, γ₁*, …, γₕ, γₕ*), β₁ … βₖ]. Every element starts diffuse, because
 * nothing is known about the level, season or coefficients before the data. The coefficients sit
 * in the state with zero disturbance variance, so the filter estimates them by generalised least
 * squares along the way and the forecast carries their uncertainty without extra work.
 */
import { matrix, type Matrix } from '../numeric';
import type { LinearGaussianModel, TransitionBlock } from './kalman';
import { applyTransition } from './kalman';

export type Trend = 'level' | 'local-linear';

export interface Seasonality {
	/** Points per cycle; need not be whole (365.25/7 for weekly data). */
	period: number;
	/** Sine–cosine pairs; at most period/2. */
	harmonics: number;
}

export interface StructuralSpec {
	trend: Trend;
	seasonal: Seasonality | null;
	/** Control series over the whole window, already centred and scaled (see the entry point). */
	controls: readonly Float64Array[];
	points: number;
}

/** The state variances estimated besides the observation noise, in the optimiser's order. */
export type StateComponent = 'level' | 'slope' | 'seasonal';

export interface StructuralModel {
	model: LinearGaussianModel;
	components: StateComponent[];
	/** The disturbance component of each state, or null for the static coefficients. */
	stateComponent: (StateComponent | null)[];
	regressionOffset: number;
	/** Names of the deterministic columns the diffuse states stand for, to say which one the data cannot pin down. */
	stateNames: string[];
	/** Sets the state variances (as ratios to the observation variance, which becomes 1). */
	setRatios(ratios: ArrayLike<number>): void;
}

export function structuralModel(spec: StructuralSpec): StructuralModel {
	const stateComponent: (StateComponent | null)[] = ['level'];
	const stateNames = ['level'];
	const transition: TransitionBlock[] = [];
	const observed: number[] = [0];
	if (spec.trend === 'local-linear') {
		transition.push({ offset: 0, size: 2, matrix: Float64Array.of(1, 1, 0, 1) });
		stateComponent.push('slope');
		stateNames.push('slope');
	}
	if (spec.seasonal) {
		const { period, harmonics } = spec.seasonal;
		for (let j = 1; j <= harmonics; j++) {
			const offset = stateComponent.length;
			observed.push(offset);
			const lambda = (2 * Math.PI * j) / period;
			if (Math.abs(2 * j - period) < 1e-9) {
				// At the Nyquist frequency the pair collapses to one state that flips sign each point.
				transition.push({ offset, size: 1, matrix: Float64Array.of(-1) });
				stateComponent.push('seasonal');
				stateNames.push(`seasonal cycle ${j}`);
				continue;
			}
			const [c, s] = [Math.cos(lambda), Math.sin(lambda)];
			transition.push({ offset, size: 2, matrix: Float64Array.of(c, s, -s, c) });
			stateComponent.push('seasonal', 'seasonal');
			stateNames.push(`seasonal cycle ${j} (cosine)`, `seasonal cycle ${j} (sine)`);
		}
	}
	const regressionOffset = stateComponent.length;
	spec.controls.forEach((_, k) => {
		stateComponent.push(null);
		stateNames.push(`control ${k + 1}`);
	});
	const m = stateComponent.length;
	const n = spec.points;
	const design = new Float64Array(n * m);
	for (let t = 0; t < n; t++) {
		for (const j of observed) design[t * m + j] = 1;
		spec.controls.forEach((x, k) => (design[t * m + regressionOffset + k] = x[t]!));
	}
	const components = (['level', 'slope', 'seasonal'] as const).filter((c) => stateComponent.includes(c));
	const stateVariance = new Float64Array(m);
	const model: LinearGaussianModel = {
		stateSize: m,
		transition,
		design,
		observationVariance: 1,
		stateVariance,
		initialState: new Float64Array(m),
		initialCovariance: new Float64Array(m * m),
		diffuseStates: Array.from({ length: m }, (_, i) => i)
	};
	return {
		model,
		components,
		stateComponent,
		regressionOffset,
		stateNames,
		setRatios(ratios) {
			for (let i = 0; i < m; i++) {
				const component = stateComponent[i];
				stateVariance[i] = component === null || component === undefined ? 0 : ratios[components.indexOf(component)]!;
			}
		}
	};
}

/**
 * Xₜ = Zₜ T^(t−from) column by column: what each diffuse state contributes to yₜ. The initial
 * state is identifiable exactly when these columns are linearly independent, so a QR of this
 * matrix can name the term the data cannot separate before the filter is run.
 */
export function deterministicDesign(model: LinearGaussianModel, from: number, to: number): Matrix {
	const m = model.stateSize;
	const states = model.diffuseStates;
	const out = matrix(to - from, states.length);
	const scratch = new Float64Array(m);
	states.forEach((state, k) => {
		const alpha = new Float64Array(m);
		alpha[state] = 1;
		for (let t = from; t < to; t++) {
			let s = 0;
			for (let j = 0; j < m; j++) s += model.design[t * m + j]! * alpha[j]!;
			out.data[(t - from) * states.length + k] = s;
			applyTransition(model.transition, alpha, scratch);
		}
	});
	return out;
}
