/**
 * Made-up branch series of the shapes library data takes, none of them the generator the
 * estimators were tuned on (a Gaussian level plus a wandering control, tests beside the code):
 * counts with empty weeks, a monthly season, a short history, a branch with its own trend, and a
 * percentage. Each draw gives the series without a campaign; `withEffect` adds one.
 */
import type { Random } from '../../src/lib/demo/random';
import { monthlyDates, weeklyDates } from '../../src/lib/stats/test-support';

export interface Shape {
	name: string;
	/** How the panel receives it: monthly usage or weekly program attendance. */
	kind: 'monthly' | 'weekly';
	before: number;
	after: number;
	/** The target branch and the untouched control branch, with no campaign. */
	draw(random: Random): { target: number[]; control: number[] };
	/** The target's post-period values once a campaign of a random size has acted on them. */
	withEffect(random: Random, post: number[]): number[];
}

/** The yearly swing of a library series on the log scale: a summer peak and a winter dip. */
function season(i: number, period: number, amplitude: number, phase: number): number {
	const angle = (2 * Math.PI * i) / period + phase;
	return amplitude * (Math.cos(angle) + 0.4 * Math.sin(2 * angle));
}

/** A random walk on the log scale that every branch shares (the library's fortunes). */
function sharedWalk(random: Random, n: number, step: number): number[] {
	let walk = 0;
	return Array.from({ length: n }, () => (walk += random.normal(0, step)));
}

const multiply =
	(low: number, high: number) =>
	(random: Random, post: number[]): number[] => {
		const ratio = random.uniform(low, high);
		return post.map((v) => Math.round(v * ratio));
	};

function monthlyCounts(options: {
	name: string;
	before: number;
	after: number;
	amplitude: number;
	/** Largest own trend of the target, per month on the log scale. */
	trend: number;
}): Shape {
	const { before, after, amplitude, trend } = options;
	const n = before + after;
	return {
		name: options.name,
		kind: 'monthly',
		before,
		after,
		draw(random) {
			const common = sharedWalk(random, n, 0.02);
			const phase = random.uniform(0, 2 * Math.PI);
			const growth = random.uniform(-trend, trend);
			const base = random.uniform(150, 600);
			const ratio = random.uniform(0.8, 2);
			const mean = (i: number) => Math.log(base) + common[i]! + season(i, 12, amplitude, phase);
			return {
				target: Array.from({ length: n }, (_, i) =>
					random.overdispersed(Math.exp(mean(i) + growth * (i - before)), 40)
				),
				control: Array.from({ length: n }, (_, i) => random.overdispersed(ratio * Math.exp(mean(i)), 40))
			};
		},
		withEffect: multiply(0.8, 1.5)
	};
}

export const SHAPES: readonly Shape[] = [
	{
		name: 'Weekly attendance with 10–20% empty weeks (130 + 26 weeks)',
		kind: 'weekly',
		before: 130,
		after: 26,
		draw(random) {
			const n = 156;
			const common = sharedWalk(random, n, 0.01);
			const phase = random.uniform(0, 2 * Math.PI);
			const branch = (mean: number) => {
				const empty = random.uniform(0.1, 0.2);
				return Array.from({ length: n }, (_, i) =>
					random.chance(empty)
						? 0
						: Math.max(1, random.overdispersed(mean * Math.exp(common[i]! + season(i, 365.25 / 7, 0.2, phase)), 20))
				);
			};
			return { target: branch(random.uniform(6, 20)), control: branch(random.uniform(6, 20)) };
		},
		withEffect: multiply(0.8, 1.5)
	},
	monthlyCounts({
		name: 'Monthly counts, yearly season (36 + 12 months)',
		before: 36,
		after: 12,
		amplitude: 0.25,
		trend: 0
	}),
	monthlyCounts({ name: 'Monthly counts, short (12 + 4 months)', before: 12, after: 4, amplitude: 0.1, trend: 0 }),
	monthlyCounts({
		name: 'Monthly counts, own trend ±2%/month (36 + 12 months)',
		before: 36,
		after: 12,
		amplitude: 0.25,
		trend: 0.02
	}),
	{
		name: 'Monthly percentage, Gaussian (36 + 12 months)',
		kind: 'monthly',
		before: 36,
		after: 12,
		draw(random) {
			const n = 48;
			const phase = random.uniform(0, 2 * Math.PI);
			const shared = sharedWalk(random, n, 0.5);
			const branch = (mean: number) => {
				let noise = 0;
				return Array.from({ length: n }, (_, i) => {
					// AR(1) errors: a good month tends to follow a good month.
					noise = 0.5 * noise + random.normal(0, 2);
					return Math.round(10 * (mean + shared[i]! + 10 * season(i, 12, 0.3, phase) + noise)) / 10;
				});
			};
			return { target: branch(random.uniform(45, 75)), control: branch(random.uniform(45, 75)) };
		},
		withEffect(random, post) {
			const change = random.uniform(-5, 8);
			return post.map((v) => Math.round(10 * (v + change)) / 10);
		}
	}
];

export function shapeDates(shape: Shape): string[] {
	const n = shape.before + shape.after;
	return shape.kind === 'weekly' ? weeklyDates(n, '2022-01-03') : monthlyDates(n, 2022, 1);
}
