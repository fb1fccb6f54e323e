import { describe, expect, it } from 'vitest';
import { nelderMead } from './optimise';

describe('Nelder–Mead', () => {
	it('finds the minimum of the Rosenbrock valley at (1, 1)', () => {
		// Reference: f(x, y) = (1 − x)² + 100(y − x²)² has its only minimum, 0, at (1, 1).
		const rosenbrock = (p: Float64Array) => (1 - p[0]!) ** 2 + 100 * (p[1]! - p[0]! ** 2) ** 2;
		const result = nelderMead(rosenbrock, [-1.2, 1], {
			valueTolerance: 1e-14,
			pointTolerance: 1e-8,
			maxEvaluations: 5000
		});
		expect(result.converged).toBe(true);
		expect(Math.abs(result.x[0]! - 1)).toBeLessThan(1e-5);
		expect(Math.abs(result.x[1]! - 1)).toBeLessThan(1e-5);
	});

	it('is deterministic and treats a failed evaluation as infinitely bad', () => {
		const bowl = (p: Float64Array) => (p[0]! < -5 ? NaN : (p[0]! - 2) ** 2 + (p[1]! + 1) ** 2);
		const first = nelderMead(bowl, [0, 0]);
		const second = nelderMead(bowl, [0, 0]);
		expect(Array.from(first.x)).toEqual(Array.from(second.x));
		expect(first.evaluations).toBe(second.evaluations);
		expect(Math.abs(first.x[0]! - 2)).toBeLessThan(1e-5);
	});
});
