import { beforeAll, describe, expect, it } from 'vitest';
import { hashtagReport, replyMeasures } from '../campaigns';
import type { Database } from '../db/database';
import { tempDatabase } from '../db/test-support';
import { loadDemoLibrary } from '../demo';
import { saveSettings } from '../settings';
import { communityEngagement, hashtagSummary } from './engagement';
import { strategyComparison } from './strategies';

describe('strategy comparison on the demo library', () => {
	let db: Database;
	beforeAll(async () => {
		db = await tempDatabase();
		await loadDemoLibrary(db);
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
});
