import { describe, expect, it } from 'vitest';
import { NILE } from '../public-series';
import { expectClose } from '../test-support';
import { fitStructural } from './fit';
import { structuralModel } from './structural-model';

describe('maximum likelihood for a structural model', () => {
	it('reproduces Durbin & Koopman’s local level fit of the Nile', () => {
		/*
		 * Reference: D&K (2012) §2.10: σ̂²_ε = 15099, σ̂²_η = 1469.1, log-likelihood −632.54. Their
		 * log-likelihood counts log 2π for the 99 points after the first (which only fixes the diffuse
		 * level); the same convention here gives −632.5456 (SciPy's Nelder–Mead on the same
		 * recursion: 15098.5, 1469.18, −632.54563). Counting log 2π for all 100 points, as D&K's
		 * (7.4) does, would give −633.4646. Tolerances: 0.1% on the variances, 0.01 on the log-likelihood.
		 */
		expect(NILE).toHaveLength(100);
		const fit = fitStructural(
			structuralModel({ trend: 'level', seasonal: null, controls: [], points: 100 }),
			NILE,
			0,
			100
		);
		expectClose(fit.variances.observation, 15099, 1e-3);
		expectClose(fit.variances.level, 1469.1, 1e-3);
		expect(Math.abs(fit.logLikelihood - -632.54)).toBeLessThan(0.01);
		expect(fit.run.diffuseSteps).toBe(1);
		expect(fit.variances.slope).toBeNull();
		expect(fit.converged).toBe(true);
	});

	it('finds the same optimum from the variances of the data scaled by 1,000', () => {
		// The concentrated likelihood is scale-free in the ratios: scaling y scales σ̂² by 10⁶ exactly.
		const fit = fitStructural(
			structuralModel({ trend: 'level', seasonal: null, controls: [], points: 100 }),
			NILE.map((v) => v * 1000),
			0,
			100
		);
		expectClose(fit.variances.observation, 15099e6, 1e-3);
		expectClose(fit.variances.level, 1469.1e6, 1e-3);
	});
});
