/**
 * `npm run bench:calibration`: how often Lantern's 95% intervals cover the truth and how often it
 * calls a campaign that did nothing a clear effect, by series shape, for the interrupted time
 * series (the Impact panel's estimate) and the state-space cross-check (against the other branch).
 * Seeded, so every machine prints the same table; `-- --draws N` changes the draws per shape.
 */
import { createRandom } from '../src/lib/demo/random';
import type { ImpactPanelData } from '../src/lib/domain/impact';
import type { ItsResult, StateSpaceResult } from '../src/lib/stats';
import { openPanelHarness } from './calibration/panel';
import { PLACEBO_SERIES, placeboRun, REAL_INTERVENTIONS } from './calibration/real-series';
import { formatSignedPercent } from '../src/lib/format';
import { SHAPES, shapeDates } from './calibration/shapes';

const drawsArgument = process.argv.indexOf('--draws');
const DRAWS = drawsArgument > 0 ? Number(process.argv[drawsArgument + 1]) : 200;

type Result = ItsResult | StateSpaceResult;

/** Estimates made, intervals that held the truth, and no-effect runs called clear. */
class Tally {
	refused = 0;
	estimated = 0;
	covered = 0;
	nullEstimated = 0;
	clear = 0;
	families = new Set<string>();

	/** With a campaign: does the interval of the cumulative effect hold the true actual − counterfactual? */
	effect(result: Result, truth: number): void {
		if (!result.ok) return void this.refused++;
		this.estimated++;
		const { absoluteLower, absoluteUpper } = result.summary.cumulative;
		if (absoluteLower <= truth && truth <= absoluteUpper) this.covered++;
		if ('family' in result.options) this.families.add(result.options.family);
	}

	/** Without one: is the interval clear of 0, so the paragraph reports an effect? */
	noEffect(result: Result): void {
		if (!result.ok) return void this.refused++;
		this.nullEstimated++;
		const { absoluteLower, absoluteUpper } = result.summary.average;
		if (absoluteLower > 0 || absoluteUpper < 0) this.clear++;
		if ('family' in result.options) this.families.add(result.options.family);
	}
}

const percent = (part: number, whole: number) => (whole === 0 ? '–' : `${((100 * part) / whole).toFixed(1)}%`);
const FAMILY: Record<string, string> = { quasipoisson: 'quasi-Poisson', gaussian: 'Gaussian', poisson: 'Poisson' };

function row(shape: string, runs: string, its: Tally, stateSpace: Tally, realOnly = false): string {
	const families = [...its.families].map((f) => FAMILY[f] ?? f).join(', ') || '–';
	// A placebo start has no effect, so its coverage is the share of intervals that include 0.
	const coverage = (t: Tally) =>
		realOnly ? percent(t.nullEstimated - t.clear, t.nullEstimated) : percent(t.covered, t.estimated);
	const cells = [coverage(its), percent(its.clear, its.nullEstimated), coverage(stateSpace)];
	cells.push(percent(stateSpace.clear, stateSpace.nullEstimated), `${its.refused} / ${stateSpace.refused}`);
	return `| ${shape} | ${runs} | ${families} | ${cells.join(' | ')} |`;
}

const started = performance.now();
const lines = [
	'| Series | Runs | ITS family | ITS coverage | ITS false clear | State-space coverage | State-space false clear | Refused (ITS / state-space) |',
	'|---|---|---|---|---|---|---|---|'
];
const harness = await openPanelHarness();
try {
	for (const shape of SHAPES) {
		const dates = shapeDates(shape);
		const start = dates[shape.before]!;
		const end = dates.at(-1)!;
		const its = new Tally();
		const stateSpace = new Tally();
		for (let seed = 0; seed < DRAWS; seed++) {
			const random = createRandom(seed, `calibration:${shape.name}`);
			const { target, control } = shape.draw(random.fork('series'));
			const run = (values: number[]): Promise<ImpactPanelData> =>
				harness[shape.kind]({ dates, target: values, control }, start, end);
			const none = await run(target);
			its.noEffect(none.result);
			stateSpace.noEffect(controlledResult(none));

			const post = shape.withEffect(random.fork('effect'), target.slice(shape.before));
			const treated = [...target.slice(0, shape.before), ...post];
			const truth = sum(post) - sum(target.slice(shape.before));
			const panel = await run(treated);
			its.effect(panel.result, truth);
			stateSpace.effect(controlledResult(panel), truth);
		}
		lines.push(row(shape.name, `${DRAWS} + ${DRAWS}`, its, stateSpace));
		console.error(`${shape.name}: ${((performance.now() - started) / 1000).toFixed(0)} s`);
	}
} finally {
	await harness.close();
}
for (const series of PLACEBO_SERIES) {
	const its = new Tally();
	const stateSpace = new Tally();
	for (const start of series.starts) {
		const run = placeboRun(series, start, series.after);
		its.noEffect(run.its);
		stateSpace.noEffect(run.stateSpace);
	}
	lines.push(row(series.name, `${series.starts.length} placebo starts`, its, stateSpace, true));
}
const real = [
	'| Real intervention | ITS: relative effect (95% interval) | State-space: relative effect (95% interval), points compared |',
	'|---|---|---|'
];
for (const { series, start } of REAL_INTERVENTIONS) {
	const { its, stateSpace } = placeboRun(series, start, series.after);
	const points = stateSpace.ok ? `, ${stateSpace.summary.points} points` : '';
	real.push(`| ${series.name} | ${relativeEffect(its)} | ${relativeEffect(stateSpace)}${points} |`);
}
const seconds = (performance.now() - started) / 1000;
console.log(lines.join('\n'));
console.log(`\n${real.join('\n')}`);
console.log(
	`\n${DRAWS} draws of each simulated shape without and with an effect (seeds 0–${DRAWS - 1}); ${seconds.toFixed(0)} s on this machine.`
);

function controlledResult(panel: ImpactPanelData): StateSpaceResult {
	if (!panel.controlled) throw new Error(`no cross-check for ${panel.metric}`);
	return panel.controlled.result;
}

function relativeEffect(result: Result): string {
	if (!result.ok) return result.reason;
	const { relative, relativeLower, relativeUpper } = result.summary.average;
	const signed = (x: number) => formatSignedPercent(x, 0);
	return `${signed(relative)} (${signed(relativeLower)} to ${signed(relativeUpper)})`;
}

function sum(values: number[]): number {
	return values.reduce((a, b) => a + b, 0);
}
