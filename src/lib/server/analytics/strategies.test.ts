import type { RequestEvent } from '@sveltejs/kit';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { listAudit } from '../auth/audit';
import { hashtagReport, replyMeasures } from '../campaigns';
import type { Database } from '../db/database';
import { demoDatabase } from '../db/test-support';
import { saveSettings } from '../settings';
import { communityEngagement, hashtagSummary } from './engagement';
import { strategyCorrectionAction } from '../campaigns/strategy-correction-action';
import { strategyComparison } from './strategies';
import { unclassifiedPosts } from './unclassified-posts';

describe('strategy comparison on the demo library', () => {
	let db: Database;
	beforeAll(async () => {
		db = await demoDatabase();
	}, 180_000);

	it('counts the posts that carry no strategy, which the rows leave out', async () => {
		const { rows, coverage } = await strategyComparison(db);
		const [all] = await db.query<{ n: number }>('SELECT count(*) AS n FROM posts');
		expect(coverage.posts).toBe(Number(all!.n));
		const classified = rows.reduce((sum, row) => sum + row.posts, 0);
		expect(coverage.posts - coverage.unclassified).toBe(classified);
		// The demo's posts include everyday ones no strategy's words match (about 7% of them).
		expect(coverage.unclassified).toBeGreaterThan(0);
		expect(coverage.unclassified / coverage.posts).toBeLessThan(0.2);
	});

	it("counts the year's hashtags in SQL exactly as hashtagReport counts them by month", async () => {
		const { timeZone } = await saveSettings(db, { timeZone: 'America/Chicago' });
		const posts = await db.query<{
			published_at: string;
			hashtags: string[];
			impressions: number | null;
			engagements: number | null;
		}>(
			`SELECT strftime(published_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS published_at, hashtags, impressions, engagements FROM posts
			 WHERE len(hashtags) > 0 AND published_at > (SELECT max(published_at) FROM posts) - INTERVAL 365 DAY`
		);
		const campaignTags = (
			await db.query<{ tag: string }>('SELECT DISTINCT unnest(hashtags) AS tag FROM campaigns')
		).map((r) => r.tag);
		const byMonth = hashtagReport(
			posts.map((p) => ({ publishedAt: p.published_at, ...p })),
			campaignTags,
			'month',
			timeZone
		);
		const expected = new Map<string, { posts: number; months: number; impressions: number | null; branded: boolean }>();
		for (const row of byMonth) {
			const sum = expected.get(row.hashtag) ?? { posts: 0, months: 0, impressions: null, branded: row.branded };
			sum.posts += row.posts;
			sum.months += 1;
			if (row.impressions !== null) sum.impressions = (sum.impressions ?? 0) + row.impressions;
			expected.set(row.hashtag, sum);
		}
		const summary = await hashtagSummary(db, 1000);
		expect(summary.length).toBe(expected.size);
		expect(summary.some((row) => row.branded)).toBe(true);
		for (const row of summary)
			expect({ posts: row.posts, months: row.months, impressions: row.impressions, branded: row.branded }).toEqual(
				expected.get(row.hashtag)
			);
	});

	it('measures replies from the X posts that can be replies, as from every X post', async () => {
		const [own] = await db.query<{ account: string }>(
			`SELECT account FROM posts WHERE platform = 'x' AND account IS NOT NULL GROUP BY account ORDER BY count(*) DESC LIMIT 1`
		);
		const posts = await db.query<{
			post_id: string;
			published_at: string;
			account: string | null;
			text: string | null;
		}>(
			`SELECT post_id, strftime(published_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS published_at, account, text FROM posts WHERE platform = 'x' AND published_at IS NOT NULL`
		);
		const account = own!.account;
		const expected = replyMeasures(
			posts.map((p) => {
				const repliedTo = /^@(\w+)/.exec(p.text ?? '')?.[1] ?? null;
				return {
					postId: p.post_id,
					publishedAt: p.published_at,
					isOwnAccount: p.account === null || p.account === account,
					inReplyToAccount: repliedTo,
					inReplyToPostId: repliedTo ? `unknown post of @${repliedTo}` : null,
					text: p.text ?? undefined
				};
			}),
			account
		);
		// The demo library answers its community: replies sent and mentions answered are in its X export.
		expect(posts.length).toBeGreaterThan(100);
		expect(expected.repliesSent + expected.mentionsReceived).toBeGreaterThan(0);
		expect(await communityEngagement(db)).toEqual({ ...expected, account });
	});

	it('answers the strategies page a second time without asking DuckDB, and again after a change', async () => {
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
		const page = async () => [
			await strategyComparison(counted),
			await hashtagSummary(counted),
			await communityEngagement(counted)
		];
		const first = await page();
		const before = asked;
		expect(await page()).toEqual(first);
		expect(asked).toBe(before);
		await saveSettings(db, { timeZone: 'UTC' });
		await page();
		expect(asked).toBeGreaterThan(before);
	});

	it('lists the unclassified posts 50 a page, newest first, each page apart', async () => {
		const { coverage } = await strategyComparison(db);
		const first = await unclassifiedPosts(db, 1);
		const second = await unclassifiedPosts(db, 2);
		expect(first.total).toBe(coverage.unclassified);
		expect(first.perPage).toBe(50);
		expect(first.posts).toHaveLength(Math.min(50, coverage.unclassified));
		expect(first.pages).toBe(Math.ceil(coverage.unclassified / 50));
		const times = [...first.posts, ...second.posts].map((p) => p.publishedAt ?? '');
		expect(times).toEqual([...times].sort().reverse());
		const keys = new Set(first.posts.map((p) => `${p.platform}/${p.postId}`));
		expect(second.posts.some((p) => keys.has(`${p.platform}/${p.postId}`))).toBe(false);
		// A page past the end shows the last page there is, not an empty list.
		expect((await unclassifiedPosts(db, 10_000)).page).toBe(first.pages);
		const [stillUnlabelled] = await db.query<{ n: number }>(
			`SELECT count(*) AS n FROM posts p WHERE NOT EXISTS
			 (SELECT 1 FROM post_strategy_labels l WHERE l.platform = p.platform AND l.post_id = p.post_id AND l.strategy IS NOT NULL)`
		);
		expect(first.total).toBe(Number(stillUnlabelled!.n));
	});

	it("classifies a post from the Strategies page as a campaign page's correction: kept, audited and counted", async () => {
		vi.stubEnv('LANTERN_DB', db.path);
		try {
			const before = await strategyComparison(db);
			const [post] = (await unclassifiedPosts(db, 1)).posts;
			const body = new FormData();
			body.set('platform', post!.platform);
			body.set('postId', post!.postId);
			body.set('strategy', 'success_stories');
			const event = {
				request: new Request('http://lantern.test/strategies?/classify', { method: 'POST', body }),
				locals: { actor: 'user:staff@example.org' }
			} as unknown as RequestEvent;
			expect(await strategyCorrectionAction(event)).toEqual({
				message: `Strategy of ${post!.platform} post ${post!.postId} corrected.`
			});

			const after = await strategyComparison(db);
			expect(after.coverage.unclassified).toBe(before.coverage.unclassified - 1);
			const row = (r: typeof before) => r.rows.find((x) => x.strategy === 'success_stories')!.posts;
			expect(row(after)).toBe(row(before) + 1);
			const list = await unclassifiedPosts(db, 1);
			expect(list.total).toBe(before.coverage.unclassified - 1);
			expect(list.posts.some((p) => p.platform === post!.platform && p.postId === post!.postId)).toBe(false);
			const [kept] = await db.query<{ strategy: string }>(
				'SELECT strategy FROM strategy_corrections WHERE platform = $1 AND post_id = $2',
				[post!.platform, post!.postId]
			);
			expect(kept?.strategy).toBe('success_stories');
			const [audit] = await listAudit(db, 1);
			expect(audit).toMatchObject({
				actor: 'user:staff@example.org',
				action: 'strategy corrected',
				detail: `${post!.platform} post ${post!.postId}: success_stories`
			});

			// A strategy that is not one of the six is refused and records nothing.
			body.set('strategy', 'vibes');
			const refused = await strategyCorrectionAction({
				...event,
				request: new Request('http://lantern.test/strategies?/classify', { method: 'POST', body })
			});
			expect(refused).toMatchObject({ status: 400 });
			expect((await strategyComparison(db)).coverage.unclassified).toBe(after.coverage.unclassified);
		} finally {
			vi.unstubAllEnvs();
		}
	});
});
