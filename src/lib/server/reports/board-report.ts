import { dataVersion } from './data-version';
import type { BoardReportData, LiteracyMonth, ReportSource, SocialMonth } from '../../domain/board-report';
import type { OverviewData } from '../../domain/overview';
import { InvalidReportParams, type ReportParams, type ReportSection } from '../../domain/report-params';
import { campaignSummaries, outcomeSeries, type CampaignSummary } from '../analytics/campaigns';
import { campaignImpact } from '../analytics/impact';
import { doorCounts, peerBenchmark, surveyOutcomes } from '../analytics/library';
import { overview } from '../analytics/overview';
import { strategyComparison } from '../analytics/strategies';
import type { Database } from '../db/database';
import { scopedDatabase } from '../db/scoped';
import { logoDataUrl } from '../branding/logo';
import { listImports } from '../ingest/import-log';
import { SOURCES } from '../ingest/sources';
import { executiveSummary, summaryParagraphs } from './summary';

export type { BoardReportData } from '../../domain/board-report';

/**
 * The database the report reads: the person's own branches, narrowed to the report's branch filter.
 * A branch outside the person's scope is refused rather than quietly dropped.
 */
export function reportDatabase(db: Database, branches: string[]): Database {
	if (branches.length === 0) return db;
	const outside = db.scope ? branches.filter((b) => !db.scope!.includes(b)) : [];
	if (outside.length > 0)
		throw new InvalidReportParams(
			`branch: ${outside.join(', ')} ${outside.length === 1 ? 'is' : 'are'} not among the branches you can see (${db.scope!.join(', ')}).`
		);
	return scopedDatabase(db, branches);
}

/**
 * Weekly rows summed into the months their weeks start in: a board reads twelve months, not 53
 * weeks. The week that began before the period (its posts are inside it) counts in the first month.
 */
export function monthsOfWeeks(weeks: OverviewData['weeklyEngagement'], from: string): SocialMonth[] {
	const months = new Map<string, SocialMonth>();
	for (const w of weeks) {
		const month = `${(w.week < from ? from : w.week).slice(0, 7)}-01`;
		const m = months.get(month) ?? { month, posts: 0, impressions: null, engagements: 0 };
		m.posts += w.posts;
		m.engagements += w.engagements;
		if (w.impressions !== null) m.impressions = (m.impressions ?? 0) + w.impressions;
		months.set(month, m);
	}
	return [...months.values()].sort((a, b) => a.month.localeCompare(b.month));
}

/**
 * Summer reading by month for one age group, when the report's audience is one the summer reading
 * figures name (their audiences are age groups, "Teens (12-17)"); null when it is not one of them.
 */
async function literacyMonthsOf(
	db: Database,
	range: { from: string; to: string },
	ageGroup: string
): Promise<LiteracyMonth[] | null> {
	const rows = await db.query<{ month: string | null; registrations: number | null; completions: number | null }>(
		`SELECT strftime(date_trunc('month', period_start), '%Y-%m-%d') AS month,
			sum(value) FILTER (WHERE metric = 'registrations') AS registrations,
			sum(value) FILTER (WHERE metric = 'completions') AS completions
		 FROM literacy WHERE age_group = $ageGroup AND period_start BETWEEN CAST($from AS DATE) AND CAST($to AS DATE)
		 GROUP BY ALL
		 UNION ALL SELECT NULL, NULL, NULL WHERE NOT EXISTS (SELECT 1 FROM literacy WHERE age_group = $ageGroup)
		 ORDER BY 1`,
		{ ageGroup, from: range.from, to: range.to }
	);
	if (rows.some((row) => row.month === null)) return null;
	return rows.map((row) => ({
		month: row.month!,
		registrations: Number(row.registrations ?? 0),
		completions: Number(row.completions ?? 0)
	}));
}

async function literacyMonths(db: Database, range: { from: string; to: string }): Promise<LiteracyMonth[]> {
	const [registrations, completions] = await Promise.all([
		outcomeSeries(db, 'literacy:registrations'),
		outcomeSeries(db, 'literacy:completions')
	]);
	const months = new Map<string, LiteracyMonth>();
	const add = (points: { periodStart: string; value: number }[] | undefined, key: 'registrations' | 'completions') => {
		for (const p of points ?? []) {
			if (p.periodStart < range.from || p.periodStart > range.to) continue;
			const month = `${p.periodStart.slice(0, 7)}-01`;
			const m = months.get(month) ?? { month, registrations: 0, completions: 0 };
			m[key] += p.value;
			months.set(month, m);
		}
	};
	add(registrations?.points, 'registrations');
	add(completions?.points, 'completions');
	return [...months.values()].sort((a, b) => a.month.localeCompare(b.month));
}

const SOURCE_LABELS = new Map<string, string>([
	...SOURCES.map((s): [string, string] => [s.id, s.label]),
	['lantern-campaigns', 'Campaigns file (Lantern JSON)']
]);

/** Each kind of export the figures come from: how many files, rows, and when it was last imported. */
async function sources(db: Database): Promise<ReportSource[]> {
	const bySource = new Map<string, ReportSource>();
	for (const i of await listImports(db)) {
		if (i.status !== 'imported') continue;
		const key = i.source ?? 'other';
		const s = bySource.get(key) ?? {
			source: key,
			label: SOURCE_LABELS.get(key) ?? key,
			files: 0,
			rows: 0,
			lastImported: i.importedAt
		};
		s.files += 1;
		s.rows += i.rowsLoaded;
		if (i.importedAt > s.lastImported) s.lastImported = i.importedAt;
		bySource.set(key, s);
	}
	return [...bySource.values()].sort((a, b) => a.label.localeCompare(b.label));
}

/** The campaigns the report covers: those named, in that order, or else every one that ran in the period. */
function chosenCampaigns(all: CampaignSummary[], names: string[] | null, range: { from: string; to: string } | null) {
	if (names === null) return all.filter((c) => !range || (c.startsOn <= range.to && c.endsOn >= range.from)).reverse();
	return names.map((name) => {
		const found = all.find((c) => c.name.toLowerCase() === name.toLowerCase());
		if (!found)
			throw new InvalidReportParams(
				`campaign: no campaign is called "${name}". Campaigns: ${all.map((c) => c.name).join('; ') || 'none yet'}.`
			);
		return found;
	});
}

/** The literacy section: summer reading narrowed to the audience when it is one of its age groups, and the surveys. */
async function literacy(db: Database, range: { from: string; to: string }, audience: string | undefined) {
	const ofAudience = audience ? await literacyMonthsOf(db, range, audience) : null;
	return {
		months: ofAudience ?? (await literacyMonths(db, range)),
		surveys: await surveyOutcomes(db, range),
		audienceApplied: ofAudience !== null
	};
}

/** Everything a board report shows, for the sections it holds, from the analytics the dashboards use. */
export async function boardReport(scoped: Database, params: ReportParams, now = new Date()): Promise<BoardReportData> {
	const db = reportDatabase(scoped, params.branches);
	const has = (...sections: ReportSection[]) => sections.some((s) => params.sections.includes(s));
	// Branches narrow through the database (scoped views); the other filters through the same WHERE clauses the Overview uses.
	const summaries = await campaignSummaries(db, params.platform);
	// Only one campaign's posts: the Overview's campaign filter, which also makes the period the campaign's.
	const postsOf = params.posts === 'campaign' ? chosenCampaigns(summaries, params.campaigns, null)[0] : undefined;
	const filters = {
		platform: params.platform,
		strategy: params.strategy,
		audience: params.audience,
		campaign: postsOf?.campaignId
	};
	const data = await overview(db, { from: params.from, to: params.to, compare: params.compare, filters }, now);
	const range = data.range;
	const wantCampaigns = has('summary', 'campaigns');
	const campaigns = wantCampaigns
		? chosenCampaigns(summaries, params.campaigns, range).filter(
				(c) => params.campaigns !== null || !params.strategy || c.strategy === params.strategy
			)
		: [];
	const impact = [];
	for (const campaign of campaigns) impact.push({ campaign, panels: await campaignImpact(db, campaign) });
	const doors = has('usage', 'summary') ? await doorCounts(db, range) : null;
	const visits = doors && doors.length > 0 ? doors.reduce((sum, d) => sum + d.visits, 0) : null;
	const generated = has('summary')
		? executiveSummary({
				overview: data,
				branches: params.branches,
				campaigns: impact.map(({ campaign, panels }) => ({ ...campaign, panels })),
				visits
			})
		: [];
	const edited = params.summary ? summaryParagraphs(params.summary) : null;
	return {
		params,
		overview: data,
		branches: db.scope ? [...db.scope] : [],
		generatedAt: now.toISOString(),
		logo: has('cover') ? logoDataUrl(scoped) : null,
		summary: { paragraphs: edited ?? generated, generated, edited: edited !== null },
		social: has('social') ? { months: monthsOfWeeks(data.weeklyEngagement, range.from) } : null,
		weekly: has('appendix') ? data.weeklyEngagement : null,
		doors: has('usage') ? doors : null,
		literacy: has('literacy') ? await literacy(db, range, params.audience) : null,
		campaigns: has('campaigns') ? impact : [],
		strategies: has('strategies')
			? await strategyComparison(db, {
					range,
					platform: params.platform,
					campaign: postsOf?.campaignId,
					strategy: params.strategy
				})
			: null,
		// The PLS counts the whole library, so a branch filter does not narrow it (the section says so).
		peers: has('peers') ? await peerBenchmark(scoped) : null,
		sources: has('methodology') ? await sources(db) : null,
		dataVersion: await dataVersion(db)
	};
}
