import { describe, expect, it } from 'vitest';
import { toRows } from '../numeric';
import { itsDesign, parameterCount } from './design';

const column = (rows: number[][], j: number) => rows.map((row) => row[j]);

describe('ITS design matrix', () => {
	it('counts time from the start, steps at the start and counts the slope change from the start', () => {
		const design = itsDesign({ n: 6, startIndex: 3, slope: true, lag: 0, harmonics: 0, period: 52 });
		const rows = toRows(design.x);
		expect(design.names).toEqual(['intercept', 'trend', 'level change', 'slope change']);
		expect(column(rows, 0)).toEqual([1, 1, 1, 1, 1, 1]);
		expect(column(rows, 1)).toEqual([-3, -2, -1, 0, 1, 2]);
		expect(column(rows, 2)).toEqual([0, 0, 0, 1, 1, 1]);
		expect(column(rows, 3)).toEqual([0, 0, 0, 0, 1, 2]);
		expect(design.interventionColumns).toEqual([2, 3]);
		expect(design.slopeColumn).toBe(3);
	});

	it('phases the level change in linearly over the lag window', () => {
		const design = itsDesign({ n: 7, startIndex: 2, slope: false, lag: 2, harmonics: 0, period: 52 });
		expect(column(toRows(design.x), 2)).toEqual([0, 0, 1 / 3, 2 / 3, 1, 1, 1]);
		expect(design.slopeColumn).toBeNull();
		expect(design.interventionColumns).toEqual([2]);
	});

	it('adds Fourier pairs and leaves out the sine that is zero at half the period', () => {
		const design = itsDesign({ n: 8, startIndex: 4, slope: false, lag: 0, harmonics: 2, period: 4 });
		expect(design.names).toEqual([
			'intercept',
			'trend',
			'level change',
			'sin(k=1, period 4)',
			'cos(k=1, period 4)',
			'cos(k=2, period 4)'
		]);
		const rows = toRows(design.x);
		column(rows, 3).forEach((v, i) => expect(v).toBeCloseTo([0, 1, 0, -1][i % 4]!, 14));
		column(rows, 5).forEach((v, i) => expect(v).toBeCloseTo(i % 2 === 0 ? 1 : -1, 14));
		expect(parameterCount({ slope: false, harmonics: 2, period: 4 })).toBe(6);
	});

	it('keeps the Fourier phase of a sub-series that starts later', () => {
		const whole = toRows(itsDesign({ n: 10, startIndex: 8, slope: false, lag: 0, harmonics: 1, period: 5 }).x);
		const tail = toRows(
			itsDesign({ n: 4, startIndex: 2, slope: false, lag: 0, harmonics: 1, period: 5, firstIndex: 6 }).x
		);
		tail.forEach((row, i) => expect(row.slice(3)).toEqual(whole[6 + i]!.slice(3)));
	});

	it('uses one indicator per month seen, the first month as the baseline', () => {
		const months = [11, 12, 1, 2, 11, 12, 1, 2];
		const design = itsDesign({ n: 8, startIndex: 4, slope: false, lag: 0, harmonics: 0, period: 12, months });
		expect(design.names.slice(3)).toEqual(['month Feb', 'month Nov', 'month Dec']);
		expect(column(toRows(design.x), 4)).toEqual([1, 0, 0, 0, 1, 0, 0, 0]);
		expect(parameterCount({ slope: true, harmonics: 0, period: 12, months })).toBe(7);
	});
});
