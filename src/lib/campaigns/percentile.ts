/**
 * The p-quantile (0 ≤ p ≤ 1) by Hyndman and Fan's type 7, R's and NumPy's default: linear
 * interpolation between order statistics at h = (n − 1)·p. Null for no values.
 */
export function quantile(values: readonly number[], p: number): number | null {
	if (values.length === 0 || !(p >= 0 && p <= 1)) return null;
	const sorted = [...values].sort((a, b) => a - b);
	const h = (sorted.length - 1) * p;
	const below = Math.floor(h);
	const low = sorted[below] as number;
	const high = sorted[Math.min(below + 1, sorted.length - 1)] as number;
	return low + (h - below) * (high - low);
}
