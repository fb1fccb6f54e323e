import type { Strategy } from '../../domain/campaigns';
import { inTransaction, queryRows, type Database } from '../db/database';
import { getSettings } from '../settings';
import { assignPostToCampaigns, strategyFromCampaigns } from './assignment';
import { labelPost } from './classifier';
import { matchPromotions, type PromotionOverride } from './program-promotion';
import type { CampaignRule, ManualDecision } from './rules';

const INSERT_CHUNK = 20_000;
/** Posts classified per round: bounds memory for a library with a million posts. */
const POST_CHUNK = 50_000;

interface PostRow {
	platform: string;
	post_id: string;
	published_at: string | null;
	text: string | null;
	hashtags: string[] | null;
	permalink: string | null;
	post_type: string | null;
	collaborator: string | null;
}

/**
 * Rebuilds which posts belong to which campaign, every post's strategy label and which posts
 * promoted which programs, from the current posts, campaigns, programs and staff decisions.
 * Run after anything that changes them; the result lives in campaign_posts, post_strategies and
 * program_promotions.
 */
export async function relinkCampaigns(
	db: Database,
	/**
	 * Only the posts these imports loaded: after an import of posts, nothing else changed, and every
	 * link, label and promotion depends on its own post alone, so the rest stand as they are.
	 */
	scope?: { postsOfImports: number[] }
): Promise<{ assigned: number; labelled: number; promotions: number }> {
	const { timeZone } = await getSettings(db);
	const campaigns = await loadCampaignRules(db);
	const byName = new Map(campaigns.map((c) => [c.name, c]));
	const decisions = await db.query<{
		campaign_name: string;
		platform: string;
		post_id: string;
		action: 'add' | 'remove';
	}>('SELECT campaign_name, platform, post_id, action FROM campaign_post_decisions ORDER BY decided_at');
	const manual: ManualDecision[] = decisions
		.filter((d) => byName.has(d.campaign_name))
		.map((d) => ({
			campaignId: byName.get(d.campaign_name)!.id,
			platform: d.platform,
			postId: d.post_id,
			action: d.action
		}));
	const corrections = new Map(
		(
			await db.query<{ platform: string; post_id: string; strategy: Strategy }>(
				'SELECT platform, post_id, strategy FROM strategy_corrections QUALIFY row_number() OVER (PARTITION BY platform, post_id ORDER BY corrected_at DESC) = 1'
			)
		).map((c) => [`${c.platform}:${c.post_id}`, c.strategy])
	);
	const inScope = scope
		? `WHERE (platform, post_id) IN (SELECT platform, post_id FROM post_observations WHERE list_contains(CAST($imports AS INTEGER[]), import_id))`
		: '';
	const imports = scope ? `[${scope.postsOfImports.map((id) => Math.trunc(id)).join(',')}]` : null;
	const promotionInputs = await loadPromotionInputs(db);
	const totals = { assigned: 0, labelled: 0, promotions: 0 };

	await db.withConnection((connection) =>
		inTransaction(connection, async () => {
			// The posts to relink, numbered, so they can be read back a chunk at a time: memory stays
			// flat however many posts a library has.
			await connection.run(
				`CREATE OR REPLACE TEMP TABLE relink_posts AS
				 SELECT row_number() OVER (ORDER BY platform, post_id) AS n, platform, post_id,
					strftime(published_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS published_at, text, hashtags, permalink, post_type, collaborator
				 FROM posts ${inScope}`,
				imports === null ? undefined : { imports }
			);
			const [{ count } = { count: 0 }] = await queryRows<{ count: number }>(
				connection,
				'SELECT count(*) AS count FROM relink_posts'
			);
			if (scope) {
				for (const table of ['campaign_post_links', 'post_strategy_labels', 'program_promotion_links']) {
					await connection.run(
						`DELETE FROM ${table} WHERE (platform, post_id) IN (SELECT platform, post_id FROM relink_posts)`
					);
				}
			} else {
				await connection.run(
					'DELETE FROM campaign_post_links; DELETE FROM post_strategy_labels; DELETE FROM program_promotion_links'
				);
			}
			// Rows travel as JSON parameters, a chunk per statement: one huge string would need DuckDB memory in one piece.
			const insert = async (table: string, shape: string, rows: readonly object[]) => {
				for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
					await connection.run(`INSERT INTO ${table} SELECT unnest(from_json($1, '[${shape}]'), recursive := true)`, [
						JSON.stringify(rows.slice(i, i + INSERT_CHUNK))
					]);
				}
			};
			for (let from = 0; from < count; from += POST_CHUNK) {
				const posts = await queryRows<PostRow & Record<string, unknown>>(
					connection,
					'SELECT platform, post_id, published_at, text, hashtags, permalink, post_type, collaborator FROM relink_posts WHERE n > $1 AND n <= $2 ORDER BY n',
					[from, from + POST_CHUNK]
				);
				const links: { campaign_id: number; platform: string; post_id: string; rule: string; manual: boolean }[] = [];
				const labels: {
					platform: string;
					post_id: string;
					strategy: string | null;
					source: string | null;
					predicted: string | null;
					matched: string;
				}[] = [];
				for (const post of posts) {
					const assignments = post.published_at
						? assignPostToCampaigns(
								{
									platform: post.platform,
									postId: post.post_id,
									publishedAt: post.published_at,
									text: post.text,
									hashtags: post.hashtags ?? [],
									permalink: post.permalink,
									collaborator: post.collaborator
								},
								campaigns,
								manual,
								timeZone
							)
						: [];
					for (const a of assignments)
						links.push({
							campaign_id: Number(a.campaignId),
							platform: post.platform,
							post_id: post.post_id,
							rule: a.rule,
							manual: a.manual
						});
					const label = labelPost(
						{
							text: post.text,
							postType: post.post_type ?? undefined,
							hashtags: post.hashtags ?? [],
							collaborator: post.collaborator
						},
						strategyFromCampaigns(assignments, campaigns),
						corrections.get(`${post.platform}:${post.post_id}`) ?? null
					);
					labels.push({
						platform: post.platform,
						post_id: post.post_id,
						strategy: label.strategy,
						source: label.source,
						predicted: label.predicted,
						matched: label.matched.map((m) => m.found || m.term).join(', ')
					});
				}
				const promotions = programPromotions(promotionInputs, posts, timeZone);
				await insert(
					'campaign_post_links',
					'{"campaign_id":"INTEGER","platform":"VARCHAR","post_id":"VARCHAR","rule":"VARCHAR","manual":"BOOLEAN"}',
					links
				);
				await insert(
					'post_strategy_labels',
					'{"platform":"VARCHAR","post_id":"VARCHAR","strategy":"VARCHAR","source":"VARCHAR","predicted":"VARCHAR","matched":"VARCHAR"}',
					labels
				);
				await insert(
					'program_promotion_links',
					'{"program_source":"VARCHAR","program_id":"VARCHAR","platform":"VARCHAR","post_id":"VARCHAR","reason":"VARCHAR","score":"DOUBLE"}',
					promotions
				);
				totals.assigned += links.length;
				totals.labelled += labels.filter((l) => l.strategy).length;
				totals.promotions += promotions.length;
			}
			await connection.run('DROP TABLE relink_posts');
		})
	);
	db.markChanged();
	return totals;
}

async function loadCampaignRules(db: Database): Promise<CampaignRule[]> {
	const rows = await db.query<{
		campaign_id: number;
		name: string;
		strategy: Strategy;
		starts_on: string;
		ends_on: string;
		hashtags: string[];
		keywords: string[] | null;
		link_domains: string[] | null;
		utm_campaigns: string[] | null;
		partner_accounts: string[] | null;
	}>(
		`SELECT campaign_id, name, strategy, strftime(starts_on, '%Y-%m-%d') AS starts_on, strftime(ends_on, '%Y-%m-%d') AS ends_on, hashtags,
			keywords, link_domains, utm_campaigns, partner_accounts FROM campaigns WHERE NOT archived ORDER BY campaign_id`
	);
	return rows.map((row) => ({
		id: String(row.campaign_id),
		name: row.name,
		strategy: row.strategy,
		startsOn: row.starts_on,
		endsOn: row.ends_on,
		hashtags: row.hashtags ?? [],
		keywords: row.keywords ?? [],
		linkDomains: row.link_domains ?? [],
		utmCampaigns: row.utm_campaigns ?? [],
		partnerAccounts: row.partner_accounts ?? []
	}));
}

interface PromotionInputs {
	programs: { source: string; program_id: string; title: string; starts_at: string; branch: string | null }[];
	overrides: {
		program_source: string;
		program_id: string;
		platform: string;
		post_id: string;
		action: 'add' | 'remove';
	}[];
}

async function loadPromotionInputs(db: Database): Promise<PromotionInputs> {
	const programs = await db.query<PromotionInputs['programs'][number]>(
		`SELECT source, program_id, title, strftime(starts_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS starts_at, branch FROM programs WHERE title IS NOT NULL AND starts_at IS NOT NULL`
	);
	const overrides = await db.query<PromotionInputs['overrides'][number]>(
		'SELECT program_source, program_id, platform, post_id, action FROM promotion_decisions ORDER BY decided_at'
	);
	return { programs, overrides };
}

/** Which of these posts promoted which programs (each post on its own, so chunks add up to the whole). */
function programPromotions({ programs, overrides }: PromotionInputs, posts: PostRow[], timeZone: string) {
	const key = (source: string, id: string) => `${source}:${id}`;
	const sourceOf = new Map(programs.map((p) => [key(p.source, p.program_id), p.source]));
	const found = matchPromotions(
		programs.map((p) => ({
			programId: key(p.source, p.program_id),
			title: p.title,
			startsAt: p.starts_at,
			branch: p.branch
		})),
		posts
			.filter((p) => p.published_at)
			.map((p) => ({ platform: p.platform, postId: p.post_id, publishedAt: p.published_at!, text: p.text })),
		{
			timeZone,
			overrides: overrides.map((o): PromotionOverride => ({
				programId: key(o.program_source, o.program_id),
				platform: o.platform,
				postId: o.post_id,
				action: o.action
			}))
		}
	);
	return found.map((p) => {
		const source = sourceOf.get(p.programId)!;
		return {
			program_source: source,
			program_id: p.programId.slice(source.length + 1),
			platform: p.platform,
			post_id: p.postId,
			reason: p.reason,
			score: p.score
		};
	});
}
