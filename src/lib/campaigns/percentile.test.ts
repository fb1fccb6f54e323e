import { describe, expect, it } from 'vitest';
import { quantile } from './percentile';

describe('quantile (type 7)', () => {
	it('matches hand computation: h = (n − 1)p, interpolate between neighbours', () => {
		const tenHours = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
		expect(quantile(tenHours, 0.5)).toBeCloseTo(5.5, 12); // h = 4.5 → 5 + 0.5·1
		expect(quantile(tenHours, 0.9)).toBeCloseTo(9.1, 12); // h = 8.1 → 9 + 0.1·1, as R's quantile(1:10, 0.9)
		const unsorted = [0.5, 4, 2, 10, 1]; // sorted 0.5, 1, 2, 4, 10
		expect(quantile(unsorted, 0.5)).toBe(2); // h = 2
		expect(quantile(unsorted, 0.9)).toBeCloseTo(7.6, 12); // h = 3.6 → 4 + 0.6·6
	});
	it('handles the edges', () => {
		expect(quantile([3], 0.9)).toBe(3);
		expect(quantile([], 0.5)).toBeNull();
		expect(quantile([1, 2], 1)).toBe(2);
		expect(quantile([1, 2], Number.NaN)).toBeNull();
	});
});
