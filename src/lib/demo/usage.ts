/** Monthly branch usage in Lantern's long usage template: circulation, digital, visits, new cards. */
import { dayParts, isoFromDay, type Day } from '../calendar';
import { monthStarts } from './calendar';
import {
	EFFECT_SIZE,
	LIBRARY_CARD_MONTH_2025,
	PATRON_STORIES_2025,
	STAFF_PICKS_WINTER_2026,
	inWindow,
	type Campaign
} from './campaigns';
import { csvDocument } from './csv';
import { BRANCHES, FILE_NAMES, SPAN, type Branch } from './library';
import type { Random } from './random';
import { tally, type Tally } from './tally';

export const USAGE_HEADER = 'period_start,period,branch,metric,value';
export const USAGE_METRICS = ['circulation', 'digital_checkouts', 'visits', 'new_cards'] as const;
export type UsageMetric = (typeof USAGE_METRICS)[number];

/** Average month at each branch in the first year (Nov 2023 - Oct 2024). */
const MONTHLY_LEVEL: Record<Branch, Record<UsageMetric, number>> = {
	Central: { circulation: 18_000, digital_checkouts: 4_000, visits: 12_000, new_cards: 250 },
	Eastside: { circulation: 9_800, digital_checkouts: 2_150, visits: 7_300, new_cards: 140 },
	Riverside: { circulation: 6_700, digital_checkouts: 1_500, visits: 5_100, new_cards: 95 }
};

/** January … December. Summer reading lifts circulation and visits; cards peak at back-to-school. */
const SEASON: Record<UsageMetric, readonly number[]> = {
	circulation: [0.98, 0.93, 1.02, 0.97, 0.95, 1.15, 1.21, 1.08, 0.95, 0.98, 0.92, 0.81],
	digital_checkouts: [1.09, 1.0, 1.0, 0.96, 0.95, 1.01, 1.04, 1.0, 0.95, 0.97, 0.99, 1.07],
	visits: [0.93, 0.95, 1.03, 0.99, 0.97, 1.17, 1.23, 1.07, 0.96, 1.0, 0.91, 0.79],
	new_cards: [0.95, 0.84, 0.96, 0.9, 0.95, 1.26, 1.12, 1.2, 1.3, 1.0, 0.82, 0.66]
};

/** Digital lending keeps growing; the physical metrics are flat apart from season. */
const GROWTH_PER_YEAR: Record<UsageMetric, number> = {
	circulation: 1,
	digital_checkouts: 1.08,
	visits: 1,
	new_cards: 1
};

/** Gamma-Poisson shape: month-to-month noise of about 4% (circulation) to 6% (new cards). */
const NOISE_SHAPE: Record<UsageMetric, number> = {
	circulation: 600,
	digital_checkouts: 700,
	visits: 500,
	new_cards: 400
};

export interface UsageResult {
	name: string;
	content: string;
	rows: number;
	newCardsDuringCardMonth: Tally;
	circulationDuringStaffPicks: Tally;
	visitsDuringPatronStories: Tally;
}

export function generateUsage(random: Random): UsageResult {
	const rows: string[][] = [];
	const cardMonth = tally();
	const staffPicks = tally();
	const patronStories = tally();
	const months = monthStarts(SPAN.from, SPAN.to);

	months.forEach((monthStart, index) => {
		const { month } = dayParts(monthStart);
		for (const branch of BRANCHES) {
			for (const metric of USAGE_METRICS) {
				const seasonal = SEASON[metric][month - 1] ?? 1;
				const counterfactual =
					MONTHLY_LEVEL[branch][metric] * (seasonal / seasonMean(metric)) * GROWTH_PER_YEAR[metric] ** (index / 12);
				const multiplier =
					metric === 'new_cards' && inMonth(monthStart, LIBRARY_CARD_MONTH_2025)
						? EFFECT_SIZE.libraryCardMonthNewCards
						: 1;
				const value = random.overdispersed(counterfactual * multiplier, NOISE_SHAPE[metric]);
				rows.push([isoFromDay(monthStart), 'month', branch, metric, String(value)]);

				if (metric === 'new_cards' && inMonth(monthStart, LIBRARY_CARD_MONTH_2025))
					cardMonth.add(value, counterfactual);
				if (metric === 'circulation' && inMonth(monthStart, STAFF_PICKS_WINTER_2026))
					staffPicks.add(value, counterfactual);
				if (metric === 'visits' && inMonth(monthStart, PATRON_STORIES_2025)) patronStories.add(value, counterfactual);
			}
		}
	});

	return {
		name: FILE_NAMES.usage,
		content: csvDocument(USAGE_HEADER, rows, { style: 'minimal' }),
		rows: rows.length,
		newCardsDuringCardMonth: cardMonth,
		circulationDuringStaffPicks: staffPicks,
		visitsDuringPatronStories: patronStories
	};
}

function seasonMean(metric: UsageMetric): number {
	return SEASON[metric].reduce((sum, value) => sum + value, 0) / 12;
}

/** Whether a campaign runs on any day of the month that starts on monthStart. */
function inMonth(monthStart: Day, campaign: Campaign): boolean {
	for (let day = monthStart; dayParts(day).month === dayParts(monthStart).month; day++) {
		if (inWindow(day, campaign)) return true;
	}
	return false;
}
