import { describe, expect, it } from 'vitest';
import { toRows } from '../numeric';
import { expectClose } from '../test-support';
import { deterministicDesign, structuralModel } from './structural-model';

describe('structural model layout', () => {
	it('lays out level, slope, seasonal pairs and coefficients, with a single state at the Nyquist harmonic', () => {
		const control = Float64Array.of(0.5, -1, 2, 0, 1, -0.5);
		const model = structuralModel({
			trend: 'local-linear',
			seasonal: { period: 4, harmonics: 2 },
			controls: [control],
			points: 6
		});
		// level, slope, cos/sin of cycle 1, the flipping state of cycle 2 (period 4 / 2), one coefficient.
		expect(model.stateNames).toEqual([
			'level',
			'slope',
			'seasonal cycle 1 (cosine)',
			'seasonal cycle 1 (sine)',
			'seasonal cycle 2',
			'control 1'
		]);
		expect(model.model.stateSize).toBe(6);
		expect(model.regressionOffset).toBe(5);
		expect(model.components).toEqual(['level', 'slope', 'seasonal']);
		model.setRatios([0.5, 0.01, 0.2]);
		expect(Array.from(model.model.stateVariance)).toEqual([0.5, 0.01, 0.2, 0.2, 0.2, 0]);
	});

	it('unrolls the diffuse states into the deterministic columns they stand for', () => {
		/*
		 * By hand: a level is 1; a slope is t; the first harmonic of period 4 rotates by 90° a step,
		 * so the cosine state contributes cos(πt/2) and the sine state sin(πt/2); the Nyquist state
		 * contributes (−1)ᵗ; the coefficient contributes the control itself.
		 */
		const control = Float64Array.of(0.5, -1, 2, 0, 1, -0.5);
		const { model } = structuralModel({
			trend: 'local-linear',
			seasonal: { period: 4, harmonics: 2 },
			controls: [control],
			points: 6
		});
		const rows = toRows(deterministicDesign(model, 0, 6));
		rows.forEach((row, t) => {
			const expected = [1, t, Math.cos((Math.PI * t) / 2), Math.sin((Math.PI * t) / 2), (-1) ** t, control[t]!];
			row.forEach((v, j) => expectClose(v, expected[j]!, 1e-14, `t=${t}, column ${j}`));
		});
	});
});
