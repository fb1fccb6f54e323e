/**
 * The demo library's other records: LibInsight door counts for the last year, Project Outcome
 * survey responses from storytimes and workshops, and an IMLS PLS administrative-entity file with
 * Maple Valley and its fictional Illinois peers. None carries a baked effect.
 */
import { dayFromIso, isoFromDay, weekday } from '../calendar';
import { dayRange } from './calendar';
import { csvDocument } from './csv';
import { BRANCHES } from './library';
import type { Random } from './random';

const DOOR_FROM = '2025-11-01';
const DOOR_TO = '2026-10-31';
/** Weekday means of people through each branch's door (Sunday first); Sundays are closed at Riverside. */
const DOOR_MEANS: Record<string, number[]> = {
	Central: [220, 410, 430, 440, 450, 420, 380],
	Eastside: [90, 180, 200, 190, 200, 180, 170],
	Riverside: [0, 140, 150, 150, 160, 140, 130]
};

/** LibInsight gate-count import: cumulative readings that roll over at 99,999, one row per branch and day. */
export function generateGateCounts(random: Random): { name: string; content: string; rows: number } {
	const rows: string[][] = [];
	for (const branch of BRANCHES) {
		let counter = random.integer(60_000, 95_000);
		for (const day of dayRange(dayFromIso(DOOR_FROM), dayFromIso(DOOR_TO))) {
			const mean = DOOR_MEANS[branch]![weekday(day)]!;
			const visits = mean === 0 ? 0 : Math.max(0, Math.round(random.normal(mean, Math.sqrt(mean) * 1.3)));
			const end = (counter + visits) % 100_000;
			rows.push([isoFromDay(day), String(counter), String(end), branch]);
			counter = end;
		}
	}
	return {
		name: 'libinsight_gate_counts_2025-11_2026-10.csv',
		content: csvDocument('date,gate_start,gate_end,branch', rows, { style: 'minimal' }),
		rows: rows.length
	};
}

const AGREEMENT = ['Strongly Disagree', 'Disagree', 'Neither Agree nor Disagree', 'Agree', 'Strongly Agree'];
const SURVEYS = [
	{
		topic: 'Early Childhood Literacy',
		program: 'Preschool Storytime',
		branches: ['Central', 'Eastside', 'Riverside'],
		lean: [0.01, 0.03, 0.08, 0.38, 0.5]
	},
	{
		topic: 'Digital Learning',
		program: 'Intro to Spreadsheets',
		branches: ['Central'],
		lean: [0.03, 0.06, 0.14, 0.45, 0.32]
	},
	{
		topic: 'Summer Reading',
		program: 'Summer Reading 2026',
		branches: ['Central', 'Eastside', 'Riverside'],
		lean: [0.02, 0.04, 0.12, 0.4, 0.42]
	}
];
const LIKED = [
	'The songs and the puppets',
	'Patient, friendly staff',
	'Learning at my own pace',
	'My kids loved the prizes',
	'Small group',
	''
];
const MORE = ['More evening sessions', 'Saturday times please', 'A follow-up class', 'Books to take home', ''];

/** Project Outcome responses, one row per response, immediate and follow-up. */
export function generateSurveys(random: Random): { name: string; content: string; rows: number } {
	const rows: string[][] = [];
	let id = 1;
	for (const month of ['2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09']) {
		for (const survey of SURVEYS) {
			if (survey.topic === 'Summer Reading' && !['2026-07', '2026-08'].includes(month)) continue;
			for (const branch of survey.branches) {
				const responses = random.integer(4, 12);
				for (let i = 0; i < responses; i += 1) {
					const answer = () => AGREEMENT[pickIndex(random, survey.lean)]!;
					const type = random.chance(0.2) ? 'Follow-up' : 'Immediate';
					rows.push([
						`PO-${String(id++).padStart(5, '0')}`,
						survey.topic,
						type,
						survey.program,
						`${month}-${String(random.integer(2, 27)).padStart(2, '0')}`,
						branch,
						answer(),
						answer(),
						random.chance(0.05) ? 'N/A' : answer(),
						answer(),
						random.pick(LIKED),
						random.pick(MORE)
					]);
				}
			}
		}
	}
	const header =
		'Response ID,Survey Topic,Survey Type,Program,Date,Branch,I learned something new that is helpful.,I feel more confident about what I just learned.,I intend to apply what I just learned.,I am more aware of resources and services provided by the library.,What did you like most about the program?,What could the library do to help you learn more?';
	return {
		name: 'project_outcome_responses_2026.csv',
		content: csvDocument(header, rows, { style: 'minimal' }),
		rows: rows.length
	};
}

function pickIndex(random: Random, weights: readonly number[]): number {
	let u = random.next() * weights.reduce((a, b) => a + b, 0);
	for (const [i, w] of weights.entries()) {
		u -= w;
		if (u <= 0) return i;
	}
	return weights.length - 1;
}

const PEER_NAMES = [
	'Oak Prairie',
	'Riverbend',
	'Cedar Falls',
	'Willow Creek',
	'Stonebridge',
	'Fox Hollow',
	'Pine Ridge',
	'Lakeshore',
	'Millbrook',
	'Harvest Plains',
	'Elm Grove',
	'Bluestem',
	'Prairie View',
	'Kettle Moraine',
	'Amberfield',
	'North Fork',
	'Sycamore Bend',
	'Copper Hill',
	'Meadowlark',
	'Thornwood'
];

/** IMLS PLS FY2024 administrative entities: Maple Valley (IL0420) and twenty fictional Illinois peers. */
export function generatePls(random: Random): { name: string; content: string; rows: number } {
	const rows: string[][] = [];
	const library = (key: string, name: string, population: number) => {
		const perCapita = (mean: number) => Math.round(population * random.logNormal(mean, 0.25));
		const missing = random.chance(0.08);
		rows.push([
			'IL',
			key,
			name,
			String(population),
			String(perCapita(4.6)),
			String(perCapita(6.8)),
			String(perCapita(0.45)),
			String(Math.round((population / 45) * random.logNormal(1, 0.2))),
			missing ? '-1' : String(perCapita(0.42)),
			String(Math.round(population / 90)),
			missing ? 'M' : String(perCapita(0.22)),
			'2024'
		]);
	};
	library('IL0420', 'Maple Valley Public Library', 84_200);
	PEER_NAMES.forEach((name, i) =>
		library(
			`IL${String(500 + i * 7).padStart(4, '0')}`,
			`${name} Public Library`,
			Math.round(random.uniform(42_000, 160_000))
		)
	);
	return {
		name: 'pls_fy2024_ae_pud24i.csv',
		content: csvDocument(
			'STABR,FSCSKEY,LIBNAME,POPU_LSA,VISITS,TOTCIR,REGBOR,TOTPRO,TOTATTEN,KIDPRO,KIDATTEN,YR_SUB',
			rows,
			{ style: 'minimal' }
		),
		rows: rows.length
	};
}

export const DOOR_COUNT_WINDOW = { from: DOOR_FROM, to: DOOR_TO };
