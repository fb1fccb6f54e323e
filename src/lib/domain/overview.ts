import { z } from 'zod';
import type { CampaignPeriod } from './campaigns';
import { IsoDate } from './dates';

/** What a range's figures are compared with: the period just before it, or the same period a year earlier. */
export const COMPARISONS = ['previous', 'year'] as const;
export type Comparison = (typeof COMPARISONS)[number];
export const COMPARISON_LABELS: Record<Comparison, string> = {
	previous: 'previous period',
	year: 'same period last year'
};

/** Query parameters of the overview and the board report. */
export const DateRangeQuery = z
	.object({ from: IsoDate.optional(), to: IsoDate.optional(), compare: z.enum(COMPARISONS).default('previous') })
	.refine((range) => !range.from || !range.to || range.from <= range.to, {
		message: 'must not be after "to"',
		path: ['from']
	});
// The input shape: callers may leave `compare` out (it defaults to the previous period).
export type DateRangeQuery = z.input<typeof DateRangeQuery>;

export interface DateRange {
	from: string;
	to: string;
}

export interface Kpi {
	id: 'posts' | 'impressions' | 'engagementRate' | 'attendance' | 'circulation';
	label: string;
	value: number | null;
	previous: number | null;
	kind: 'count' | 'ratio';
	note: string;
}

export interface WeeklyEngagement {
	week: string;
	platform: string;
	engagements: number;
	impressions: number | null;
	posts: number;
}

export interface MonthlyOutcome {
	month: string;
	metric: 'attendance' | 'circulation';
	value: number;
}

/** Account-level figures from the platforms' daily exports (followers, page visits), per platform. */
export interface AudienceRow {
	platform: string;
	/** the last follower count reported in the range, and on which day */
	followers: number | null;
	followersOn: string | null;
	newFollows: number | null;
	profileVisits: number | null;
	videoViews: number | null;
	/** the same sums over the previous period, for the change */
	previous: { newFollows: number | null; profileVisits: number | null; videoViews: number | null };
}

/** Content published in the range that the library's own post figures leave out, each with its sums. */
export interface ContentApart {
	count: number;
	impressions: number | null;
	engagements: number | null;
}

export interface OverviewData {
	libraryName: string;
	timeZone: string;
	range: DateRange;
	/** what the figures are compared with, and its dates */
	comparison: Comparison;
	previousRange: DateRange;
	/** the span of dates any data covers, for the range picker */
	dataSpan: DateRange | null;
	kpis: Kpi[];
	weeklyEngagement: WeeklyEngagement[];
	monthlyOutcomes: MonthlyOutcome[];
	campaigns: CampaignPeriod[];
	audience: AudienceRow[];
	/** Instagram stories: their own content type, never counted as posts (null when there are none) */
	stories: ContentApart | null;
	/** partners' collaboration posts: counted toward the Partner collaborations strategy, not the KPIs above */
	collaborations: (ContentApart & { partners: string[] }) | null;
	isDemo: boolean;
	totals: { posts: number; programs: number; usageRows: number; imports: number };
}
