import type { CampaignSummary } from '../server/analytics/campaigns';
import type { PeerBenchmark, SurveyOutcome } from '../server/analytics/library';
import type { StrategyCoverage, StrategyRow } from '../server/analytics/strategies';
import type { ImpactPanelData } from './impact';
import type { DoorCountDay } from './library';
import type { OverviewData } from './overview';
import type { ReportParams } from './report-params';

/** What the board report's print page receives: the figures of each section it holds (null: not chosen). */
export interface SocialMonth {
	month: string;
	posts: number;
	impressions: number | null;
	engagements: number;
}

export interface LiteracyMonth {
	month: string;
	registrations: number;
	completions: number;
}

export interface ReportSource {
	source: string;
	/** what people call the export */
	label: string;
	files: number;
	rows: number;
	lastImported: string;
}

export interface BoardReportData {
	params: ReportParams;
	overview: OverviewData;
	/** the branches the branch-level figures are limited to (the person's own, narrowed by the report's filter); empty: all */
	branches: string[];
	generatedAt: string;
	/** the library's logo as a data: URL for the cover (null: none uploaded, or no cover) */
	logo: string | null;
	summary: { paragraphs: string[]; generated: string[]; edited: boolean };
	social: { months: SocialMonth[] } | null;
	/** every week's figures by platform, for the appendix: the long table that must keep every row */
	weekly: OverviewData['weeklyEngagement'] | null;
	doors: DoorCountDay[] | null;
	/** audienceApplied: whether the summer reading months are the report's audience's (an age group they name) */
	literacy: { months: LiteracyMonth[]; surveys: SurveyOutcome[]; audienceApplied: boolean } | null;
	campaigns: { campaign: CampaignSummary; panels: ImpactPanelData[] }[];
	strategies: { rows: StrategyRow[]; coverage: StrategyCoverage } | null;
	/** the library's per-person PLS figures against its peers', or why Lantern has none */
	peers: PeerBenchmark | { missing: string } | null;
	sources: ReportSource[] | null;
	/** which data the report was made from ("12 imports, newest #34 · 3f9a2c"), as its archive entry says */
	dataVersion: string;
}
