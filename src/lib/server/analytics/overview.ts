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
import { campaignPeriods } from './campaigns';
import { queryRows, type Database, type Row, type SqlParams } from '../db/database';
import { byDataVersion } from '../db/version-cache';
import { getSettings } from '../settings';
import { comparisonRange, defaultRange, resolveRange } from './date-range';
import { PERIOD_PREFERENCE } from './usage-period';
import { withPostsSnapshot } from '../db/posts-snapshot';

// Every date is bucketed in the library's time zone: $tz is bound, never spliced.
const POST_DAY = 'CAST(timezone($tz, published_at) AS DATE)';
const IN_RANGE = `${POST_DAY} BETWEEN CAST($from AS DATE) AND CAST($to AS DATE)`;
/**
 * The library's own posts: a partner's collaboration post counts toward the Partner collaborations
 * strategy and is shown on its own line, not in the library's posts, impressions or engagement rate.
 * Stories are not in the posts view at all.
 */
const OWN_POSTS = `(SELECT * FROM overview_posts WHERE collaborator IS NULL)`;
/**
 * The posts view de-duplicates every observation with a window, which cannot be filtered first:
 * about 150 ms a scan at 250,000 posts, and the overview reads posts some fourteen times. So each
 * computation copies the columns it needs once, into a temporary table of its own connection.
 */
const OVERVIEW_POSTS = `CREATE OR REPLACE TEMP TABLE overview_posts AS
	SELECT platform, published_at, impressions, engagements, collaborator FROM posts`;

/** A query on the overview's one connection, where overview_posts exists. */
type Query = <T extends Row = Row>(sql: string, params?: SqlParams) => Promise<T[]>;
const PROGRAM_DAY = 'CAST(timezone($tz, starts_at) AS DATE)';
/**
 * Circulation rows, each metric at one granularity: monthly figures when a metric has any, else the
 * daily or weekly ones, so a library that uploads both never has its checkouts counted twice.
 */
const CIRCULATION = `(SELECT * FROM usage u WHERE metric IN ('circulation', 'digital_checkouts')
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

async function totalsFor(q: Query, tz: string, range: DateRange): Promise<Totals> {
	const [row] = await q<Totals & Record<string, unknown>>(
		`SELECT
			(SELECT count(*) FROM ${OWN_POSTS} WHERE ${IN_RANGE}) AS posts,
			(SELECT sum(impressions) FROM ${OWN_POSTS} WHERE ${IN_RANGE}) AS impressions,
			(SELECT sum(engagements) FROM ${OWN_POSTS} WHERE ${IN_RANGE} AND impressions > 0) AS engagements,
			(SELECT sum(impressions) FROM ${OWN_POSTS} WHERE ${IN_RANGE} AND impressions > 0 AND engagements IS NOT NULL) AS rated_impressions,
			(SELECT sum(attendance) FROM programs WHERE NOT cancelled AND ${PROGRAM_DAY} BETWEEN CAST($from AS DATE) AND CAST($to AS DATE)) AS attendance,
			(SELECT sum(value) FROM ${CIRCULATION} WHERE period_start >= CAST($from AS DATE) AND ${PERIOD_END} <= CAST($to AS DATE)) AS circulation`,
		{ tz, from: range.from, to: range.to }
	);
	return row!;
}

function kpis(current: Totals, previous: Totals): Kpi[] {
	const rate = (t: Totals) => (t.rated_impressions ? (t.engagements ?? 0) / t.rated_impressions : null);
	return [
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
			note: 'Physical and digital checkouts, all branches'
		}
	];
}

async function weeklyEngagement(q: Query, tz: string, range: DateRange): Promise<WeeklyEngagement[]> {
	return q<WeeklyEngagement & Record<string, unknown>>(
		`SELECT strftime(date_trunc('week', ${POST_DAY}), '%Y-%m-%d') AS week, platform,
			coalesce(sum(engagements), 0) AS engagements, sum(impressions) AS impressions, count(*) AS posts
		 FROM ${OWN_POSTS} WHERE ${IN_RANGE}
		 GROUP BY ALL ORDER BY week, platform`,
		{ tz, from: range.from, to: range.to }
	);
}

/** Stories and partners' collaboration posts published in the range, which the figures above leave out. */
async function contentApart(
	q: Query,
	tz: string,
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
			(SELECT count(*) FROM stories WHERE ${IN_RANGE}) AS stories,
			(SELECT sum(impressions) FROM stories WHERE ${IN_RANGE}) AS story_impressions,
			(SELECT sum(engagements) FROM stories WHERE ${IN_RANGE}) AS story_engagements,
			(SELECT count(*) FROM overview_posts WHERE collaborator IS NOT NULL AND ${IN_RANGE}) AS collaborations,
			(SELECT sum(impressions) FROM overview_posts WHERE collaborator IS NOT NULL AND ${IN_RANGE}) AS collaboration_impressions,
			(SELECT sum(engagements) FROM overview_posts WHERE collaborator IS NOT NULL AND ${IN_RANGE}) AS collaboration_engagements,
			(SELECT list_sort(list(DISTINCT CASE WHEN platform = 'instagram' THEN '@' || collaborator ELSE collaborator END))
				FROM overview_posts WHERE collaborator IS NOT NULL AND ${IN_RANGE}) AS partners`,
		{ tz, from: range.from, to: range.to }
	);
	const apart = (count: number, impressions: number | null, engagements: number | null): ContentApart | null =>
		count > 0 ? { count, impressions, engagements } : null;
	const collaborations = apart(row!.collaborations, row!.collaboration_impressions, row!.collaboration_engagements);
	return {
		stories: apart(row!.stories, row!.story_impressions, row!.story_engagements),
		collaborations: collaborations && { ...collaborations, partners: row!.partners ?? [] }
	};
}

async function monthlyOutcomes(q: Query, tz: string, range: DateRange): Promise<MonthlyOutcome[]> {
	return q<MonthlyOutcome & Record<string, unknown>>(
		`SELECT month, metric, value FROM (
			SELECT strftime(date_trunc('month', ${PROGRAM_DAY}), '%Y-%m-%d') AS month, 'attendance' AS metric, sum(attendance) AS value
			FROM programs WHERE NOT cancelled AND attendance IS NOT NULL AND ${PROGRAM_DAY} BETWEEN CAST($from AS DATE) AND CAST($to AS DATE)
			GROUP BY ALL
			UNION ALL
			SELECT strftime(date_trunc('month', period_start), '%Y-%m-%d') AS month, 'circulation' AS metric, sum(value) AS value
			FROM ${CIRCULATION} WHERE period_start BETWEEN CAST($from AS DATE) AND CAST($to AS DATE)
			GROUP BY ALL
		) ORDER BY month, metric`,
		{ tz, from: range.from, to: range.to }
	);
}

/** Followers, new follows, page visits and video views per platform, from the account-level exports. */
async function audience(q: Query, range: DateRange, previous: DateRange): Promise<AudienceRow[]> {
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
		`WITH inside AS (SELECT * FROM account_daily WHERE date BETWEEN CAST($from AS DATE) AND CAST($to AS DATE)),
			before AS (SELECT * FROM account_daily WHERE date BETWEEN CAST($pfrom AS DATE) AND CAST($pto AS DATE))
		SELECT i.platform,
			arg_max(i.followers, i.date) FILTER (WHERE i.followers IS NOT NULL) AS followers,
			strftime(max(i.date) FILTER (WHERE i.followers IS NOT NULL), '%Y-%m-%d') AS followers_on,
			sum(i.new_follows) AS new_follows, sum(i.profile_visits) AS profile_visits, sum(i.video_views) AS video_views,
			(SELECT sum(new_follows) FROM before b WHERE b.platform = i.platform) AS prev_new_follows,
			(SELECT sum(profile_visits) FROM before b WHERE b.platform = i.platform) AS prev_profile_visits,
			(SELECT sum(video_views) FROM before b WHERE b.platform = i.platform) AS prev_video_views
		FROM inside i GROUP BY i.platform ORDER BY i.platform`,
		{ from: range.from, to: range.to, pfrom: previous.from, pto: previous.to }
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

async function dataSpan(q: Query, tz: string): Promise<DateRange | null> {
	const [row] = await q<{ first: string | null; last: string | null }>(
		`SELECT strftime(min(d), '%Y-%m-%d') AS first, strftime(max(d), '%Y-%m-%d') AS last FROM (
			SELECT ${POST_DAY} AS d FROM overview_posts
			UNION ALL SELECT ${PROGRAM_DAY} FROM programs WHERE attendance IS NOT NULL
			UNION ALL SELECT period_start FROM usage)`,
		{ tz }
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

/**
 * Everything the overview page and the board report show for one date range, computed once per data
 * version (an upload, a settings change or a relink bumps it) and served from memory after that.
 */
export function overview(db: Database, query: DateRangeQuery, today = new Date()): Promise<OverviewData> {
	const day = today.toISOString().slice(0, 10);
	return byDataVersion(db, 'overview', [query, day], () => computeOverview(db, query, today));
}

async function computeOverview(db: Database, query: DateRangeQuery, today: Date): Promise<OverviewData> {
	db = await withPostsSnapshot(db);
	const settings = await getSettings(db);
	const tz = settings.timeZone;
	const figures = await db.withConnection(async (connection) => {
		const q: Query = (sql, params) => queryRows(connection, sql, params);
		await connection.run(OVERVIEW_POSTS);
		const span = await dataSpan(q, tz);
		const fallback = defaultRange(span?.to ?? today.toISOString().slice(0, 10));
		const range = resolveRange(query, fallback);
		const previous = comparisonRange(range, query.compare ?? 'previous');
		return {
			span,
			range,
			previous,
			current: await totalsFor(q, tz, range),
			before: await totalsFor(q, tz, previous),
			weekly: await weeklyEngagement(q, tz, range),
			monthly: await monthlyOutcomes(q, tz, range),
			totals: await counts(q),
			audienceRows: await audience(q, range, previous),
			apart: await contentApart(q, tz, range)
		};
	});
	const { span, range, previous, current, before, weekly, monthly, totals, audienceRows, apart } = figures;
	const campaigns = await campaignPeriods(db, range.from, range.to);
	return {
		libraryName: settings.libraryName,
		timeZone: tz,
		range,
		comparison: query.compare ?? 'previous',
		previousRange: previous,
		dataSpan: span,
		kpis: kpis(current, before),
		weeklyEngagement: weekly,
		monthlyOutcomes: monthly,
		campaigns,
		audience: audienceRows,
		...apart,
		isDemo: totals.demo > 0,
		totals: { posts: totals.posts, programs: totals.programs, usageRows: totals.usage_rows, imports: totals.imports }
	};
}
