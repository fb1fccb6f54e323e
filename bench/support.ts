/** Times `run` after warming up: the median, 95th percentile and slowest of `repetitions` runs, in ms. */
export function timeRuns(
	run: () => unknown,
	warmUp: number,
	repetitions: number
): { median: number; p95: number; max: number } {
	for (let i = 0; i < warmUp; i++) run();
	const times: number[] = [];
	for (let i = 0; i < repetitions; i++) {
		const started = performance.now();
		run();
		times.push(performance.now() - started);
	}
	times.sort((a, b) => a - b);
	const quantile = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!;
	return { median: quantile(0.5), p95: quantile(0.95), max: times[times.length - 1]! };
}
