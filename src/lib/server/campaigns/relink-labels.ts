import type { DuckDBConnection } from '@duckdb/node-api';
import { localDate } from '../../calendar';
import type { Strategy } from '../../domain/campaigns';
import { queryColumns, tempTableWriter } from '../db/append';
import type { Database } from '../db/database';
import { breather } from '../event-loop';
import { assignPostToCampaigns, strategyFromCampaigns, type Assignment } from './assignment';
import { classifyPost, labelFrom, type Classification } from './classifier';
import { ONGOING_UNTIL, type CampaignRule, type ManualDecision } from './rules';

/** Groups of alike posts classified per round: bounds memory for a library with a million posts. */
const GROUP_CHUNK = 50_000;
/** Distinct texts whose classification is remembered at once. */
const CLASSIFIED_KEPT = 50_000;

export interface LabelInputs {
	timeZone: string;
	campaigns: CampaignRule[];
	/** Staff decisions on campaign membership, oldest first, for campaigns that exist. */
	manual: ManualDecision[];
	/** Each post's latest strategy correction, by `platform:post_id`. */
	corrections: Map<string, Strategy>;
}

export async function loadLabelInputs(db: Database, timeZone: string): Promise<LabelInputs> {
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
	return { timeZone, campaigns, manual, corrections };
}

async function loadCampaignRules(db: Database): Promise<CampaignRule[]> {
	const rows = await db.query<{
		campaign_id: number;
		name: string;
		strategy: Strategy;
		starts_on: string;
		ends_on: string;
		ongoing: boolean;
		hashtags: string[];
		keywords: string[] | null;
		link_domains: string[] | null;
		utm_campaigns: string[] | null;
		partner_accounts: string[] | null;
	}>(
		`SELECT campaign_id, name, strategy, strftime(starts_on, '%Y-%m-%d') AS starts_on, strftime(ends_on, '%Y-%m-%d') AS ends_on, ongoing, hashtags,
			keywords, link_domains, utm_campaigns, partner_accounts FROM campaigns WHERE NOT archived ORDER BY campaign_id`
	);
	return rows.map((row) => ({
		id: String(row.campaign_id),
		name: row.name,
		strategy: row.strategy,
		startsOn: row.starts_on,
		endsOn: row.ongoing ? ONGOING_UNTIL : row.ends_on,
		hashtags: row.hashtags ?? [],
		keywords: row.keywords ?? [],
		linkDomains: row.link_domains ?? [],
		utmCampaigns: row.utm_campaigns ?? [],
		partnerAccounts: row.partner_accounts ?? []
	}));
}

interface PostSubject {
	text: string | null;
	hashtags: string[] | null;
	post_type: string | null;
	collaborator: string | null;
}

/** Classifies each distinct text, type and hashtags once: exports repeat texts (replies, recurring notices). */
function classifier() {
	const kept = new Map<string, Classification>();
	return (post: PostSubject): Classification => {
		const key = JSON.stringify([post.text, post.post_type, post.hashtags]);
		let classification = kept.get(key);
		if (!classification) {
			if (kept.size >= CLASSIFIED_KEPT) kept.clear();
			classification = classifyPost({
				text: post.text,
				postType: post.post_type ?? undefined,
				hashtags: post.hashtags ?? []
			});
			kept.set(key, classification);
		}
		return classification;
	};
}

const matchedText = (classification: Classification) => classification.matched.map((m) => m.found || m.term).join(', ');

const LABEL_COLUMNS = { strategy: 'varchar', source: 'varchar', predicted: 'varchar', matched: 'varchar' } as const;
const DAY_MS = 86_400_000;
const ISO = `'%Y-%m-%dT%H:%M:%SZ'`;

/**
 * The condition that a post was published near a campaign's window (two days either side, more
 * than any zone's offset): elsewhere no campaign rule applies, so its local date does not matter.
 */
function nearCampaigns(campaigns: readonly CampaignRule[]): string {
	const spans = campaigns
		.map((c) => [Date.parse(`${c.startsOn}T00:00:00Z`) - 2 * DAY_MS, Date.parse(`${c.endsOn}T00:00:00Z`) + 3 * DAY_MS])
		.filter(([from, to]) => Number.isFinite(from) && Number.isFinite(to))
		.sort((a, b) => a[0]! - b[0]!);
	const merged: number[][] = [];
	for (const [from, to] of spans) {
		const last = merged.at(-1);
		if (last && from! <= last[1]!) last[1] = Math.max(last[1]!, to!);
		else merged.push([from!, to!]);
	}
	if (merged.length === 0) return 'false';
	return merged.map(([from, to]) => `epoch_ms(published_at) BETWEEN ${from} AND ${to}`).join(' OR ');
}

/**
 * Campaign links and strategy labels of the posts in relink_posts marked `relabel`. A post's links
 * and label depend on its text, hashtags, type, collaborator and local date alone, unless staff decided on it:
 * so alike posts are grouped in SQL, each group is worked out once, by the same functions as one
 * post, and its answer is joined back to every post of the group. The local date only counts near
 * a campaign's window (elsewhere no rule applies), so only there does it split groups. Posts staff
 * decided on or corrected are worked out one by one. Without `labels` (a campaign's preview), only
 * the links are worked out: classifying the posts is most of the work and the preview shows no label.
 */
export async function relabelPosts(
	connection: DuckDBConnection,
	{ timeZone, campaigns, manual, corrections }: LabelInputs,
	{ labels = true }: { labels?: boolean } = {}
): Promise<void> {
	const grouped = 'relabel AND NOT by_hand';
	const near = nearCampaigns(campaigns);
	if (near !== 'false') {
		// The library's date of each quarter hour posted in near a campaign (local midnight never falls inside one).
		const bucket = 'CAST(floor(epoch_ms(published_at) / 900000) AS BIGINT)';
		const quarters = await queryColumns<{ bucket: bigint[] }>(
			connection,
			`SELECT DISTINCT ${bucket} AS bucket FROM relink_posts WHERE ${grouped} AND (${near})`
		);
		const days = await tempTableWriter(connection, 'relink_days', { bucket: 'bigint', day: 'varchar' });
		for (const quarter of quarters.bucket.map(Number))
			days.row(quarter, localDate(new Date(quarter * 900_000).toISOString(), timeZone));
		days.close();
		await connection.run(`UPDATE relink_posts SET day = d.day FROM relink_days d
			WHERE ${grouped} AND (${near}) AND d.bucket = ${bucket}`);
		await connection.run('DROP TABLE relink_days');
	}
	await connection.run(`CREATE OR REPLACE TEMP TABLE relink_groups AS
		SELECT CAST(row_number() OVER () AS INTEGER) AS g, text, hashtags, post_type, collaborator, day,
			strftime(min(published_at) AT TIME ZONE 'UTC', ${ISO}) AS iso, count(*) AS posts, list(rowid) AS members
		FROM relink_posts WHERE ${grouped} GROUP BY text, hashtags, post_type, collaborator, day`);

	const classify = classifier();
	const groupLinks = await tempTableWriter(connection, 'relink_group_links', {
		g: 'integer',
		campaign_id: 'integer',
		rule: 'varchar'
	});
	const groupLabels = await tempTableWriter(connection, 'relink_group_labels', { g: 'integer', ...LABEL_COLUMNS });
	const groups = await count(connection, 'SELECT count(*) AS n FROM relink_groups');
	// Classifying is JavaScript on the server's one thread: pages and sign-ins are answered between slices.
	const pause = breather();
	for (let from = 0; from < groups; from += GROUP_CHUNK) {
		const chunk = await queryColumns<{
			g: number[];
			text: (string | null)[];
			hashtags: (string[] | null)[];
			post_type: (string | null)[];
			collaborator: (string | null)[];
			iso: (string | null)[];
		}>(
			connection,
			'SELECT g, text, hashtags, post_type, collaborator, iso FROM relink_groups WHERE g > $1 AND g <= $2',
			[from, from + GROUP_CHUNK]
		);
		for (let i = 0; i < chunk.g.length; i++) {
			await pause();
			const g = chunk.g[i]!;
			const post = {
				text: chunk.text[i]!,
				hashtags: chunk.hashtags[i]!,
				post_type: chunk.post_type[i]!,
				collaborator: chunk.collaborator[i]!
			};
			const iso = chunk.iso[i];
			// No post of the group has a staff decision, so none applies.
			const assignments = iso ? assign(post, iso, campaigns, [], timeZone) : [];
			for (const a of assignments) groupLinks.row(g, Number(a.campaignId), a.rule);
			if (!labels) continue;
			const classification = classify(post);
			const label = labelFrom(classification, strategyFromCampaigns(assignments, campaigns), null, post.collaborator);
			groupLabels.row(g, label.strategy, label.source, label.predicted, matchedText(classification));
		}
	}
	groupLinks.close();
	groupLabels.close();

	const hand = await queryColumns<{
		platform: string[];
		post_id: string[];
		iso: (string | null)[];
		text: (string | null)[];
		hashtags: (string[] | null)[];
		post_type: (string | null)[];
		collaborator: (string | null)[];
	}>(
		connection,
		`SELECT platform, post_id, strftime(published_at AT TIME ZONE 'UTC', ${ISO}) AS iso, text, hashtags, post_type, collaborator
		FROM relink_posts WHERE relabel AND by_hand`
	);
	const handLinks = await tempTableWriter(connection, 'relink_hand_links', {
		campaign_id: 'integer',
		platform: 'varchar',
		post_id: 'varchar',
		rule: 'varchar',
		manual: 'boolean'
	});
	const handLabels = await tempTableWriter(connection, 'relink_hand_labels', {
		platform: 'varchar',
		post_id: 'varchar',
		...LABEL_COLUMNS
	});
	hand.platform.forEach((platform, i) => {
		const post = {
			text: hand.text[i]!,
			hashtags: hand.hashtags[i]!,
			post_type: hand.post_type[i]!,
			collaborator: hand.collaborator[i]!
		};
		const [postId, iso] = [hand.post_id[i]!, hand.iso[i]];
		const assignments = iso ? assign(post, iso, campaigns, manual, timeZone, platform, postId) : [];
		for (const a of assignments) handLinks.row(Number(a.campaignId), platform, postId, a.rule, a.manual);
		if (!labels) return;
		const classification = classify(post);
		const label = labelFrom(
			classification,
			strategyFromCampaigns(assignments, campaigns),
			corrections.get(`${platform}:${postId}`) ?? null,
			post.collaborator
		);
		handLabels.row(platform, postId, label.strategy, label.source, label.predicted, matchedText(classification));
	});
	handLinks.close();
	handLabels.close();
}

/**
 * The rows of relink_posts that a group's results (relink_group_links or _labels) apply to: its
 * members, by rowid. Joining back on the group's key instead (text, hashtags, type, collaborator,
 * day, NULL matching NULL) took 1.6–2.7 s of a 200,000-post relink; the rowid join takes a tenth.
 */
const ofGroup = (
	results: string
) => `(SELECT unnest(members) AS member, r.* FROM relink_groups JOIN ${results} r USING (g)) r
	JOIN relink_posts p ON p.rowid = r.member`;

/**
 * The campaign links relabelPosts worked out, one row per post and campaign (campaign_id, platform,
 * post_id, rule, manual): what storeLabels stores, and what a campaign's preview shows.
 */
export const WORKED_OUT_LINKS = `SELECT r.campaign_id, p.platform, p.post_id, r.rule, false AS manual FROM ${ofGroup('relink_group_links')}
	UNION ALL SELECT campaign_id, platform, post_id, rule, manual FROM relink_hand_links`;

/**
 * Stores what relabelPosts worked out, inside the relink's transaction: every post of a group gets
 * its group's links and label, then the posts worked out one by one.
 */
export async function storeLabels(connection: DuckDBConnection): Promise<{ assigned: number; labelled: number }> {
	const assigned = await rowsChanged(
		connection,
		`INSERT INTO campaign_post_links (campaign_id, platform, post_id, rule, manual) ${WORKED_OUT_LINKS}`
	);
	await connection.run(`INSERT INTO post_strategy_labels (platform, post_id, strategy, source, predicted, matched)
		SELECT p.platform, p.post_id, r.strategy, r.source, r.predicted, r.matched FROM ${ofGroup('relink_group_labels')}`);
	await connection.run(`INSERT INTO post_strategy_labels (platform, post_id, strategy, source, predicted, matched)
		SELECT platform, post_id, strategy, source, predicted, matched FROM relink_hand_labels`);
	const labelled = await count(
		connection,
		`SELECT coalesce((SELECT sum(posts) FROM relink_groups JOIN relink_group_labels USING (g) WHERE strategy IS NOT NULL), 0)
			+ (SELECT count(*) FROM relink_hand_labels WHERE strategy IS NOT NULL) AS n`
	);
	return { assigned, labelled };
}

function assign(
	post: PostSubject,
	publishedAt: string,
	campaigns: readonly CampaignRule[],
	manual: readonly ManualDecision[],
	timeZone: string,
	platform = '',
	postId = ''
): Assignment[] {
	return assignPostToCampaigns(
		{
			platform,
			postId,
			publishedAt,
			text: post.text,
			hashtags: post.hashtags ?? [],
			permalink: null,
			collaborator: post.collaborator
		},
		campaigns,
		manual,
		timeZone
	);
}

async function rowsChanged(connection: DuckDBConnection, sql: string): Promise<number> {
	return Number((await connection.run(sql)).rowsChanged);
}

async function count(connection: DuckDBConnection, sql: string): Promise<number> {
	return Number((await queryColumns<{ n: bigint[] }>(connection, sql)).n[0] ?? 0);
}
