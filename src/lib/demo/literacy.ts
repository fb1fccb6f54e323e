/** Weekly summer reading sign-ups and finishers in Lantern's literacy template. */
import { isoFromDay } from '../calendar';
import { nthWeekday } from './calendar';
import { EFFECT_SIZE, SUMMER_READING_GROWTH_PER_YEAR, SUMMER_READS_2026, inWindow } from './campaigns';
import { csvDocument } from './csv';
import { BRANCHES, FILE_NAMES, type Branch } from './library';
import type { Random } from './random';
import { tally, type Tally } from './tally';

export const LITERACY_HEADER = 'period_start,period,branch,program,age_group,metric,value';
export const SUMMER_YEARS = [2024, 2025, 2026] as const;
export const SUMMER_WEEKS = 10;
export const AGE_GROUPS = ['Early literacy (0-5)', 'Kids (6-11)', 'Teens (12-17)', 'Adults (18+)'] as const;
type AgeGroup = (typeof AGE_GROUPS)[number];

/** Registrations over a whole 2024 summer. */
const SUMMER_REGISTRATIONS: Record<Branch, number> = { Central: 1_400, Eastside: 820, Riverside: 560 };

const AGE_SHARE: Record<AgeGroup, number> = {
	'Early literacy (0-5)': 0.24,
	'Kids (6-11)': 0.44,
	'Teens (12-17)': 0.14,
	'Adults (18+)': 0.18
};

const COMPLETION_RATE: Record<AgeGroup, number> = {
	'Early literacy (0-5)': 0.52,
	'Kids (6-11)': 0.46,
	'Teens (12-17)': 0.31,
	'Adults (18+)': 0.38
};

/** Sign-ups cluster at the kickoff; finishers cluster at the end. Each list sums to 1. */
const REGISTRATION_WEEKS = [0.26, 0.17, 0.12, 0.1, 0.08, 0.07, 0.06, 0.06, 0.05, 0.03];
const COMPLETION_WEEKS = [0, 0, 0.01, 0.02, 0.04, 0.07, 0.11, 0.17, 0.25, 0.33];

/** Gamma-Poisson shape for weekly counts: about 13% extra noise on top of Poisson. */
const NOISE_SHAPE = 60;

export interface LiteracyResult {
	name: string;
	content: string;
	rows: number;
	registrations2026: Tally;
	completions2026: Tally;
}

export function firstSummerMonday(year: number): number {
	return nthWeekday(year, 6, 1, 1);
}

export function generateSummerReading(random: Random): LiteracyResult {
	const rows: string[][] = [];
	const registrations2026 = tally();
	const completions2026 = tally();

	for (const year of SUMMER_YEARS) {
		const growth = SUMMER_READING_GROWTH_PER_YEAR ** (year - 2024);
		const firstMonday = firstSummerMonday(year);
		for (let week = 0; week < SUMMER_WEEKS; week++) {
			const monday = firstMonday + week * 7;
			const campaign = inWindow(monday, SUMMER_READS_2026);
			for (const branch of BRANCHES) {
				for (const ageGroup of AGE_GROUPS) {
					const summerTotal = SUMMER_REGISTRATIONS[branch] * AGE_SHARE[ageGroup] * growth;
					const expectedRegistrations = summerTotal * (REGISTRATION_WEEKS[week] ?? 0);
					const expectedCompletions = summerTotal * COMPLETION_RATE[ageGroup] * (COMPLETION_WEEKS[week] ?? 0);
					const registrations = random.overdispersed(
						expectedRegistrations * (campaign ? EFFECT_SIZE.summerRegistrations2026 : 1),
						NOISE_SHAPE
					);
					const completions = random.overdispersed(
						expectedCompletions * (campaign ? EFFECT_SIZE.summerCompletions2026 : 1),
						NOISE_SHAPE
					);
					const program = `Summer Reading ${year}`;
					const start = isoFromDay(monday);
					rows.push([start, 'week', branch, program, ageGroup, 'registrations', String(registrations)]);
					rows.push([start, 'week', branch, program, ageGroup, 'completions', String(completions)]);
					if (year === 2026) {
						registrations2026.add(registrations, expectedRegistrations);
						completions2026.add(completions, expectedCompletions);
					}
				}
			}
		}
	}

	return {
		name: FILE_NAMES.summerReading,
		content: csvDocument(LITERACY_HEADER, rows, { style: 'minimal' }),
		rows: rows.length,
		registrations2026,
		completions2026
	};
}
