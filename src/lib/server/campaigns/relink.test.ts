import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { campaignPosts, campaignSummaries, outcomeSeries } from '../analytics/campaigns';
import { strategyComparison } from '../analytics/strategies';
import type { Database } from '../db/database';
import { REPO_ROOT, tempDatabase } from '../db/test-support';
import { loadDemoLibrary } from '../demo';
import { importAny, removeImportsAndRelink } from '../ingest/import-any';
import { correctStrategy, decideCampaignPost } from './decisions';
import { relinkCampaigns } from './relink';

const DEMO = join(REPO_ROOT, 'data/demo');
const X_FILE = 'tweet_activity_metrics_MapleValleyPL_20231101_20261031_en.csv';

describe('campaigns on the demo library', () => {
	let db: Database;
	let summer: number;
	beforeAll(async () => {
		db = await tempDatabase();
		await loadDemoLibrary(db, DEMO);
		summer = (await campaignSummaries(db)).find((c) => c.name === '#MapleSummerReads 2026')!.campaignId;
	});

	it('assigns posts by hashtag inside each window and labels every campaign post with its strategy', async () => {
		const summaries = await campaignSummaries(db);
		expect(new Set(summaries.map((c) => c.strategy)).size).toBeGreaterThanOrEqual(4);
		for (const c of summaries) expect(c.posts, c.name).toBeGreaterThan(10);
		const posts = await campaignPosts(db, summer);
		expect(
			posts.every(
				(p) =>
					p.rule === 'hashtag #maplesummerreads' && p.publishedAt! >= '2026-05-25' && p.publishedAt! <= '2026-08-15'
			)
		).toBe(true);
		expect(posts.every((p) => p.strategy === 'programs_showcase' && p.strategySource === 'campaign')).toBe(true);
		// The baked ×1.25 engagement lift on summer posts shows against the baseline.
		const c = summaries.find((s) => s.campaignId === summer)!;
		expect(c.engagementRate!).toBeGreaterThan(c.baselineRate!);
	});

	it('keeps a manual removal and a manual addition through a re-import of the posts', async () => {
		const [first] = await campaignPosts(db, summer);
		expect(
			await decideCampaignPost(db, summer, { platform: first!.platform, postId: first!.postId, action: 'remove' })
		).toBeNull();
		const outside = (
			await db.query<{ post_id: string }>(
				`SELECT post_id FROM posts WHERE platform = 'x' AND published_at < '2024-01-01' LIMIT 1`
			)
		)[0]!.post_id;
		expect(await decideCampaignPost(db, summer, { platform: 'x', postId: outside, action: 'add' })).toBeNull();
		const check = async () => {
			const posts = await campaignPosts(db, summer);
			expect(posts.some((p) => p.postId === first!.postId)).toBe(false);
			expect(posts.find((p) => p.postId === outside)).toMatchObject({ rule: 'manual', manual: true });
		};
		await check();
		const xImport = (
			await db.query<{ import_id: number }>(`SELECT import_id FROM import_log WHERE file_name = $1`, [X_FILE])
		)[0]!.import_id;
		await removeImportsAndRelink(db, [xImport]);
		expect((await campaignPosts(db, summer)).some((p) => p.platform === 'x')).toBe(false);
		expect(await importAny(db, join(DEMO, X_FILE), { fileName: X_FILE })).toMatchObject({ status: 'imported' });
		await check();
		expect(await decideCampaignPost(db, summer, { platform: 'x', postId: 'no-such-post', action: 'add' })).toMatch(
			/No x post/
		);
	});

	it('keeps strategy corrections and measures the classifier on them', async () => {
		const [post] = await db.query<{ platform: string; post_id: string; predicted: string }>(
			`SELECT platform, post_id, predicted FROM post_strategy_labels WHERE source = 'rule' AND predicted = 'book_recommendations' ORDER BY post_id LIMIT 1`
		);
		await correctStrategy(db, { platform: post!.platform, postId: post!.post_id, strategy: 'success_stories' });
		const [label] = await db.query(
			`SELECT strategy, source FROM post_strategies WHERE platform = $1 AND post_id = $2`,
			[post!.platform, post!.post_id]
		);
		expect(label).toEqual({ strategy: 'success_stories', source: 'manual' });
		const { rows, quality } = await strategyComparison(db);
		expect(quality.posts).toBe(1);
		expect(quality.byStrategy.find((q) => q.strategy === 'book_recommendations')).toMatchObject({ precision: 0 });
		expect(quality.byStrategy.find((q) => q.strategy === 'success_stories')).toMatchObject({ recall: 0 });
		expect(rows).toHaveLength(6);
		for (const row of rows.filter((r) => r.ratedPosts >= 5)) {
			expect(row.q1Rate!).toBeLessThanOrEqual(row.medianRate!);
			expect(row.medianRate!).toBeLessThanOrEqual(row.q3Rate!);
		}
	});

	it('reads the outcome series campaigns name', async () => {
		expect((await outcomeSeries(db, 'usage:new_cards'))!.points).toHaveLength(36);
		const storytime = (await outcomeSeries(db, 'programs:attendance:Eastside:storytime'))!;
		expect(storytime.period).toBe('week');
		expect(storytime.points.length).toBeGreaterThan(100);
		expect(await outcomeSeries(db, 'nonsense')).toBeNull();
	});
});

describe('hashtags and community engagement on the demo library', () => {
	it('ranks the year’s hashtags and flags the campaigns’ as branded', async () => {
		const { hashtagSummary, communityEngagement } = await import('../analytics/engagement');
		const db = await tempDatabase();
		await loadDemoLibrary(db, DEMO);
		const tags = await hashtagSummary(db);
		expect(tags.length).toBeGreaterThan(3);
		for (let i = 1; i < tags.length; i += 1) expect(tags[i - 1]!.posts).toBeGreaterThanOrEqual(tags[i]!.posts);
		expect(tags.find((t) => t.hashtag === 'maplesummerreads')).toMatchObject({ branded: true });
		const community = await communityEngagement(db);
		expect(community.account).toBe('MapleValleyPL');
		expect(community.repliesSent).toBeGreaterThan(0);
		// Analytics exports carry no mentions received, so reply times are "not enough data", with the reason.
		expect(community.medianHoursToFirstReply).toBeNull();
		expect(community.notEnoughData).toBeTruthy();
	});
});

describe('relinking after a post import', () => {
	const snapshot = async (db: Database) => ({
		links: await db.query('SELECT * FROM campaign_post_links ORDER BY ALL'),
		labels: await db.query('SELECT * FROM post_strategy_labels ORDER BY ALL'),
		promotions: await db.query('SELECT * FROM program_promotion_links ORDER BY ALL')
	});

	it('re-derives only the new posts, and ends where a full relink ends', async () => {
		const db = await tempDatabase();
		// The demo library without its X export, then the X export as a later upload.
		await loadDemoLibrary(db, DEMO);
		const x = (
			await db.query<{ import_id: number }>(`SELECT import_id FROM import_log WHERE file_name = '${X_FILE}'`)
		)[0]!.import_id;
		await removeImportsAndRelink(db, [x]);
		const before = await snapshot(db);
		const result = await importAny(db, join(DEMO, X_FILE), { fileName: `copy of ${X_FILE}` });
		expect(result).toMatchObject({ status: 'imported', rowsLoaded: 1096 });
		const incremental = await snapshot(db);
		expect(incremental.labels.length).toBeGreaterThan(before.labels.length);
		expect(incremental.links.length).toBeGreaterThan(before.links.length);
		await relinkCampaigns(db);
		expect(await snapshot(db)).toEqual(incremental);
		await db.close();
	});
});
