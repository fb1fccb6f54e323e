import type { Database } from '../db/database';
import { getSettings } from '../settings';

import type { DashboardContext, DashboardQuery } from '../../domain/dashboard-filters';
import type { CampaignLink } from '../../domain/dashboards';
import type { DoorCountDay } from '../../domain/library';
import type { DateRange } from '../../domain/overview';
import type { SURVEY_OUTCOMES } from '../../domain/vocabulary';
import { allBranches, cachedByDataVersion, campaignLinks, dashboardContext } from './dashboard-context';

/**
 * Daily visits from door counters (usage rows with period 'day'): the days of `range` (a board
 * report's or the Library page's period), or else the last 365 days they cover; one branch's only
 * when `branch` is given.
 */
export async function doorCounts(db: Database, range?: DateRange, branch?: string): Promise<DoorCountDay[]> {
	return db.query<DoorCountDay & Record<string, unknown>>(
		`SELECT strftime(period_start, '%Y-%m-%d') AS date, branch, sum(value) AS visits FROM usage
		 WHERE metric = 'visits' AND period = 'day' AND (CAST($branch AS VARCHAR) IS NULL OR branch = $branch)
		   AND CASE WHEN $from IS NULL
		     THEN period_start > (SELECT max(period_start) FROM usage WHERE metric = 'visits' AND period = 'day') - INTERVAL 365 DAY
		     ELSE period_start BETWEEN CAST($from AS DATE) AND CAST($to AS DATE) END
		 GROUP BY ALL ORDER BY date, branch`,
		{ from: range?.from ?? null, to: range?.to ?? null, branch: branch ?? null }
	);
}

export interface SurveyOutcome {
	topic: string;
	outcome: (typeof SURVEY_OUTCOMES)[number];
	responses: number;
	/** share answering Agree or Strongly Agree, of those who answered on the scale */
	agreeShare: number | null;
	meanScore: number | null;
}

/**
 * Project Outcome answers by survey topic and outcome: how many agree, and the mean on the 1–5
 * scale; every answer on file, or those dated inside `range`; one branch's only when `branch` is given.
 */
export async function surveyOutcomes(db: Database, range?: DateRange, branch?: string): Promise<SurveyOutcome[]> {
	return db.query<SurveyOutcome & Record<string, unknown>>(
		`SELECT survey_topic AS topic, outcome, count(score) AS responses,
			avg(CASE WHEN score >= 4 THEN 1.0 WHEN score IS NOT NULL THEN 0.0 END) AS "agreeShare", avg(score) AS "meanScore"
		 FROM (SELECT * FROM survey_responses WHERE ($from IS NULL OR date BETWEEN CAST($from AS DATE) AND CAST($to AS DATE))
			AND (CAST($branch AS VARCHAR) IS NULL OR branch = $branch))
		 UNPIVOT INCLUDE NULLS (score FOR outcome IN (knowledge, confidence, application, awareness))
		 GROUP BY survey_topic, outcome
		 ORDER BY topic, CASE outcome WHEN 'knowledge' THEN 1 WHEN 'confidence' THEN 2 WHEN 'application' THEN 3 ELSE 4 END`,
		{ from: range?.from ?? null, to: range?.to ?? null, branch: branch ?? null }
	);
}

/** What the Library page shows for one query. */
export interface LibraryDashboard {
	context: DashboardContext;
	doors: DoorCountDay[];
	surveys: SurveyOutcome[];
	peers: PeerBenchmark | { missing: string };
	/** the campaigns whose dates meet the range, shaded on the door counts */
	campaigns: CampaignLink[];
	/** every branch the uploads name, so each keeps the colour it has on the other pages */
	branches: string[];
}

/**
 * The Library page for one query: door counts and survey answers over the range (its default: the 12
 * months to the newest door count or survey answer) and at the chosen branch, the campaigns of the
 * range shaded on the door counts, and the peer comparison, which is one fiscal year of the whole
 * library and takes no filter.
 */
export async function libraryDashboard(db: Database, query: DashboardQuery): Promise<LibraryDashboard> {
	const context = await dashboardContext(db, query, {
		lastDaySql: `SELECT greatest(
			(SELECT max(period_start) FROM usage WHERE metric = 'visits' AND period = 'day'),
			(SELECT max(date) FROM survey_responses)) AS last`,
		offers: ['branch', 'campaign']
	});
	return cachedByDataVersion(db, 'library', context, async () => {
		const { range, filters } = context;
		const [doors, surveys, peers, campaigns, branches] = await Promise.all([
			doorCounts(db, range, filters.branch),
			surveyOutcomes(db, range, filters.branch),
			peerBenchmark(db),
			campaignLinks(db, range, 'usage:visits'),
			allBranches(db)
		]);
		return { context, doors, surveys, peers, campaigns, branches };
	});
}

export interface PeerMeasure {
	measure: string;
	label: string;
	own: number | null;
	median: number | null;
	q1: number | null;
	q3: number | null;
	/** how many peers report this measure */
	peers: number;
}

export interface PeerBenchmark {
	fiscalYear: number;
	library: string;
	state: string;
	population: number | null;
	peerRule: string;
	peerNames: string[];
	measures: PeerMeasure[];
}

const MEASURES = [
	['visits', 'Visits per person'],
	['totcir', 'Circulation per person'],
	['regbor', 'Registered borrowers per person'],
	['totatten', 'Program attendance per person'],
	['kidatten', "Children's program attendance per person"]
] as const;

/**
 * Per-capita figures for the library against its peers' median and quartiles, from the latest PLS
 * year that has the library: peers are the hand-picked FSCSKEYs in settings, or else every library
 * in the same state serving between half and twice its population.
 */
export async function peerBenchmark(db: Database): Promise<PeerBenchmark | { missing: string }> {
	const settings = await getSettings(db);
	if (!settings.plsFscskey)
		return {
			missing:
				'Choose your library (its FSCSKEY) on the Settings page after uploading an IMLS PLS administrative-entity file.'
		};
	const [own] = await db.query<{ fiscal_year: number; libname: string; state: string; population: number | null }>(
		'SELECT fiscal_year, libname, state, population FROM pls WHERE fscskey = $1 ORDER BY fiscal_year DESC LIMIT 1',
		[settings.plsFscskey]
	);
	if (!own)
		return {
			missing: `No PLS row has the FSCSKEY ${settings.plsFscskey}. Upload the PLS administrative-entity file that includes your library, or correct the key on the Settings page.`
		};
	const picked = settings.plsPeers.split(/[\s,;]+/).filter(Boolean);
	// Only the parameters a filter uses may be bound.
	const [peerFilter, filterParams] = picked.length
		? ['list_contains(CAST(CAST($picked AS JSON) AS VARCHAR[]), fscskey)', { picked: JSON.stringify(picked) }]
		: [
				'state = $state AND population BETWEEN $population / 2 AND $population * 2',
				{ state: own.state, population: own.population ?? 0 }
			];
	const params = { year: own.fiscal_year, key: settings.plsFscskey, ...filterParams };
	const peerNames = (
		await db.query<{ libname: string }>(
			`SELECT libname FROM pls WHERE fiscal_year = $year AND fscskey <> $key AND ${peerFilter} ORDER BY libname`,
			params
		)
	).map((r) => r.libname);
	const measures: PeerMeasure[] = [];
	for (const [measure, label] of MEASURES) {
		const [row] = await db.query<{
			own: number | null;
			median: number | null;
			q1: number | null;
			q3: number | null;
			peers: number;
		}>(
			`SELECT (SELECT ${measure} / nullif(population, 0) FROM pls WHERE fiscal_year = $year AND fscskey = $key) AS own,
				quantile_cont(${measure} / nullif(population, 0), 0.5) AS median, quantile_cont(${measure} / nullif(population, 0), 0.25) AS q1,
				quantile_cont(${measure} / nullif(population, 0), 0.75) AS q3, count(${measure} / nullif(population, 0)) AS peers
			 FROM pls WHERE fiscal_year = $year AND fscskey <> $key AND ${peerFilter}`,
			params
		);
		measures.push({
			measure,
			label,
			own: row?.own ?? null,
			median: row?.median ?? null,
			q1: row?.q1 ?? null,
			q3: row?.q3 ?? null,
			peers: row?.peers ?? 0
		});
	}
	return {
		fiscalYear: own.fiscal_year,
		library: own.libname,
		state: own.state,
		population: own.population,
		peerRule: picked.length
			? `${picked.length} hand-picked libraries`
			: `libraries in ${own.state} serving half to twice the population`,
		peerNames,
		measures
	};
}
