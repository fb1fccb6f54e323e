/**
 * Wald inference from an estimate and its standard error. Degrees of freedom are n − p wherever
 * the scale is estimated (Gaussian, quasi-Poisson), Infinity (the normal) for Poisson, whose
 * dispersion is fixed at 1: t quantiles are what keep a 95% interval at 95% on short series.
 */
import { normalQuantile, studentTQuantile, studentTwoSidedP } from '../numeric';
import type { Link } from './glm';
import type { EffectEstimate } from './types';

export function criticalValue(level: number, df: number): number {
	const upper = 1 - (1 - level) / 2;
	return df === Infinity ? normalQuantile(upper) : studentTQuantile(upper, df);
}

export function waldTest(estimate: number, se: number, df: number): { statistic: number; p: number } {
	const statistic = estimate / se;
	return { statistic, p: studentTwoSidedP(statistic, df) };
}

/** A coefficient as the effect people read: a ratio exp(b) on the log link, b itself on identity. */
export function effectOf(estimate: number, se: number, df: number, level: number, link: Link): EffectEstimate {
	const q = criticalValue(level, df);
	const { p } = waldTest(estimate, se, df);
	const lower = estimate - q * se;
	const upper = estimate + q * se;
	return link === 'log'
		? { estimate: Math.exp(estimate), lower: Math.exp(lower), upper: Math.exp(upper), p, scale: 'ratio' }
		: { estimate, lower, upper, p, scale: 'difference' };
}
