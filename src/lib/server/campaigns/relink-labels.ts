import type { DuckDBConnection } from '@duckdb/node-api';
import { localDate } from '../../calendar';
import type { Strategy } from '../../domain/campaigns';
import { queryColumns, tempTableWriter } from '../db/append';
import type { Database } from '../db/database';
import { assignPostToCampaigns, strategyFromCampaigns, type Assignment } from './assignment';
import { classifyPost, labelFrom, type Classification } from './classifier';
import type { CampaignRule, ManualDecision } from './rules';

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

interface PostSubject {
	text: string | null;
	hashtags: string[] | null;
	post_type: string | null;
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

/**
 * Campaign links and strategy labels of the posts in relink_posts marked `relabel`. A post's links
 * and label depend on its text, hashtags, type and local date alone, unless staff decided on it:
 * so alike posts are grouped in SQL, each group is worked out once, by the same functions as one
 * post, and its answer is joined back to every post of the group. Posts with a staff decision or
 * correction are worked out one by one.
 */
export async function relabelPosts(
	connection: DuckDBConnection,
	{ timeZone, campaigns, manual, corrections }: LabelInputs
): Promise<{ assigned: number; labelled: number }> {
	await connection.run(`CREATE OR REPLACE TEMP TABLE relink_by_hand AS
		SELECT n, platform, post_id, iso, text, hashtags, post_type FROM relink_posts
		WHERE relabel AND ((platform, post_id) IN (SELECT platform, post_id FROM campaign_post_decisions)
			OR (platform, post_id) IN (SELECT platform, post_id FROM strategy_corrections))`);

	// The library's calendar date of each quarter hour posted in (local midnight never falls inside one).
	const quarters = await queryColumns<{ bucket: bigint[]; iso: string[] }>(
		connection,
		'SELECT bucket, min(iso) AS iso FROM relink_posts WHERE relabel AND bucket IS NOT NULL GROUP BY bucket'
	);
	const days = await tempTableWriter(connection, 'relink_days', { bucket: 'bigint', day: 'varchar' });
	quarters.bucket.forEach((bucket, i) => days.row(Number(bucket), localDate(quarters.iso[i], timeZone)));
	days.close();

	await connection.run(`CREATE OR REPLACE TEMP TABLE relink_groups AS
		SELECT row_number() OVER () AS g, text, hashtags, post_type, min(iso) AS iso, list(n) AS members
		FROM relink_posts LEFT JOIN relink_days USING (bucket)
		WHERE relabel AND n NOT IN (SELECT n FROM relink_by_hand)
		GROUP BY text, hashtags, post_type, day`);

	const classify = classifier();
	const groupLinks = await tempTableWriter(connection, 'relink_group_links', {
		g: 'bigint',
		campaign_id: 'integer',
		rule: 'varchar'
	});
	const groupLabels = await tempTableWriter(connection, 'relink_group_labels', { g: 'bigint', ...LABEL_COLUMNS });
	const groups = await count(connection, 'SELECT count(*) AS n FROM relink_groups');
	for (let from = 0; from < groups; from += GROUP_CHUNK) {
		const chunk = await queryColumns<{
			g: bigint[];
			text: (string | null)[];
			hashtags: (string[] | null)[];
			post_type: (string | null)[];
			iso: (string | null)[];
		}>(connection, 'SELECT g, text, hashtags, post_type, iso FROM relink_groups WHERE g > $1 AND g <= $2', [
			from,
			from + GROUP_CHUNK
		]);
		chunk.g.forEach((g, i) => {
			const post = { text: chunk.text[i]!, hashtags: chunk.hashtags[i]!, post_type: chunk.post_type[i]! };
			const iso = chunk.iso[i];
			// Every post of the group has no staff decision, so none applies.
			const assignments = iso ? assign(post, iso, campaigns, [], timeZone) : [];
			for (const a of assignments) groupLinks.row(Number(g), Number(a.campaignId), a.rule);
			const classification = classify(post);
			const label = labelFrom(classification, strategyFromCampaigns(assignments, campaigns), null);
			groupLabels.row(Number(g), label.strategy, label.source, label.predicted, matchedText(classification));
		});
	}
	groupLinks.close();
	groupLabels.close();

	const hand = await queryColumns<{
		n: bigint[];
		platform: string[];
		post_id: string[];
		iso: (string | null)[];
		text: (string | null)[];
		hashtags: (string[] | null)[];
		post_type: (string | null)[];
	}>(connection, 'SELECT n, platform, post_id, iso, text, hashtags, post_type FROM relink_by_hand');
	const handLinks = await tempTableWriter(connection, 'relink_hand_links', {
		n: 'bigint',
		campaign_id: 'integer',
		rule: 'varchar',
		manual: 'boolean'
	});
	const handLabels = await tempTableWriter(connection, 'relink_hand_labels', { n: 'bigint', ...LABEL_COLUMNS });
	hand.n.forEach((n, i) => {
		const post = { text: hand.text[i]!, hashtags: hand.hashtags[i]!, post_type: hand.post_type[i]! };
		const [platform, postId, iso] = [hand.platform[i]!, hand.post_id[i]!, hand.iso[i]];
		const assignments = iso ? assign(post, iso, campaigns, manual, timeZone, platform, postId) : [];
		for (const a of assignments) handLinks.row(Number(n), Number(a.campaignId), a.rule, a.manual);
		const classification = classify(post);
		const label = labelFrom(
			classification,
			strategyFromCampaigns(assignments, campaigns),
			corrections.get(`${platform}:${postId}`) ?? null
		);
		handLabels.row(Number(n), label.strategy, label.source, label.predicted, matchedText(classification));
	});
	handLinks.close();
	handLabels.close();

	const members = '(SELECT g, unnest(members) AS n FROM relink_groups) AS m';
	const assigned =
		(await rowsChanged(
			connection,
			`INSERT INTO campaign_post_links (campaign_id, platform, post_id, rule, manual)
			SELECT l.campaign_id, p.platform, p.post_id, l.rule, false
			FROM ${members} JOIN relink_group_links l USING (g) JOIN relink_posts p USING (n)`
		)) +
		(await rowsChanged(
			connection,
			`INSERT INTO campaign_post_links (campaign_id, platform, post_id, rule, manual)
			SELECT l.campaign_id, p.platform, p.post_id, l.rule, l.manual FROM relink_hand_links l JOIN relink_posts p USING (n)`
		));
	const labels = (
		from: string
	) => `INSERT INTO post_strategy_labels (platform, post_id, strategy, source, predicted, matched)
		SELECT p.platform, p.post_id, l.strategy, l.source, l.predicted, l.matched FROM ${from} JOIN relink_posts p USING (n)`;
	await connection.run(labels(`${members} JOIN relink_group_labels l USING (g)`));
	await connection.run(labels('relink_hand_labels l'));
	const labelled = await count(
		connection,
		`SELECT (SELECT count(*) FROM ${members} JOIN relink_group_labels l USING (g) WHERE l.strategy IS NOT NULL)
			+ (SELECT count(*) FROM relink_hand_labels WHERE strategy IS NOT NULL) AS n`
	);
	for (const table of [
		'relink_by_hand',
		'relink_days',
		'relink_groups',
		'relink_group_links',
		'relink_group_labels',
		'relink_hand_links',
		'relink_hand_labels'
	])
		await connection.run(`DROP TABLE ${table}`);
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
		{ platform, postId, publishedAt, text: post.text, hashtags: post.hashtags ?? [], permalink: null },
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
