/** The contract of the state-space counterfactual ("CausalImpact-lite"), shared by the estimator and its readers. */
import type { CoefficientRow, CounterfactualPoint, PlaceboResult, Summary } from '../its';
import type { Spacing } from '../series-dates';
import type { Seasonality, Trend } from './structural-model';

/** 'log' models log y (every value > 0); a series with a 0 is modelled as it is. */
export type Transform = 'none' | 'log';

export interface ControlSeries {
	/** Shown in the coefficient table and in refusals. */
	name: string;
	/** Same length as the outcome; observed before and after the start, and untouched by the campaign. */
	values: number[];
}

export interface StateSpaceInput {
	/** ISO YYYY-MM-DD, ascending and equally spaced (daily, weekly or monthly). */
	dates: string[];
	values: number[];
	controls?: ControlSeries[];
}

export interface StateSpaceOptions {
	/** First post-period date; the first point on or after it starts the post period. */
	start: string;
	/** Last date of the post period; later points are dropped. */
	end?: string;
	/** Default 'level' (a random-walk level); 'local-linear' adds a slope that drifts too. */
	trend?: Trend;
	/**
	 * Default: a yearly cycle of 2 harmonics when the pre-period holds two full years, else none.
	 * null turns it off. An explicit seasonality the pre-period cannot support is refused.
	 */
	seasonal?: { period: number; harmonics?: number } | null;
	/** Model log y and transform the intervals back, when every value is above 0 (a series with a 0 stays on its own scale). */
	log?: boolean;
	/** Level of every interval; default 0.95. */
	level?: number;
}

export interface ResolvedStateSpaceOptions {
	start: string;
	end: string;
	spacing: Spacing;
	trend: Trend;
	seasonal: Seasonality | null;
	transform: Transform;
	level: number;
	why: { seasonal: string; transform: string };
}

/** Maximum-likelihood variances, on the modelled scale (log scale when transformed). */
export interface StateSpaceVariances {
	observation: number;
	level: number;
	slope: number | null;
	seasonal: number | null;
}

export type ControlStability =
	{ ran: true; statistic: number; df: number; p: number; flagged: boolean } | { ran: false; reason: string };

export interface StateSpaceDiagnostics {
	/** One-step-ahead predictions over the pre-period, after the points that fix the initial state. */
	preFit: { points: number; mape: number | null; rSquared: number | null };
	/** Ljung-Box on the standardised one-step-ahead prediction errors of the pre-period. */
	autocorrelation: { ljungBox: { statistic: number; lags: number; p: number }; flagged: boolean };
	/** The same model on the pre-period alone, with a fake start inside it; scale 'difference' is the average effect per period, 'ratio' actual/predicted. */
	placebo: PlaceboResult;
	/** Wald test that the control coefficients are the same in both halves of the pre-period. */
	controlStability: ControlStability;
	sufficiency: {
		pointsBefore: number;
		pointsAfter: number;
		/** States (all diffuse) plus variances. */
		parameters: number;
		maxParameters: number;
		/** Points spent fixing the initial state: they have no one-step prediction. */
		diffusePoints: number;
	};
	optimiser: { evaluations: number; converged: boolean };
}

/** The running total of actual − predicted over the post period, with its interval from the joint forecast covariance. */
export interface CumulativeEffectPoint {
	date: string;
	effect: number;
	lower: number;
	upper: number;
}

export interface StateSpaceSuccess {
	ok: true;
	options: ResolvedStateSpaceOptions;
	variances: StateSpaceVariances;
	/** Diffuse log-likelihood at the estimate (D&K ch. 2 convention: log 2π counted for the non-diffuse points only). */
	logLikelihood: number;
	/**
	 * One row per control: change in the modelled outcome (log scale when transformed) per unit of
	 * the control, averaged over the variances like the forecast, with t tests on n − d − (variance ratios) degrees of freedom.
	 */
	coefficients: CoefficientRow[];
	/**
	 * From the first point with a one-step prediction on: before the start, the one-step-ahead
	 * prediction; after it, the forecast. `expected` is the mean; lower/upper bound a prediction
	 * interval (it includes the period-to-period noise), not a confidence band.
	 */
	counterfactual: CounterfactualPoint[];
	cumulativeEffect: CumulativeEffectPoint[];
	summary: { average: Summary; cumulative: Summary; p: number; points: number };
	diagnostics: StateSpaceDiagnostics;
	warnings: string[];
}

export interface StateSpaceFailure {
	ok: false;
	/** Starts "Not enough data to estimate: ". */
	reason: string;
	warnings: string[];
}

export type StateSpaceResult = StateSpaceSuccess | StateSpaceFailure;
