/**
 * Benchmark: one full interrupted-time-series estimate (fit, counterfactual, summary, diagnostics
 * and the placebo refit) on 260 weekly points with two yearly harmonic pairs. Target: under 5 ms.
 * Run with `npx tsx bench/its.bench.ts`.
 */
import { createRandom } from '../src/lib/demo/random';
import { interruptedTimeSeries } from '../src/lib/stats';
import { weeklyDates } from '../src/lib/stats/test-support';
import { timeRuns } from './support';

const POINTS = 260;
const START = 208;
const WARM_UP = 50;
const REPETITIONS = 200;
const TARGET_MS = 5;

const random = createRandom(2024, 'its-bench');
const dates = weeklyDates(POINTS);
const values = dates.map((_, i) =>
	random.overdispersed(
		120 * Math.exp(0.001 * i + 0.25 * Math.sin((2 * Math.PI * i) / 52)) * (i >= START ? 1.15 : 1),
		25
	)
);

function bench(label: string, family: 'quasipoisson' | 'gaussian', series: number[]): number {
	const run = () =>
		interruptedTimeSeries(
			{ dates, values: series },
			{ start: dates[START]!, family, harmonics: 2, period: 52, slope: true }
		);
	const check = run();
	if (!check.ok) throw new Error(check.reason);
	const { median, p95, max } = timeRuns(run, WARM_UP, REPETITIONS);
	console.log(`${label}: median ${median.toFixed(3)} ms, p95 ${p95.toFixed(3)} ms, max ${max.toFixed(3)} ms`);
	return p95;
}

console.log(
	`ITS fit on ${POINTS} weekly points, 2 harmonics (period 52), slope change, with diagnostics and the placebo refit;`
);
console.log(`${REPETITIONS} runs after ${WARM_UP} warm-up each (target: under ${TARGET_MS} ms)`);
const worst = Math.max(
	bench('quasi-Poisson      ', 'quasipoisson', values),
	bench(
		'Gaussian/Newey-West',
		'gaussian',
		values.map((v) => v / 7)
	)
);
if (worst >= TARGET_MS) process.exitCode = 1;

// The state-space counterfactual's benchmark runs alongside, so `npm run bench:impact` shows both.
await import('./state-space.bench');
