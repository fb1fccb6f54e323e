import type { CampaignPeriod } from '../../domain/campaigns';
import type { Database } from '../db/database';
import { byDataVersion } from '../db/version-cache';
import { getSettings } from '../settings';
import { SURVEY_OUTCOMES, usageMetricName } from '../../domain/vocabulary';
import { PERIOD_PREFERENCE } from './usage-period';
import { withPostsSnapshot } from '../db/posts-snapshot';

export interface CampaignSummary {
	campaignId: number;
	name: string;
	strategy: string;
	startsOn: string;
	/** today's date while the campaign runs (ongoing) */
	endsOn: string;
	ongoing: boolean;
	/** the branches the campaign is for; empty: the whole library */
	branches: string[];
	description: string | null;
	hashtags: string[];
	outcomeMetrics: string[];
	budget: number | null;
	posts: number;
	reach: number | null;
	impressions: number | null;
	engagements: number | null;
	/** engagements ÷ impressions over the campaign's posts that report both */
	engagementRate: number | null;
	/** the same rate for the same platforms' own posts outside every campaign (no partners' collaborations), weighted by this campaign's mix */
	baselineRate: number | null;
	costPerEngagement: number | null;
}

/**
 * Every campaign with its posts' reach and engagement against the library's own baseline; computed
 * once per data version (the campaigns, campaign and explore pages and the report all ask for it).
 */
export function campaignSummaries(db: Database, platform?: string): Promise<CampaignSummary[]> {
	return byDataVersion(db, 'campaignSummaries', platform ?? null, () => summariseCampaigns(db, platform ?? null));
}

/** `platform`: the figures of that platform's posts only (the Campaigns list's platform filter); null: every platform. */
async function summariseCampaigns(db: Database, platform: string | null): Promise<CampaignSummary[]> {
	db = await withPostsSnapshot(db);
	const rows = await db.query<Record<string, unknown>>(
		`WITH rated AS (
			SELECT platform, post_id, reach, impressions, engagements, collaborator,
				impressions > 0 AND engagements IS NOT NULL AS has_rate FROM posts
			WHERE CAST($platform AS VARCHAR) IS NULL OR platform = $platform
		), baseline AS (
			SELECT platform, sum(engagements) FILTER (WHERE has_rate) / nullif(sum(impressions) FILTER (WHERE has_rate), 0) AS rate
			FROM rated WHERE collaborator IS NULL AND (platform, post_id) NOT IN (SELECT platform, post_id FROM campaign_posts) GROUP BY platform
		), per_campaign AS (
			SELECT cp.campaign_id, count(*) AS posts, sum(r.reach) AS reach, sum(r.impressions) AS impressions, sum(r.engagements) AS engagements,
				sum(r.engagements) FILTER (WHERE r.has_rate) / nullif(sum(r.impressions) FILTER (WHERE r.has_rate), 0) AS engagement_rate,
				sum(b.rate * r.impressions) FILTER (WHERE r.has_rate) / nullif(sum(r.impressions) FILTER (WHERE r.has_rate AND b.rate IS NOT NULL), 0) AS baseline_rate
			FROM campaign_posts cp JOIN rated r USING (platform, post_id) LEFT JOIN baseline b USING (platform)
			GROUP BY cp.campaign_id
		)
		SELECT c.campaign_id, c.name, c.strategy, c.branches, strftime(c.starts_on, '%Y-%m-%d') AS starts_on, strftime(c.ends_on, '%Y-%m-%d') AS ends_on, c.ongoing,
			c.description, c.hashtags, c.outcome_metrics, c.budget, coalesce(p.posts, 0) AS posts, p.reach, p.impressions, p.engagements,
			p.engagement_rate, p.baseline_rate, c.budget / nullif(p.engagements, 0) AS cost_per_engagement
		FROM campaigns c LEFT JOIN per_campaign p USING (campaign_id)
		WHERE NOT c.archived ORDER BY c.starts_on DESC, c.name`,
		{ platform }
	);
	return rows.map((row) => ({
		branches: (row.branches as string[] | null) ?? [],
		campaignId: row.campaign_id as number,
		name: row.name as string,
		strategy: row.strategy as string,
		startsOn: row.starts_on as string,
		endsOn: row.ends_on as string,
		ongoing: row.ongoing as boolean,
		description: (row.description as string | null) ?? null,
		hashtags: (row.hashtags as string[] | null) ?? [],
		outcomeMetrics: (row.outcome_metrics as string[] | null) ?? [],
		budget: (row.budget as number | null) ?? null,
		posts: row.posts as number,
		reach: (row.reach as number | null) ?? null,
		impressions: (row.impressions as number | null) ?? null,
		engagements: (row.engagements as number | null) ?? null,
		engagementRate: (row.engagement_rate as number | null) ?? null,
		baselineRate: (row.baseline_rate as number | null) ?? null,
		costPerEngagement: (row.cost_per_engagement as number | null) ?? null
	}));
}

/** Campaign windows that overlap [from, to], for shading charts. */
export async function campaignPeriods(db: Database, from: string, to: string): Promise<CampaignPeriod[]> {
	const rows = await db.query<{ name: string; strategy: string; starts_on: string; ends_on: string }>(
		`SELECT name, strategy, strftime(starts_on, '%Y-%m-%d') AS starts_on, strftime(ends_on, '%Y-%m-%d') AS ends_on
		 FROM campaigns WHERE NOT archived AND starts_on <= CAST($2 AS DATE) AND ends_on >= CAST($1 AS DATE)
		 ORDER BY starts_on, name`,
		[from, to]
	);
	return rows.map((row) => ({ name: row.name, strategy: row.strategy, startsOn: row.starts_on, endsOn: row.ends_on }));
}

export interface CampaignPost {
	platform: string;
	postId: string;
	publishedAt: string | null;
	text: string | null;
	permalink: string | null;
	impressions: number | null;
	engagements: number | null;
	rule: string;
	manual: boolean;
	strategy: string | null;
	strategySource: string | null;
	matched: string | null;
}

/** What a list of posts shows of each post, from a row of the posts view (published_at as UTC ISO text). */
export function listedPost(row: Record<string, unknown>) {
	return {
		platform: row.platform as string,
		postId: row.post_id as string,
		publishedAt: (row.published_at as string | null) ?? null,
		text: (row.text as string | null) ?? null,
		permalink: (row.permalink as string | null) ?? null,
		impressions: (row.impressions as number | null) ?? null,
		engagements: (row.engagements as number | null) ?? null
	};
}

/** Posts shown on one page of a campaign's list: a consortium's campaign has thousands, each with its forms. */
export const CAMPAIGN_POSTS_PER_PAGE = 50;

export interface CampaignPostsPage {
	posts: CampaignPost[];
	/** every post in the campaign */
	total: number;
	/** 1-based; a page past the end shows the last one */
	page: number;
	pages: number;
	perPage: number;
}

/** One page of a campaign's posts, newest first, on one platform or all; cached by data version. */
export function campaignPosts(
	db: Database,
	campaignId: number,
	page = 1,
	perPage = CAMPAIGN_POSTS_PER_PAGE,
	platform: string | null = null
): Promise<CampaignPostsPage> {
	return byDataVersion(db, 'campaignPosts', [campaignId, page, perPage, platform], () =>
		pageOfCampaignPosts(db, campaignId, page, perPage, platform)
	);
}

/** The platforms a campaign has posts on, in the order the dashboards list them, with how many each. */
export function campaignPlatforms(db: Database, campaignId: number): Promise<{ platform: string; posts: number }[]> {
	return byDataVersion(db, 'campaignPlatforms', campaignId, () =>
		db.query<{ platform: string; posts: number }>(
			`SELECT cp.platform, count(*) AS posts FROM campaign_posts cp WHERE cp.campaign_id = $1
				AND EXISTS (SELECT 1 FROM post_observations o WHERE o.platform = cp.platform AND o.post_id = cp.post_id)
			 GROUP BY cp.platform ORDER BY cp.platform`,
			[campaignId]
		)
	);
}

async function pageOfCampaignPosts(
	db: Database,
	campaignId: number,
	requested: number,
	perPage: number,
	platform: string | null
): Promise<CampaignPostsPage> {
	db = await withPostsSnapshot(db);
	// The posts view has one row per post observed: counted on the observations, without its window.
	const [count] = await db.query<{ total: number }>(
		`SELECT count(*) AS total FROM campaign_posts cp WHERE cp.campaign_id = $1
			AND (CAST($2 AS VARCHAR) IS NULL OR cp.platform = $2)
			AND EXISTS (SELECT 1 FROM post_observations o WHERE o.platform = cp.platform AND o.post_id = cp.post_id)`,
		[campaignId, platform]
	);
	const total = count?.total ?? 0;
	const pages = Math.max(1, Math.ceil(total / perPage));
	const page = Math.min(Math.max(1, requested), pages);
	// Platform and ID break ties, so a post never shows on two pages or none.
	const rows = await db.query<Record<string, unknown>>(
		`SELECT p.platform, p.post_id, strftime(p.published_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS published_at, p.text, p.permalink,
			p.impressions, p.engagements, cp.rule, cp.manual, s.strategy, s.source, s.matched
		 FROM campaign_posts cp JOIN posts p USING (platform, post_id) LEFT JOIN post_strategies s USING (platform, post_id)
		 WHERE cp.campaign_id = $1 AND (CAST($4 AS VARCHAR) IS NULL OR cp.platform = $4)
		 ORDER BY p.published_at DESC, p.platform, p.post_id LIMIT $2 OFFSET $3`,
		[campaignId, perPage, (page - 1) * perPage, platform]
	);
	const posts = rows.map((row) => ({
		...listedPost(row),
		rule: row.rule as string,
		manual: row.manual as boolean,
		strategy: (row.strategy as string | null) ?? null,
		strategySource: (row.source as string | null) ?? null,
		matched: (row.matched as string | null) ?? null
	}));
	return { posts, total, page, pages, perPage };
}

export interface OutcomePoint {
	periodStart: string;
	value: number;
}

/**
 * The series behind an outcome metric name from a campaign file:
 *   usage:<metric>[:<branch>]                       monthly usage
 *   literacy:<metric>[:<branch>]                    weekly literacy figures
 *   programs:attendance[:<branch>[:<word in title or category>]]  weekly program attendance
 */
export interface OutcomeSeries {
	label: string;
	period: 'week' | 'month';
	points: OutcomePoint[];
	/** a program that runs part of the year (summer reading): only its weeks exist */
	seasonal?: boolean;
}

/** A series' label without its "per week" or "per month": what it counts. */
export const seriesName = (series: OutcomeSeries): string => series.label.replace(/ per (week|month)$/, '');

/**
 * The stored series an outcome metric names, cached by data version: the campaign page, its Impact
 * panels, their cross-checks and the explore page each ask for the same few series. Shared: not to be mutated.
 */
export function outcomeSeries(db: Database, metric: string): Promise<OutcomeSeries | null> {
	return byDataVersion(db, 'outcomeSeries', metric, () => readOutcomeSeries(db, metric));
}

async function readOutcomeSeries(db: Database, metric: string): Promise<OutcomeSeries | null> {
	const [kind, name, branch, match] = metric.split(':');
	const { timeZone } = await getSettings(db);
	const select = async (sql: string, params: Record<string, string | null>) =>
		(await db.query<{ period_start: string; value: number }>(sql, params)).map((r) => ({
			periodStart: r.period_start,
			value: r.value
		}));
	if (kind === 'usage' && name) {
		// Monthly figures when there are any; otherwise daily or weekly ones summed into months. Never both,
		// so a library that uploads door counts beside its monthly report does not count visits twice.
		const points = await select(
			`WITH chosen AS (
				SELECT period FROM usage WHERE metric = $metric AND ($branch IS NULL OR branch = $branch)
				GROUP BY period ORDER BY ${PERIOD_PREFERENCE} LIMIT 1)
			 SELECT strftime(date_trunc('month', period_start), '%Y-%m-%d') AS period_start, sum(value) AS value FROM usage
			 WHERE metric = $metric AND ($branch IS NULL OR branch = $branch) AND period = (SELECT period FROM chosen)
			 GROUP BY 1 ORDER BY 1`,
			{ metric: name, branch: branch ?? null }
		);
		return { label: `${usageMetricName(name)}${branch ? ` at ${branch}` : ''} per month`, period: 'month', points };
	}
	if (kind === 'literacy' && name) {
		const points = await select(
			`SELECT strftime(period_start, '%Y-%m-%d') AS period_start, sum(value) AS value FROM literacy
			 WHERE metric = $metric AND ($branch IS NULL OR branch = $branch) GROUP BY period_start ORDER BY period_start`,
			{ metric: name, branch: branch ?? null }
		);
		return {
			label: `summer reading ${name.replaceAll('_', ' ')}${branch ? ` at ${branch}` : ''} per week`,
			period: 'week',
			points,
			seasonal: true
		};
	}
	if (kind === 'programs' && name === 'attendance') {
		// Every week between the first and last session, a week without one counting 0, so the series is regular.
		const points = await select(
			`WITH weekly AS (
				SELECT date_trunc('week', CAST(timezone($tz, starts_at) AS DATE)) AS week, sum(attendance) AS value
				FROM programs WHERE NOT cancelled AND attendance IS NOT NULL AND ($branch IS NULL OR branch = $branch)
				  AND ($match IS NULL OR title ILIKE '%' || $match || '%' OR coalesce(category, '') ILIKE '%' || $match || '%')
				GROUP BY 1)
			 SELECT strftime(w.week, '%Y-%m-%d') AS period_start, coalesce(weekly.value, 0) AS value
			 FROM (SELECT unnest(generate_series(min(week), max(week), INTERVAL 7 DAY)) AS week FROM weekly) w LEFT JOIN weekly USING (week)
			 ORDER BY 1`,
			{ tz: timeZone, branch: branch ?? null, match: match ?? null }
		);
		return {
			label: `${match ? `${match} ` : 'program '}attendance${branch ? ` at ${branch}` : ''} per week`,
			period: 'week',
			points
		};
	}
	if (kind === 'surveys' && name && (SURVEY_OUTCOMES as readonly string[]).includes(name)) {
		// Project Outcome: the share of respondents who agree (4 or 5 of 5) each month, in percent.
		const points = await select(
			`SELECT strftime(date_trunc('month', date), '%Y-%m-%d') AS period_start, 100.0 * avg(CASE WHEN "${name}" >= 4 THEN 1 ELSE 0 END) AS value
			 FROM survey_responses WHERE date IS NOT NULL AND "${name}" IS NOT NULL AND ($branch IS NULL OR branch = $branch)
			 GROUP BY 1 ORDER BY 1`,
			{ branch: branch ?? null }
		);
		return {
			label: `% of survey respondents agreeing on ${name}${branch ? ` at ${branch}` : ''} per month`,
			period: 'month',
			points
		};
	}
	return null;
}
