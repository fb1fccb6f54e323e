import { z } from 'zod';
import type { CampaignPeriod } from './campaigns';
import type { DashboardContext } from './dashboard-filters';
import { formatDate } from '../format';
import { IsoDate } from './dates';
import { describeZodError } from './zod-message';

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

/**
 * The overview's query, read so that a mistyped range never costs the page: an invalid range falls
 * back to the default one, kept comparison, and a sentence that says what was wrong.
 */
export function readDateRangeQuery(params: URLSearchParams): { query: DateRangeQuery; problem: string | null } {
	const raw = Object.fromEntries(params);
	const parsed = DateRangeQuery.safeParse(raw);
	if (parsed.success) return { query: parsed.data, problem: null };
	const compare = z.enum(COMPARISONS).safeParse(raw.compare);
	const query = { compare: compare.success ? compare.data : undefined };
	const from = IsoDate.safeParse(raw.from);
	const to = IsoDate.safeParse(raw.to);
	if (from.success && to.success)
		return {
			query,
			problem: `“From” (${formatDate(from.data)}) is after “To” (${formatDate(to.data)}), so that range holds no days. The default range is shown instead; choose the dates again.`
		};
	return {
		query,
		problem: `The date range could not be read (${describeZodError(parsed.error)}). The default range is shown instead.`
	};
}

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
	/** which filters that are on this figure cannot take, in a sentence (absent: every one applies) */
	notApplied?: string;
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
	/** the range, comparison and filters the figures were made with, and the filters' lists */
	context: DashboardContext;
	/** for each kind of figure, the filters on that it cannot take, in a sentence (null: every one applies) */
	notApplied: Record<'posts' | 'stories' | 'accounts' | 'programs' | 'usage', string | null>;
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
