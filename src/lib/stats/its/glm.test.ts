import { describe, expect, it } from 'vitest';
import { fromRows } from '../numeric';
import { expectClose, mean, sum } from '../test-support';
import { fitGlm, pearsonResiduals } from './glm';

const groups = (pre: number, post: number) => fromRows([...Array(pre).fill([1, 0]), ...Array(post).fill([1, 1])]);

describe('Gaussian GLM', () => {
	it('is ordinary least squares: slope Sxy/Sxx and intercept ȳ − b·x̄', () => {
		const x = [1, 2, 4, 5, 8];
		const y = [3, 4, 8, 9, 15];
		const sxy = sum(x.map((v, i) => (v - mean(x)) * (y[i]! - mean(y))));
		const sxx = sum(x.map((v) => (v - mean(x)) ** 2));
		const fit = fitGlm(fromRows(x.map((v) => [1, v])), y, { family: 'gaussian' });
		expectClose(fit.coefficients[1]!, sxy / sxx, 1e-13);
		expectClose(fit.coefficients[0]!, mean(y) - (sxy / sxx) * mean(x), 1e-13);
		const rss = sum(y.map((v, i) => (v - fit.fitted[i]!) ** 2));
		expectClose(fit.deviance, rss, 1e-13);
		expectClose(fit.dispersion, rss / 3, 1e-13);
		// Var(slope) = σ²/Sxx.
		expectClose(fit.covariance.data[3]!, rss / 3 / sxx, 1e-13);
	});
});

describe('Poisson and quasi-Poisson GLM', () => {
	const pre = [3, 5, 4, 6, 2, 4];
	const post = [7, 9, 8, 6];

	it('with an intercept and a step, gives exp(step) = post mean / pre mean and Var = 1/Σy each side', () => {
		const fit = fitGlm(groups(6, 4), [...pre, ...post], { family: 'poisson' });
		expect(fit.converged).toBe(true);
		expectClose(Math.exp(fit.coefficients[0]!), mean(pre), 1e-12);
		expectClose(Math.exp(fit.coefficients[1]!), mean(post) / mean(pre), 1e-12);
		// The log of a Poisson total T has variance 1/T, so Var(step) = 1/Σpre + 1/Σpost.
		expectClose(fit.covariance.data[3]!, 1 / sum(pre) + 1 / sum(post), 1e-12);
		expect(fit.dispersion).toBe(1);
	});

	it('quasi-Poisson keeps the estimates and scales the covariance by Pearson χ²/(n − p)', () => {
		const y = [...pre, ...post];
		const poisson = fitGlm(groups(6, 4), y, { family: 'poisson' });
		const quasi = fitGlm(groups(6, 4), y, { family: 'quasipoisson' });
		const pearson =
			sum(pre.map((v) => (v - mean(pre)) ** 2 / mean(pre))) + sum(post.map((v) => (v - mean(post)) ** 2 / mean(post)));
		expectClose(quasi.pearsonChi2, pearson, 1e-12);
		expectClose(quasi.dispersion, pearson / 8, 1e-12);
		expectClose(quasi.coefficients[1]!, poisson.coefficients[1]!, 1e-14);
		expectClose(quasi.covariance.data[3]!, (pearson / 8) * (1 / sum(pre) + 1 / sum(post)), 1e-12);
		const residuals = pearsonResiduals(quasi, y);
		expectClose(residuals[0]!, (3 - mean(pre)) / Math.sqrt(mean(pre)), 1e-12);
	});

	it('handles zero counts and an exposure offset: the ratio of pooled rates', () => {
		const y = [0, 2, 0, 1, 3, 0, 4, 5];
		const exposure = [10, 20, 10, 20, 15, 5, 10, 10];
		const fit = fitGlm(groups(4, 4), y, { family: 'poisson', offset: exposure.map(Math.log) });
		expect(fit.converged).toBe(true);
		const ratePre = 3 / 60;
		const ratePost = 12 / 40;
		expectClose(Math.exp(fit.coefficients[0]!), ratePre, 1e-12);
		expectClose(Math.exp(fit.coefficients[1]!), ratePost / ratePre, 1e-12);
		// Deviance by hand: y = 0 terms contribute 2μ.
		const mu = exposure.map((e, i) => e * (i < 4 ? ratePre : ratePost));
		const deviance = sum(y.map((v, i) => 2 * ((v > 0 ? v * Math.log(v / mu[i]!) : 0) - (v - mu[i]!))));
		expectClose(fit.deviance, deviance, 1e-12);
	});

	it('converges from a poor start on steep counts in a few iterations', () => {
		const t = Array.from({ length: 30 }, (_, i) => i);
		const y = t.map((i) => Math.round(Math.exp(0.25 * i)));
		const fit = fitGlm(fromRows(t.map((i) => [1, i])), y, { family: 'poisson' });
		expect(fit.converged).toBe(true);
		expect(fit.iterations).toBeLessThan(15);
		expectClose(fit.coefficients[1]!, 0.25, 1e-3);
	});
});
