/**
 * The Social page's figures against sums computed here, independently, from the demo library's X
 * analytics export (one row per post, no partners' posts): posts, impressions and engagements in
 * the library's time zone, the engagement rate as engagements ÷ impressions, and a top post.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { demoDatabase } from '../db/test-support';
import { demoNumber, demoXPosts } from './demo-files';
import { socialDashboard } from './social';

describe('the Social page on the demo library, against its files', () => {
	let db: Database;
	beforeAll(async () => {
		db = await demoDatabase();
	}, 180_000);

	it('X posts, impressions, engagements and engagement rate for a quarter and the one before', async () => {
		const data = await socialDashboard(db, {
			from: '2026-04-01',
			to: '2026-06-30',
			compare: 'previous',
			filters: { platform: 'x' }
		});
		const now = demoXPosts('2026-04-01', '2026-06-30');
		const before = demoXPosts('2026-01-01', '2026-03-31');
		const x = data.platforms.find((row) => row.platform === 'x')!;
		expect(x.posts).toBe(now.length);
		expect(x.impressions).toBe(now.reduce((sum, row) => sum + demoNumber(row.impressions), 0));
		expect(x.engagements).toBe(now.reduce((sum, row) => sum + demoNumber(row.engagements), 0));
		expect(x.previousPosts).toBe(before.length);
		// The platform filter leaves only X, so "all platforms" is X too.
		expect(data.platforms.find((row) => row.platform === null)!.posts).toBe(now.length);
		const slots = data.slots.reduce((sum, slot) => sum + slot.posts, 0);
		expect(slots).toBe(now.length);
	});

	it('the top X post is the one with the highest engagements ÷ impressions among posts with 100 or more impressions', async () => {
		const data = await socialDashboard(db, {
			from: '2026-01-01',
			to: '2026-06-30',
			compare: 'previous',
			filters: { platform: 'x' }
		});
		const best = demoXPosts('2026-01-01', '2026-06-30')
			.filter((row) => demoNumber(row.impressions) >= 100)
			.map((row) => ({ id: row['Tweet id']!, rate: demoNumber(row.engagements) / demoNumber(row.impressions) }))
			.sort((a, b) => b.rate - a.rate)[0]!;
		expect(data.top[0]!.postId).toBe(best.id);
		expect(data.top[0]!.engagementRate).toBeCloseTo(best.rate, 10);
		expect(data.top[0]!.permalink).toMatch(/^https:\/\//);
	});

	it('a campaign filter keeps only the campaign’s posts, in its own dates', async () => {
		const [row] = await db.query<{ campaign_id: number; n: number }>(
			`SELECT c.campaign_id, count(*) AS n FROM campaigns c JOIN campaign_posts cp USING (campaign_id)
			 JOIN posts p USING (platform, post_id)
			 WHERE c.name = '#MapleSummerReads 2026' AND p.collaborator IS NULL
				AND CAST(timezone('America/Chicago', p.published_at) AS DATE) BETWEEN c.starts_on AND c.ends_on
			 GROUP BY ALL`
		);
		const data = await socialDashboard(db, { compare: 'previous', filters: { campaign: row!.campaign_id } });
		expect(data.context.range).toEqual({ from: '2026-05-25', to: '2026-08-14' });
		expect(data.platforms.find((p) => p.platform === null)!.posts).toBe(row!.n);
	});
});
