import { describe, expect, it } from 'vitest';
import { expectClose } from '../test-support';
import { fitStructural } from './fit';
import { structuralModel } from './structural-model';

/*
 * Annual flow of the Nile at Aswan, 1871–1970 (10⁸ m³): R's datasets::Nile, the series of Durbin &
 * Koopman (2012), "Time Series Analysis by State Space Methods", 2nd ed., ch. 2. Checked value by
 * value against a public printout of R's `Nile`.
 */
const NILE = [
	1120, 1160, 963, 1210, 1160, 1160, 813, 1230, 1370, 1140, 995, 935, 1110, 994, 1020, 960, 1180, 799, 958, 1140, 1100,
	1210, 1150, 1250, 1260, 1220, 1030, 1100, 774, 840, 874, 694, 940, 833, 701, 916, 692, 1020, 1050, 969, 831, 726, 456,
	824, 702, 1120, 1100, 832, 764, 821, 768, 845, 864, 862, 698, 845, 744, 796, 1040, 759, 781, 865, 845, 944, 984, 897,
	822, 1010, 771, 676, 649, 846, 812, 742, 801, 1040, 860, 874, 848, 890, 744, 749, 838, 1050, 918, 986, 797, 923, 975,
	815, 1020, 906, 901, 1170, 912, 746, 919, 718, 714, 740
];

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
