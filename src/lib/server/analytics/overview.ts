import type {
	AudienceRow,
	ContentApart,
	DateRange,
	DateRangeQuery,
	Kpi,
	MonthlyOutcome,
	OverviewData,
	WeeklyEngagement
} from '../../domain/overview';
import type { DashboardContext, DashboardFilterQuery, FilterName } from '../../domain/dashboard-filters';
import { filtersOn, notAppliedNote } from '../../domain/filter-reach';
import { campaignPeriods } from './campaigns';
import { queryRows, type Database, type Row } from '../db/database';
import { byDataVersion } from '../db/version-cache';
import { getSettings } from '../settings';
import { dashboardContext, usedParams } from './dashboard-context';
import { PERIOD_PREFERENCE } from './usage-period';
import { localDayBetween } from './date-range';
import { withPostsSnapshot } from '../db/posts-snapshot';

// Every date is bucketed in the library's time zone: $tz is bound, never spliced.
const POST_DAY = 'CAST(timezone($tz, published_at) AS DATE)';
const IN_RANGE = localDayBetween('published_at', '$from', '$to');
/** The same test on overview_posts, whose `day` holds each post's local day, worked out once per computation. */
const POSTS_IN_RANGE = `day BETWEEN CAST($from AS DATE) AND CAST($to AS DATE)`;
/**
 * The first and last local days of a table's instants: the zone's conversion, dear at 250,000 rows, runs on
 * the two extremes only (a later instant never falls on an earlier local day).
 */
const daySpan = (column: string, from: string) =>
	`SELECT unnest([CAST(timezone($tz, min(${column})) AS DATE), CAST(timezone($tz, max(${column})) AS DATE)]) AS d FROM ${from}`;
/**
 * The library's own posts: a partner's collaboration post counts toward the Partner collaborations
 * strategy and is shown on its own line, not in the library's posts, impressions or engagement rate.
 * Stories are not in the posts view at all.
 */
const OWN_POSTS = `(SELECT * FROM overview_posts WHERE collaborator IS NULL AND chosen)`;
/**
 * The posts the platform, campaign and strategy filters keep; each binds NULL for "all". A WHERE on
 * the posts view (or its snapshot), never a copy of its own.
 */
const POSTS_CHOSEN = `(CAST($platform AS VARCHAR) IS NULL OR platform = $platform)
	AND (CAST($campaign AS INTEGER) IS NULL OR (platform, post_id) IN
		(SELECT platform, post_id FROM campaign_posts WHERE campaign_id = CAST($campaign AS INTEGER)))
	AND (CAST($strategy AS VARCHAR) IS NULL OR (platform, post_id) IN
		(SELECT platform, post_id FROM post_strategies WHERE strategy = $strategy))`;
/**
 * The posts view de-duplicates every observation with a window, which cannot be filtered first:
 * about 150 ms a scan at 250,000 posts, and the overview reads posts some fourteen times. So each
 * computation copies the columns it needs once, into a temporary table of its own connection, with
 * whether the filters keep each post (`chosen`) and its day in the library's zone (`day`; converting
 * instants to local days in each of the dozen queries below was most of a cold Overview at ×100): the
 * data span and the counts read every post.
 */
const OVERVIEW_POSTS = `CREATE OR REPLACE TEMP TABLE overview_posts AS
	SELECT platform, published_at, ${POST_DAY} AS day, impressions, engagements, collaborator, ${POSTS_CHOSEN} AS chosen FROM posts`;

/** The filters' values as bound parameters: NULL for a filter that is off. */
type Params = Record<string, string | number | null>;
/** A query on the overview's one connection, where overview_posts exists; binds only the parameters it names. */
type Query = <T extends Row = Row>(sql: string, params?: Params) => Promise<T[]>;
const PROGRAM_DAY = 'CAST(timezone($tz, starts_at) AS DATE)';
const PROGRAM_IN_RANGE = localDayBetween('starts_at', '$from', '$to');
/** Programs held, narrowed by the branch and audience filters (a program for several audiences is kept for each). */
const HELD_PROGRAMS = `(SELECT * FROM programs WHERE NOT cancelled
	AND (CAST($branch AS VARCHAR) IS NULL OR branch = $branch)
	AND (CAST($audience AS VARCHAR) IS NULL OR list_contains(audiences, $audience) OR audience = $audience))`;
/**
 * Circulation rows, each metric at one granularity: monthly figures when a metric has any, else the
 * daily or weekly ones, so a library that uploads both never has its checkouts counted twice; narrowed
 * by the branch filter.
 */
const CIRCULATION = `(SELECT * FROM usage u WHERE metric IN ('circulation', 'digital_checkouts')
	AND (CAST($branch AS VARCHAR) IS NULL OR branch = $branch)
	AND period = (SELECT period FROM usage v WHERE v.metric = u.metric GROUP BY period
		ORDER BY ${PERIOD_PREFERENCE} LIMIT 1))`;
/**
 * The last day a usage row covers. A range counts only the months (or weeks) that lie wholly inside
 * it: "Mar 15 – Apr 14" holds no whole month, so it has no monthly circulation, rather than all of
 * March's and April's.
 */
const PERIOD_END = `CAST(CASE period WHEN 'month' THEN period_start + INTERVAL 1 MONTH - INTERVAL 1 DAY
	WHEN 'week' THEN period_start + INTERVAL 6 DAY WHEN 'year' THEN period_start + INTERVAL 1 YEAR - INTERVAL 1 DAY
	ELSE period_start END AS DATE)`;

interface Totals {
	posts: number | null;
	impressions: number | null;
	engagements: number | null;
	rated_impressions: number | null;
	attendance: number | null;
	circulation: number | null;
}

async function totalsFor(q: Query, params: Params, range: DateRange): Promise<Totals> {
	const [row] = await q<Totals & Record<string, unknown>>(
		`SELECT
			(SELECT count(*) FROM ${OWN_POSTS} WHERE ${POSTS_IN_RANGE}) AS posts,
			(SELECT sum(impressions) FROM ${OWN_POSTS} WHERE ${POSTS_IN_RANGE}) AS impressions,
			(SELECT sum(engagements) FROM ${OWN_POSTS} WHERE ${POSTS_IN_RANGE} AND impressions > 0) AS engagements,
			(SELECT sum(impressions) FROM ${OWN_POSTS} WHERE ${POSTS_IN_RANGE} AND impressions > 0 AND engagements IS NOT NULL) AS rated_impressions,
			(SELECT sum(attendance) FROM ${HELD_PROGRAMS} WHERE ${PROGRAM_IN_RANGE}) AS attendance,
			(SELECT sum(value) FROM ${CIRCULATION} WHERE period_start >= CAST($from AS DATE) AND ${PERIOD_END} <= CAST($to AS DATE)) AS circulation`,
		{ ...params, from: range.from, to: range.to }
	);
	return row!;
}

function kpis(current: Totals, previous: Totals, on: FilterName[]): Kpi[] {
	const rate = (t: Totals) => (t.rated_impressions ? (t.engagements ?? 0) / t.rated_impressions : null);
	const posts = notAppliedNote('posts', on);
	const programs = notAppliedNote('programs', on);
	const usage = notAppliedNote('usage', on);
	const kpiList: Kpi[] = [
		{
			id: 'posts',
			label: 'Posts',
			value: current.posts,
			previous: previous.posts,
			kind: 'count',
			note: "The library's own posts on every platform uploaded (not stories or partners' collaboration posts)"
		},
		{
			id: 'impressions',
			label: 'Impressions',
			value: current.impressions,
			previous: previous.impressions,
			kind: 'count',
			note: 'Times posts were shown (Meta calls this Views since 2025)'
		},
		{
			id: 'engagementRate',
			label: 'Engagement rate',
			value: rate(current),
			previous: rate(previous),
			kind: 'ratio',
			note: 'Engagements ÷ impressions, over posts that report both'
		},
		{
			id: 'attendance',
			label: 'Program attendance',
			value: current.attendance,
			previous: previous.attendance,
			kind: 'count',
			note: 'In-person and online attendance at programs that were held'
		},
		{
			id: 'circulation',
			label: 'Circulation',
			value: current.circulation,
			previous: previous.circulation,
			kind: 'count',
			note: on.includes('branch') ? 'Physical and digital checkouts' : 'Physical and digital checkouts, all branches'
		}
	];
	const notApplied: Record<Kpi['id'], string | null> = {
		posts,
		impressions: posts,
		engagementRate: posts,
		attendance: programs,
		circulation: usage
	};
	return kpiList.map((kpi) => {
		const sentence = notApplied[kpi.id];
		return sentence ? { ...kpi, notApplied: sentence } : kpi;
	});
}

async function weeklyEngagement(q: Query, params: Params, range: DateRange): Promise<WeeklyEngagement[]> {
	return q<WeeklyEngagement & Record<string, unknown>>(
		`SELECT strftime(date_trunc('week', day), '%Y-%m-%d') AS week, platform,
			coalesce(sum(engagements), 0) AS engagements, sum(impressions) AS impressions, count(*) AS posts
		 FROM ${OWN_POSTS} WHERE ${POSTS_IN_RANGE}
		 GROUP BY ALL ORDER BY week, platform`,
		{ ...params, from: range.from, to: range.to }
	);
}

/** Stories and partners' collaboration posts published in the range, which the figures above leave out. */
async function contentApart(
	q: Query,
	params: Params,
	range: DateRange
): Promise<Pick<OverviewData, 'stories' | 'collaborations'>> {
	const [row] = await q<{
		stories: number;
		story_impressions: number | null;
		story_engagements: number | null;
		collaborations: number;
		collaboration_impressions: number | null;
		collaboration_engagements: number | null;
		partners: string[] | null;
	}>(
		`SELECT
			(SELECT count(*) FROM ${STORIES} WHERE ${IN_RANGE}) AS stories,
			(SELECT sum(impressions) FROM ${STORIES} WHERE ${IN_RANGE}) AS story_impressions,
			(SELECT sum(engagements) FROM ${STORIES} WHERE ${IN_RANGE}) AS story_engagements,
			(SELECT count(*) FROM overview_posts WHERE collaborator IS NOT NULL AND chosen AND ${POSTS_IN_RANGE}) AS collaborations,
			(SELECT sum(impressions) FROM overview_posts WHERE collaborator IS NOT NULL AND chosen AND ${POSTS_IN_RANGE}) AS collaboration_impressions,
			(SELECT sum(engagements) FROM overview_posts WHERE collaborator IS NOT NULL AND chosen AND ${POSTS_IN_RANGE}) AS collaboration_engagements,
			(SELECT list_sort(list(DISTINCT CASE WHEN platform = 'instagram' THEN '@' || collaborator ELSE collaborator END))
				FROM overview_posts WHERE collaborator IS NOT NULL AND chosen AND ${POSTS_IN_RANGE}) AS partners`,
		{ ...params, from: range.from, to: range.to }
	);
	const apart = (count: number, impressions: number | null, engagements: number | null): ContentApart | null =>
		count > 0 ? { count, impressions, engagements } : null;
	const collaborations = apart(row!.collaborations, row!.collaboration_impressions, row!.collaboration_engagements);
	return {
		stories: apart(row!.stories, row!.story_impressions, row!.story_engagements),
		collaborations: collaborations && { ...collaborations, partners: row!.partners ?? [] }
	};
}

/**
 * Stories narrowed by the platform filter. They belong to no campaign and carry no strategy, so with
 * either filter on none are kept (the page says why) rather than every story of the period.
 */
const STORIES = `(SELECT * FROM stories WHERE (CAST($platform AS VARCHAR) IS NULL OR platform = $platform)
	AND CAST($campaign AS INTEGER) IS NULL AND CAST($strategy AS VARCHAR) IS NULL)`;

async function monthlyOutcomes(q: Query, params: Params, range: DateRange): Promise<MonthlyOutcome[]> {
	return q<MonthlyOutcome & Record<string, unknown>>(
		`SELECT month, metric, value FROM (
			SELECT strftime(date_trunc('month', ${PROGRAM_DAY}), '%Y-%m-%d') AS month, 'attendance' AS metric, sum(attendance) AS value
			FROM ${HELD_PROGRAMS} WHERE attendance IS NOT NULL AND ${PROGRAM_IN_RANGE}
			GROUP BY ALL
			UNION ALL
			SELECT strftime(date_trunc('month', period_start), '%Y-%m-%d') AS month, 'circulation' AS metric, sum(value) AS value
			FROM ${CIRCULATION} WHERE period_start BETWEEN CAST($from AS DATE) AND CAST($to AS DATE)
			GROUP BY ALL
		) ORDER BY month, metric`,
		{ ...params, from: range.from, to: range.to }
	);
}

/** Followers, new follows, page visits and video views per platform, from the account-level exports. */
async function audience(q: Query, params: Params, range: DateRange, previous: DateRange): Promise<AudienceRow[]> {
	const rows = await q<{
		platform: string;
		followers: number | null;
		followers_on: string | null;
		new_follows: number | null;
		profile_visits: number | null;
		video_views: number | null;
		prev_new_follows: number | null;
		prev_profile_visits: number | null;
		prev_video_views: number | null;
	}>(
		`WITH accounts AS (SELECT * FROM account_daily WHERE CAST($platform AS VARCHAR) IS NULL OR platform = $platform),
			inside AS (SELECT * FROM accounts WHERE date BETWEEN CAST($from AS DATE) AND CAST($to AS DATE)),
			before AS (SELECT * FROM accounts WHERE date BETWEEN CAST($pfrom AS DATE) AND CAST($pto AS DATE))
		SELECT i.platform,
			arg_max(i.followers, i.date) FILTER (WHERE i.followers IS NOT NULL) AS followers,
			strftime(max(i.date) FILTER (WHERE i.followers IS NOT NULL), '%Y-%m-%d') AS followers_on,
			sum(i.new_follows) AS new_follows, sum(i.profile_visits) AS profile_visits, sum(i.video_views) AS video_views,
			(SELECT sum(new_follows) FROM before b WHERE b.platform = i.platform) AS prev_new_follows,
			(SELECT sum(profile_visits) FROM before b WHERE b.platform = i.platform) AS prev_profile_visits,
			(SELECT sum(video_views) FROM before b WHERE b.platform = i.platform) AS prev_video_views
		FROM inside i GROUP BY i.platform ORDER BY i.platform`,
		{ ...params, from: range.from, to: range.to, pfrom: previous.from, pto: previous.to }
	);
	return rows
		.map((row) => ({
			platform: row.platform,
			followers: row.followers,
			followersOn: row.followers_on,
			newFollows: row.new_follows,
			profileVisits: row.profile_visits,
			videoViews: row.video_views,
			previous: {
				newFollows: row.prev_new_follows,
				profileVisits: row.prev_profile_visits,
				videoViews: row.prev_video_views
			}
		}))
		.filter((row) =>
			[row.followers, row.newFollows, row.profileVisits, row.videoViews].some((value) => value !== null)
		);
}

/**
 * The first and last day of everything the library uploaded: posts, stories and account-level
 * figures, programs held, usage, summer reading and survey responses ("Data covers …").
 */
async function dataSpan(q: Query, params: Params): Promise<DateRange | null> {
	const [row] = await q<{ first: string | null; last: string | null }>(
		`SELECT strftime(min(d), '%Y-%m-%d') AS first, strftime(max(d), '%Y-%m-%d') AS last FROM (
			SELECT unnest([min(day), max(day)]) AS d FROM overview_posts
			UNION ALL ${daySpan('published_at', 'stories')}
			UNION ALL SELECT date FROM account_daily
			UNION ALL ${daySpan('starts_at', '(SELECT * FROM programs WHERE attendance IS NOT NULL)')}
			UNION ALL SELECT period_start FROM usage
			UNION ALL SELECT period_start FROM literacy
			UNION ALL SELECT date FROM survey_responses)`,
		params
	);
	return row?.first && row.last ? { from: row.first, to: row.last } : null;
}

async function counts(q: Query) {
	const [row] = await q<{ posts: number; programs: number; usage_rows: number; imports: number; demo: number }>(
		`SELECT (SELECT count(*) FROM overview_posts) AS posts, (SELECT count(*) FROM programs) AS programs,
			(SELECT count(*) FROM usage) AS usage_rows, (SELECT count(*) FROM import_log WHERE status = 'imported') AS imports,
			(SELECT count(*) FROM import_log WHERE is_demo AND status = 'imported') AS demo`
	);
	return row!;
}

/** The Overview's query: a date range and comparison, and the dashboards' filters (none: the whole library). */
export type OverviewQuery = DateRangeQuery & { filters?: DashboardFilterQuery };

/** The newest day any of the Overview's figures covers (posts, account figures, programs, usage): the default range ends on it. */
const LAST_DAY_SQL = `SELECT max(d) AS last FROM (
	${daySpan('published_at', 'posts')}
	UNION ALL SELECT date FROM account_daily
	UNION ALL ${daySpan('starts_at', '(SELECT * FROM programs WHERE attendance IS NOT NULL)')}
	UNION ALL SELECT period_start FROM usage)`;

/**
 * Everything the overview page and the board report show for one date range and filters, computed
 * once per data version (an upload, a settings change or a relink bumps it) and served from memory after that.
 */
export function overview(db: Database, query: OverviewQuery, today = new Date()): Promise<OverviewData> {
	const day = today.toISOString().slice(0, 10);
	const key = { from: query.from, to: query.to, compare: query.compare ?? 'previous', filters: query.filters ?? {} };
	return byDataVersion(db, 'overview', [key, day], () => computeOverview(db, key, today));
}

async function overviewContext(
	db: Database,
	query: Required<Pick<OverviewQuery, 'compare' | 'filters'>> & OverviewQuery,
	today: Date
) {
	const context = await dashboardContext(
		db,
		{ from: query.from, to: query.to, compare: query.compare, filters: query.filters },
		{
			lastDaySql: LAST_DAY_SQL,
			offers: ['branch', 'platform', 'campaign', 'strategy', 'audience'],
			optionsSql: {
				platform: `SELECT DISTINCT platform AS value FROM (SELECT platform FROM posts UNION ALL SELECT platform FROM account_daily) ORDER BY value`,
				audience: `SELECT DISTINCT unnest(audiences) AS value FROM programs ORDER BY value`
			},
			today
		}
	);
	return context;
}

async function computeOverview(
	db: Database,
	query: Required<Pick<OverviewQuery, 'compare' | 'filters'>> & OverviewQuery,
	today: Date
): Promise<OverviewData> {
	db = await withPostsSnapshot(db);
	const settings = await getSettings(db);
	const tz = settings.timeZone;
	const context: DashboardContext = await overviewContext(db, query, today);
	const { range, previousRange: previous, filters } = context;
	const params: Params = {
		tz,
		branch: filters.branch ?? null,
		platform: filters.platform ?? null,
		campaign: filters.campaign ?? null,
		strategy: filters.strategy ?? null,
		audience: filters.audience ?? null
	};
	// A person scoped to some branches (or a report for some branches) sees library-wide posts: say so.
	const on = filtersOn(filters, db.scope ? ['branch'] : []);
	const figures = await db.withConnection(async (connection) => {
		const q: Query = (sql, values) => queryRows(connection, sql, usedParams(sql, values ?? {}));
		await connection.run(OVERVIEW_POSTS, usedParams(OVERVIEW_POSTS, params));
		return {
			span: await dataSpan(q, params),
			current: await totalsFor(q, params, range),
			before: await totalsFor(q, params, previous),
			weekly: await weeklyEngagement(q, params, range),
			monthly: await monthlyOutcomes(q, params, range),
			totals: await counts(q),
			audienceRows: await audience(q, params, range, previous),
			apart: await contentApart(q, params, range)
		};
	});
	const { span, current, before, weekly, monthly, totals, audienceRows, apart } = figures;
	const campaigns = await campaignPeriods(db, range.from, range.to);
	return {
		libraryName: settings.libraryName,
		timeZone: tz,
		range,
		comparison: context.comparison,
		previousRange: previous,
		context,
		notApplied: {
			posts: notAppliedNote('posts', on),
			stories: notAppliedNote('stories', on),
			accounts: notAppliedNote('accounts', on),
			programs: notAppliedNote('programs', on),
			usage: notAppliedNote('usage', on)
		},
		dataSpan: span,
		kpis: kpis(current, before, on),
		weeklyEngagement: weekly,
		monthlyOutcomes: monthly,
		campaigns,
		audience: audienceRows,
		...apart,
		isDemo: totals.demo > 0,
		totals: { posts: totals.posts, programs: totals.programs, usageRows: totals.usage_rows, imports: totals.imports }
	};
}
