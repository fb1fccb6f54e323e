import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { campaignPlatforms, campaignPosts, campaignSummaries, outcomeSeries } from '../analytics/campaigns';
import { campaignPromotionComparisons } from '../analytics/promotion';
import { strategyComparison } from '../analytics/strategies';
import type { Database } from '../db/database';
import { demoDatabase, REPO_ROOT } from '../db/test-support';
import { importAny, relinkAfter, removeImportsAndRelink } from '../ingest/import-any';
import { removeImports } from '../ingest/import-log';
import { importFile } from '../ingest/pipeline';
import { assignPostToCampaigns, strategyFromCampaigns } from './assignment';
import { labelPost } from './classifier';
import { correctStrategy, decideCampaignPost } from './decisions';
import { matchPromotions } from './program-promotion';
import { loadLabelInputs } from './relink-labels';

const DEMO = join(REPO_ROOT, 'data/demo');
const X_FILE = 'tweet_activity_metrics_MapleValleyPL_20231101_20261031_en.csv';
const LIBCAL_FILE = 'lc_events_2023-11-01_2026-10-31.csv';

describe('campaigns on the demo library', () => {
	let db: Database;
	let summer: number;
	beforeAll(async () => {
		db = await demoDatabase();
		summer = (await campaignSummaries(db)).find((c) => c.name === '#MapleSummerReads 2026')!.campaignId;
	});
	/** Every post of the campaign, on one page. */
	const allPosts = async (campaignId: number) => (await campaignPosts(db, campaignId, 1, 10_000)).posts;

	it('assigns posts by hashtag inside each window and labels every campaign post with its strategy', async () => {
		const summaries = await campaignSummaries(db);
		expect(new Set(summaries.map((c) => c.strategy)).size).toBeGreaterThanOrEqual(4);
		for (const c of summaries) expect(c.posts, c.name).toBeGreaterThan(10);
		const posts = await allPosts(summer);
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
		const [first] = await allPosts(summer);
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
			const posts = await allPosts(summer);
			expect(posts.some((p) => p.postId === first!.postId)).toBe(false);
			expect(posts.find((p) => p.postId === outside)).toMatchObject({ rule: 'manual', manual: true });
		};
		await check();
		const xImport = (
			await db.query<{ import_id: number }>(`SELECT import_id FROM import_log WHERE file_name = $1`, [X_FILE])
		)[0]!.import_id;
		await removeImportsAndRelink(db, [xImport]);
		expect((await allPosts(summer)).some((p) => p.platform === 'x')).toBe(false);
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

	it("pages a campaign's posts: 50 a page, newest first, every post on exactly one page", async () => {
		const all = await allPosts(summer);
		expect(all.length).toBeGreaterThan(100);
		const first = await campaignPosts(db, summer);
		expect(first).toMatchObject({ total: all.length, page: 1, pages: Math.ceil(all.length / 50), perPage: 50 });
		expect(first.posts).toHaveLength(50);
		const pages = [first];
		for (let page = 2; page <= first.pages; page += 1) pages.push(await campaignPosts(db, summer, page));
		expect(pages.flatMap((page) => page.posts)).toEqual(all);
		const dates = all.map((post) => post.publishedAt!);
		expect(dates).toEqual(dates.slice().sort().reverse());
		// A page past the end shows the last one.
		expect(await campaignPosts(db, summer, 999)).toEqual(pages.at(-1));
	});

	it("narrows a campaign's posts to one platform: its count, its pages and its summary agree", async () => {
		const all = await allPosts(summer);
		const platforms = await campaignPlatforms(db, summer);
		expect(platforms.length).toBeGreaterThan(1);
		expect(platforms.reduce((sum, p) => sum + p.posts, 0)).toBe(all.length);
		for (const { platform, posts } of platforms) {
			const mine = all.filter((post) => post.platform === platform);
			expect(posts, platform).toBe(mine.length);
			const first = await campaignPosts(db, summer, 1, 50, platform);
			expect(first.total, platform).toBe(mine.length);
			expect(first.posts, platform).toEqual(mine.slice(0, 50));
			const summary = (await campaignSummaries(db, platform)).find((c) => c.campaignId === summer)!;
			expect(summary.posts, platform).toBe(mine.length);
		}
	});

	it("answers a campaign page's summaries, posts, series and promotion comparisons from memory the second time", async () => {
		let asked = 0;
		const counted: Database = {
			...db,
			path: db.path,
			get dataVersion() {
				return db.dataVersion;
			},
			withConnection: (work) => ((asked += 1), db.withConnection(work)),
			query: (sql, params) => ((asked += 1), db.query(sql, params))
		};
		const campaign = (await campaignSummaries(db)).find((c) => c.campaignId === summer)!;
		const page = async () => [
			await campaignSummaries(counted),
			await campaignPosts(counted, summer, 2),
			...(await Promise.all(campaign.outcomeMetrics.map((metric) => outcomeSeries(counted, metric)))),
			await campaignPromotionComparisons(counted, campaign)
		];
		const first = await page();
		const before = asked;
		expect(await page()).toEqual(first);
		expect(asked).toBe(before);
		db.markChanged();
		await page();
		expect(asked).toBeGreaterThan(before);
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
		const db = await demoDatabase();
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

describe('relinking, against the per-post functions', () => {
	it('gives every post the links, label and promotions that working it out alone gives', async () => {
		const db = await demoDatabase();
		const [first] = await db.query<{ platform: string; post_id: string }>(
			`SELECT platform, post_id FROM campaign_post_links ORDER BY ALL LIMIT 1`
		);
		const summer = (await campaignSummaries(db)).find((c) => c.name === '#MapleSummerReads 2026')!.campaignId;
		await decideCampaignPost(db, summer, { platform: first!.platform, postId: first!.post_id, action: 'remove' });
		await correctStrategy(db, { platform: 'x', postId: first!.post_id, strategy: 'partner_collaborations' });

		const timeZone = 'America/Chicago';
		const { campaigns, manual, corrections } = await loadLabelInputs(db, timeZone);
		const posts = await db.query<{
			platform: string;
			post_id: string;
			published_at: string | null;
			text: string | null;
			hashtags: string[] | null;
			post_type: string | null;
			collaborator: string | null;
		}>(
			`SELECT platform, post_id, strftime(published_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS published_at, text, hashtags, post_type, collaborator FROM posts`
		);
		const links: unknown[] = [];
		const labels: unknown[] = [];
		for (const post of posts) {
			const assignments = post.published_at
				? assignPostToCampaigns(
						{
							platform: post.platform,
							postId: post.post_id,
							publishedAt: post.published_at,
							text: post.text,
							hashtags: post.hashtags ?? [],
							permalink: null,
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
		const programs = await db.query<{
			source: string;
			program_id: string;
			title: string;
			starts_at: string;
			branch: string | null;
		}>(
			`SELECT source, program_id, title, strftime(starts_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS starts_at, branch FROM programs WHERE title IS NOT NULL AND starts_at IS NOT NULL`
		);
		const promotions = matchPromotions(
			programs.map((p) => ({
				programId: `${p.source}:${p.program_id}`,
				title: p.title,
				startsAt: p.starts_at,
				branch: p.branch
			})),
			posts
				.filter((p) => p.published_at)
				.map((p) => ({ platform: p.platform, postId: p.post_id, publishedAt: p.published_at!, text: p.text })),
			{ timeZone }
		).map((p) => ({
			program_source: p.programId.split(':')[0],
			program_id: p.programId.slice(p.programId.indexOf(':') + 1),
			platform: p.platform,
			post_id: p.postId,
			reason: p.reason,
			score: p.score
		}));
		const sorted = (rows: unknown[]) => rows.map((row) => JSON.stringify(row)).sort();
		expect(sorted(await db.query('SELECT * FROM campaign_post_links'))).toEqual(sorted(links));
		expect(sorted(await db.query('SELECT * FROM post_strategy_labels'))).toEqual(sorted(labels));
		expect(sorted(await db.query('SELECT * FROM program_promotion_links'))).toEqual(sorted(promotions));
		expect(promotions.length).toBeGreaterThan(100);
		await db.close();
	});
});

describe('relinking what a crash left undone', () => {
	it('relinks at the next start an import of programs, or a removal, whose relinking never ran', async () => {
		const db = await demoDatabase();
		const full = {
			labels: await db.query('SELECT * FROM post_strategy_labels ORDER BY ALL'),
			promotions: await db.query('SELECT * FROM program_promotion_links ORDER BY ALL')
		};
		const importIdOf = async (file: string) =>
			(await db.query<{ import_id: number }>(`SELECT import_id FROM import_log WHERE file_name = $1`, [file]))[0]!
				.import_id;
		await removeImportsAndRelink(db, [await importIdOf(LIBCAL_FILE)]);
		// The LibCal file's rows commit; the process dies before relinking (importFile is importAny without it).
		expect(await importFile(db, join(DEMO, LIBCAL_FILE), { fileName: 'again.csv' })).toMatchObject({
			status: 'imported'
		});
		expect(await db.query('SELECT * FROM program_promotion_links')).toEqual([]);
		await relinkAfter(db);
		expect(await db.query('SELECT * FROM program_promotion_links ORDER BY ALL')).toEqual(full.promotions);

		// A removal commits; the process dies before relinking: the X posts' labels are stale until the next start.
		await removeImports(db, [await importIdOf(X_FILE)]);
		expect(await db.query(`SELECT count(*) AS n FROM post_strategy_labels WHERE platform = 'x'`)).toEqual([
			{ n: 1096 }
		]);
		await relinkAfter(db);
		expect(await db.query(`SELECT count(*) AS n FROM post_strategy_labels WHERE platform = 'x'`)).toEqual([{ n: 0 }]);
		expect(await db.query('SELECT * FROM post_strategy_labels ORDER BY ALL')).toEqual(
			full.labels.filter((label) => (label as { platform: string }).platform !== 'x')
		);
		await db.close();
	});
});
