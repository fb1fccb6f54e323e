/**
 * Benchmark: one full state-space counterfactual (maximum likelihood, the forecast averaged over
 * the variances, the diagnostics, the control-stability refits and the placebo refit) on
 *   · 104 weekly points (78 before the start) with one control: a level and a regression;
 *   · 130 monthly points (106 before the start) with the default yearly seasonal of 2 harmonics.
 * Run with `npx tsx bench/state-space.bench.ts`; `npm run bench:impact` runs it after
 * the ITS benchmark. Prints only: there is no target to fail yet.
 */
import { createRandom } from '../src/lib/demo/random';
import { stateSpaceCounterfactual, type StateSpaceInput, type StateSpaceOptions } from '../src/lib/stats';
import { monthlyDates, weeklyDates } from '../src/lib/stats/test-support';
import { timeRuns } from './support';

const WARM_UP = 10;
const REPETITIONS = 50;

function bench(label: string, input: StateSpaceInput, options: StateSpaceOptions): void {
	const run = () => stateSpaceCounterfactual(input, options);
	const check = run();
	if (!check.ok) throw new Error(check.reason);
	const { median, p95 } = timeRuns(run, WARM_UP, REPETITIONS);
	console.log(
		`${label}: median ${median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (${check.diagnostics.optimiser.evaluations} likelihood evaluations in the main fit)`
	);
}

const random = createRandom(2024, 'state-space-bench');
const weeks = weeklyDates(104);
let walk = 0;
const reach = weeks.map((_, i) => 400 + (walk += random.normal(0, 10)) + 60 * Math.sin((2 * Math.PI * i) / 52));
let level = 0;
const visits = reach.map(
	(x, i) => 200 + (level += random.normal(0, 2)) + 0.5 * x + random.normal(0, 8) + (i >= 78 ? 25 : 0)
);
const months = monthlyDates(130, 2015, 1);
const circulation = months.map((_, i) =>
	random.overdispersed(900 * Math.exp(0.002 * i + 0.2 * Math.sin((2 * Math.PI * i) / 12)) * (i >= 106 ? 1.1 : 1), 40)
);

console.log(
	`State-space counterfactual, ${REPETITIONS} runs after ${WARM_UP} warm-up each, with diagnostics, stability and placebo refits:`
);
bench(
	'104 weekly points, level + 1 control     ',
	{ dates: weeks, values: visits, controls: [{ name: 'reach', values: reach }] },
	{ start: weeks[78]! }
);
bench(
	'130 monthly points, level + yearly season',
	{ dates: months, values: circulation },
	{ start: months[106]!, log: true }
);
