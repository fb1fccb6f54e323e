/** The interrupted-time-series contract shared by the estimator, the pages and the CLI. */
import type { Spacing } from '../series-dates';
import type { Family, Link } from './glm';

export interface ItsInput {
	/** ISO YYYY-MM-DD, ascending and equally spaced (daily, weekly or monthly). */
	dates: string[];
	values: number[];
	/** Exposure (service population, open hours), same length, > 0. Log-link families only. */
	offset?: number[];
	/**
	 * The trend's clock at each point, when it is not the point's index: a program compared season
	 * with season counts its trend between seasons (every point of a season reads the index of the
	 * season's first point), so the shape within a season is not mistaken for a trend. Non-decreasing.
	 */
	clock?: number[];
}

export interface ItsOptions {
	/** First post-period date; the point whose period contains it starts the post period (periodIndexOf). */
	start: string;
	/** Last date of the post period; points whose periods begin after it are dropped. */
	end?: string;
	/** Default: quasipoisson when all values are non-negative integers, else gaussian. */
	family?: Family;
	slope?: boolean;
	/** Fourier pairs. Default: 2 when the pre-period holds two full years, else none; 0 turns seasonality off. */
	harmonics?: number;
	/** Seasonal period in points. Default: 365.25/7 weekly, 12 monthly, 7 daily. */
	period?: number;
	/** Seasonality by month-of-year indicators instead of Fourier pairs. */
	monthDummies?: boolean;
	/** Periods over which the level change phases in (a linear ramp); 0, the default, is a step. */
	lag?: number;
	/** Confidence level of every interval; default 0.95. */
	level?: number;
	/**
	 * Last date of a campaign that has ended, for a temporary effect: the level change applies from
	 * `start` to this date only, and the points after it count as baseline, helping to learn the trend
	 * and season. A campaign of one to three months can then be estimated; an effect that outlasts
	 * the window makes the estimate conservative. No slope change with it.
	 */
	windowEnd?: string;
}

export interface ResolvedItsOptions {
	/** First post-period date as found in the data, and the last date used. */
	start: string;
	end: string;
	spacing: Spacing;
	family: Family;
	link: Link;
	slope: boolean;
	/** 0 when seasonality is not by Fourier pairs. */
	harmonics: number;
	period: number | null;
	monthDummies: boolean;
	lag: number;
	level: number;
	/** last date of the campaign window when the effect is estimated as temporary, else null */
	windowEnd: string | null;
	standardErrors: 'poisson' | 'quasipoisson' | 'newey-west';
	neweyWestLag: number | null;
	/** Why each default was chosen, in a sentence each. */
	why: { family: string; seasonality: string; standardErrors: string };
}

export interface EffectEstimate {
	/** exp(b) for the log link (a ratio, 1 = no change); b for identity (a difference, 0 = no change). */
	estimate: number;
	lower: number;
	upper: number;
	p: number;
	scale: 'ratio' | 'difference';
}

/** Post-period comparison of what happened with what the model expects without the campaign. */
export interface Summary {
	actual: number;
	predicted: number;
	predictedLower: number;
	predictedUpper: number;
	absolute: number;
	absoluteLower: number;
	absoluteUpper: number;
	/** As a fraction: 0.2 is +20%. */
	relative: number;
	relativeLower: number;
	relativeUpper: number;
}

export interface CoefficientRow {
	name: string;
	/** On the link scale (log for counts). */
	estimate: number;
	se: number;
	/** t (Gaussian, quasi-Poisson) or z (Poisson). */
	statistic: number;
	p: number;
}

export interface CounterfactualPoint {
	date: string;
	observed: number;
	/** Expected value without the campaign (the fitted value before the start). */
	expected: number;
	/** Confidence band of the expected value (delta method on the linear predictor). */
	lower: number;
	upper: number;
	post: boolean;
}

export type PlaceboResult =
	| {
			ran: true;
			start: string;
			estimate: number;
			lower: number;
			upper: number;
			p: number;
			scale: 'ratio' | 'difference';
			flagged: boolean;
	  }
	| { ran: false; reason: string };

export interface ItsDiagnostics {
	preFit: { points: number; mape: number | null; rSquared: number | null; devianceExplained: number | null };
	/** Count families only: Pearson χ² against its n − p degrees of freedom. */
	overdispersion: { dispersion: number; pearsonChi2: number; df: number; p: number; flagged: boolean } | null;
	autocorrelation: { durbinWatson: number; ljungBox: { statistic: number; lags: number; p: number }; flagged: boolean };
	placebo: PlaceboResult;
	sufficiency: { pointsBefore: number; pointsAfter: number; parameters: number; maxParameters: number };
}

export interface ItsSuccess {
	ok: true;
	family: Family;
	link: Link;
	options: ResolvedItsOptions;
	effect: { level: EffectEstimate; slope?: EffectEstimate };
	dispersion: number;
	coefficients: CoefficientRow[];
	counterfactual: CounterfactualPoint[];
	summary: { average: Summary; cumulative: Summary; p: number; points: number };
	diagnostics: ItsDiagnostics;
	/** A run of zeros at the front (the series had not started), left out of the fit: how many points, and the last one's date. */
	leadingZeros?: { points: number; last: string };
	warnings: string[];
}

export interface ItsFailure {
	ok: false;
	/** Starts "Not enough data to estimate: ". */
	reason: string;
	warnings: string[];
}

export type ItsResult = ItsSuccess | ItsFailure;

export const NOT_ENOUGH_DATA = 'Not enough data to estimate: ';
