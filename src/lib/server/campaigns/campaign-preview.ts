import type { DuckDBConnection } from '@duckdb/node-api';
import type { CampaignInput } from '../../domain/campaigns';
import { queryRows, type Database } from '../db/database';
import { getSettings } from '../settings';
import { relabelPosts, WORKED_OUT_LINKS } from './relink-labels';
import { campaignRule, type ManualDecision } from './rules';

/** The ID a campaign not saved yet has in its preview (stored campaigns count from 1). */
const UNSAVED = 0;
/** Posts published this long either side of a window can fall inside it in some time zone. */
const ZONE_MARGIN_DAYS = 2;
const SHOWN = 20;

export interface PreviewPost {
	platform: string;
	postId: string;
	publishedAt: string;
	text: string | null;
	/** the rule that put the post in, as the campaign page says it: 'hashtag #maplesummerreads', 'manual' */
	rule: string;
}

export interface PreviewProgram {
	title: string;
	branch: string | null;
	startsAt: string | null;
	/** the campaign names the program, or how many of its matching posts promote it */
	named: boolean;
	promotingPosts: number;
}

export interface CampaignPreview {
	/** the library's, for the dates shown */
	timeZone: string;
	posts: number;
	programs: number;
	/** per platform: matching posts, and the programs those posts promote */
	byPlatform: { platform: string; posts: number; programs: number }[];
	/** the earliest matching posts */
	firstPosts: PreviewPost[];
	firstPrograms: PreviewProgram[];
}

/**
 * Which posts and programs a campaign's rules would take in, worked out by the relink's own
 * functions into this connection's temporary tables and read back: nothing stored changes.
 * `campaignId` is the stored campaign being edited (its staff decisions count), or null for a new one.
 */
export async function previewCampaign(
	db: Database,
	campaign: CampaignInput,
	campaignId: number | null
): Promise<CampaignPreview> {
	const { timeZone } = await getSettings(db);
	return withPreviewLinks(db, campaign, campaignId, async (connection) => {
		const byPlatform = await queryRows<{ platform: string; posts: number; programs: number }>(
			connection,
			`SELECT l.platform, count(DISTINCT l.post_id) AS posts,
				count(DISTINCT (pp.program_source, pp.program_id)) FILTER (WHERE pp.program_id IS NOT NULL) AS programs
			FROM preview_links l LEFT JOIN program_promotions pp USING (platform, post_id)
			GROUP BY l.platform ORDER BY posts DESC, l.platform`
		);
		const firstPosts = await queryRows<{
			platform: string;
			post_id: string;
			published_at: string;
			text: string | null;
			rule: string;
		}>(
			connection,
			`SELECT l.platform, l.post_id, strftime(p.published_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS published_at, p.text, l.rule
			FROM preview_links l JOIN posts p USING (platform, post_id) ORDER BY p.published_at, l.platform, l.post_id LIMIT ${SHOWN}`
		);
		const programs = await queryRows<{
			title: string;
			branch: string | null;
			starts_at: string | null;
			named: boolean;
			promoting_posts: number;
			total: number;
		}>(
			connection,
			`WITH promoted AS (
				SELECT pp.program_source AS source, pp.program_id, count(*) AS promoting_posts
				FROM preview_links l JOIN program_promotions pp USING (platform, post_id) GROUP BY ALL
			), matched AS (
				SELECT g.title, g.branch, g.starts_at, list_contains(CAST(CAST($named AS JSON) AS VARCHAR[]), g.title) AS named, coalesce(p.promoting_posts, 0) AS promoting_posts
				FROM programs g LEFT JOIN promoted p ON p.source = g.source AND p.program_id = g.program_id
				WHERE p.program_id IS NOT NULL OR list_contains(CAST(CAST($named AS JSON) AS VARCHAR[]), g.title)
			)
			SELECT title, branch, strftime(starts_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS starts_at, named, promoting_posts,
				count(*) OVER () AS total
			FROM matched ORDER BY starts_at NULLS LAST, title LIMIT ${SHOWN}`,
			{ named: JSON.stringify(campaign.promoted_programs) }
		);
		return {
			timeZone,
			posts: byPlatform.reduce((sum, row) => sum + row.posts, 0),
			programs: programs[0]?.total ?? 0,
			byPlatform,
			firstPosts: firstPosts.map((row) => ({
				platform: row.platform,
				postId: row.post_id,
				publishedAt: row.published_at,
				text: row.text,
				rule: row.rule
			})),
			firstPrograms: programs.map((row) => ({
				title: row.title,
				branch: row.branch,
				startsAt: row.starts_at,
				named: row.named,
				promotingPosts: row.promoting_posts
			}))
		};
	});
}

/** Every link the preview works out (platform, post, rule, manual): what saving the campaign would store. */
export function previewLinks(
	db: Database,
	campaign: CampaignInput,
	campaignId: number | null
): Promise<{ platform: string; post_id: string; rule: string; manual: boolean }[]> {
	return withPreviewLinks(db, campaign, campaignId, (connection) =>
		queryRows(connection, 'SELECT platform, post_id, rule, manual FROM preview_links ORDER BY platform, post_id')
	);
}

/**
 * Fills the temporary table preview_links with the campaign's links, as relinking would work them
 * out (relabelPosts on the posts near the campaign's window and the posts staff decided on for it),
 * then runs `read` on the same connection; the temporary tables go with the connection.
 */
async function withPreviewLinks<T>(
	db: Database,
	campaign: CampaignInput,
	campaignId: number | null,
	read: (connection: DuckDBConnection) => Promise<T>
): Promise<T> {
	const { timeZone } = await getSettings(db);
	const rule = campaignRule(String(campaignId ?? UNSAVED), campaign);
	// Decisions are kept by campaign name; saving renames the stored campaign's, so both names count.
	const names = [campaign.name];
	if (campaignId !== null) {
		const [stored] = await db.query<{ name: string }>('SELECT name FROM campaigns WHERE campaign_id = $1', [
			campaignId
		]);
		if (stored) names.push(stored.name);
	}
	return db.withConnection(async (connection) => {
		const decisions = await queryRows<{ platform: string; post_id: string; action: 'add' | 'remove' }>(
			connection,
			'SELECT platform, post_id, action FROM campaign_post_decisions WHERE list_contains(CAST(CAST($names AS JSON) AS VARCHAR[]), campaign_name) ORDER BY decided_at',
			{ names: JSON.stringify(names) }
		);
		const manual: ManualDecision[] = decisions.map((d) => ({
			campaignId: rule.id,
			platform: d.platform,
			postId: d.post_id,
			action: d.action
		}));
		await connection.run(
			`CREATE OR REPLACE TEMP TABLE relink_posts AS
			WITH decided AS (SELECT DISTINCT platform, post_id FROM campaign_post_decisions WHERE list_contains(CAST(CAST($names AS JSON) AS VARCHAR[]), campaign_name))
			SELECT platform, post_id, published_at, text, hashtags, post_type, collaborator, true AS relabel, false AS promote,
				(platform, post_id) IN (FROM decided) AS by_hand, CAST(NULL AS VARCHAR) AS day
			FROM posts
			WHERE published_at BETWEEN CAST($from AS DATE) - INTERVAL ${ZONE_MARGIN_DAYS} DAY AND CAST($to AS DATE) + INTERVAL ${ZONE_MARGIN_DAYS + 1} DAY
				OR (platform, post_id) IN (FROM decided)`,
			{ names: JSON.stringify(names), from: rule.startsOn, to: rule.endsOn }
		);
		await relabelPosts(connection, { timeZone, campaigns: [rule], manual, corrections: new Map() }, { labels: false });
		await connection.run(`CREATE OR REPLACE TEMP TABLE preview_links AS ${WORKED_OUT_LINKS}`);
		return read(connection);
	});
}
