import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { overview } from '../../analytics/overview';
import { strategyComparison } from '../../analytics/strategies';
import type { Database } from '../../db/database';
import { SOURCE_FIXTURES, tempDatabase } from '../../db/test-support';
import { saveSettings } from '../../settings';
import { importAny } from '../import-any';

const fixture = (name: string) => join(SOURCE_FIXTURES, name);
const lines = (name: string) => readFileSync(fixture(name), 'utf8').trimEnd().split('\n');
function scratchFile(name: string, content: string): string {
	const path = join(mkdtempSync(join(tmpdir(), 'lantern-instagram-')), name);
	writeFileSync(path, content);
	return path;
}
const upload = (db: Database, name: string) => importAny(db, fixture(name), { fileName: name });
const MARCH = { from: '2026-03-01', to: '2026-03-31' };
const kpi = (data: Awaited<ReturnType<typeof overview>>, id: string) => data.kpis.find((k) => k.id === id)!.value;

describe('Instagram stories and collaboration posts', () => {
	let db: Database;
	beforeEach(async () => {
		db = await tempDatabase();
		await saveSettings(db, { timeZone: 'America/Chicago' });
	});

	it('keeps stories as stories: not posts, not in the post figures or strategies, on a line of their own', async () => {
		await upload(db, 'meta_ig_posts_collab.csv');
		const before = await overview(db, MARCH);
		const strategiesBefore = await strategyComparison(db);
		const stories = await upload(db, 'meta_ig_stories.csv');
		// Before the fix the 6 stories became 6 more posts with 1,829 more impressions.
		const after = await overview(db, MARCH);
		expect(['posts', 'impressions', 'engagementRate'].map((id) => kpi(after, id))).toEqual(
			['posts', 'impressions', 'engagementRate'].map((id) => kpi(before, id))
		);
		expect(stories).toMatchObject({
			status: 'imported',
			source: 'meta-instagram-stories',
			sourceLabel: 'Instagram stories (Meta Business Suite)',
			rowsLoaded: 6,
			summary: '6 stories.'
		});
		expect(stories.notes?.[0]).toMatch(/^Stories are kept apart from posts/);
		expect(await db.query(`SELECT count(*) AS n FROM posts WHERE post_id LIKE '180465%'`)).toEqual([{ n: 0 }]);
		// 310 + 260 + 420 + 288 + 199 + 352 views; likes + replies + shares.
		expect(after.stories).toEqual({ count: 6, impressions: 1829, engagements: 51 });
		expect(before.stories).toBeNull();
		const [story] = await db.query(
			`SELECT account, impressions, impressions_basis, reach, replies, sticker_taps, navigation, link_clicks, profile_visits, follows
			 FROM stories WHERE post_id = '18046500000000003'`
		);
		expect(story).toEqual({
			account: 'maplevalleypl',
			impressions: 420,
			impressions_basis: 'views',
			reach: 330,
			replies: 5,
			sticker_taps: 41,
			navigation: 395,
			link_clicks: 0,
			profile_visits: 7,
			follows: 2
		});
		// "Storytime today…" would be a programs showcase as a post; as a story it is in no strategy.
		expect(await strategyComparison(db)).toEqual(strategiesBefore);
		expect(await db.query(`SELECT count(*) AS n FROM post_strategies WHERE post_id LIKE '180465%'`)).toEqual([
			{ n: 0 }
		]);
	});

	it('stores a story row found in a posts export as a story', async () => {
		const [header, ...stories] = lines('meta_ig_stories.csv');
		expect(header).toContain('Sticker taps');
		// The posts layout with one story appended: its cells up to Shares, then Follows, Comments, Saves.
		const story = [...stories[0]!.split(',').slice(0, 15), '1', '0', '0'].join(',');
		const path = scratchFile('mixed.csv', [...lines('meta_ig_posts.csv'), story].join('\n'));
		const result = await importAny(db, path, { fileName: 'mixed.csv' });
		expect(await db.query('SELECT count(*) AS posts FROM posts')).toEqual([{ posts: 2 }]);
		expect(await db.query('SELECT count(*) AS stories FROM stories')).toEqual([{ stories: 1 }]);
		expect(result).toMatchObject({ source: 'meta-instagram-posts', rowsLoaded: 3, summary: '2 posts, 1 story.' });
	});

	it('marks partners’ collaboration posts, keeps them out of the library’s figures and counts them as partner collaborations', async () => {
		const result = await upload(db, 'meta_ig_posts_collab.csv');
		const data = await overview(db, MARCH);
		// Before the fix: 6 posts and 9,540 impressions. The library's own: 900 + 2,600 + 640 + 500.
		expect(kpi(data, 'posts')).toBe(4);
		expect(kpi(data, 'impressions')).toBe(4640);
		expect(result.notes).toEqual([
			"2 posts were published by other accounts as collaborations (@maplevalleyhistory, @riverbendbooks): they count toward the Partner collaborations strategy, not the library's own posts, impressions or engagement rate."
		]);
		// Likes + comments + shares + saves of the four: 275.
		expect(kpi(data, 'engagementRate')).toBeCloseTo(275 / 4640, 12);
		expect(data.weeklyEngagement.reduce((sum, week) => sum + week.posts, 0)).toBe(4);
		expect(data.collaborations).toEqual({
			count: 2,
			impressions: 4900,
			engagements: 416,
			partners: ['@maplevalleyhistory', '@riverbendbooks']
		});
		expect(
			await db.query(
				`SELECT p.account, p.collaborator, s.strategy, s.source FROM posts p LEFT JOIN post_strategies s USING (platform, post_id)
				 WHERE p.collaborator IS NOT NULL ORDER BY p.account`
			)
		).toEqual([
			{
				account: 'maplevalleyhistory',
				collaborator: 'maplevalleyhistory',
				strategy: 'partner_collaborations',
				source: 'collaboration'
			},
			{
				account: 'riverbendbooks',
				collaborator: 'riverbendbooks',
				strategy: 'partner_collaborations',
				source: 'collaboration'
			}
		]);
		const { rows } = await strategyComparison(db);
		expect(rows.find((row) => row.strategy === 'partner_collaborations')?.posts).toBe(2);
	});

	it('keeps both of the library’s accounts as its own when it uploads an export of each', async () => {
		await upload(db, 'meta_ig_posts_collab.csv');
		// The teen account's export: each export's own account is the one most of its rows carry.
		const teen = lines('meta_ig_posts.csv')
			.map((line) => line.replace('17841400123456789,maplevalleypl', '17841400555000001,maplevalleyteens'))
			.join('\n');
		const result = await importAny(db, scratchFile('teen.csv', teen), { fileName: 'teen.csv' });
		expect(result.notes).toBeUndefined();
		expect(await db.query('SELECT collaborator, count(*) AS n FROM posts GROUP BY ALL ORDER BY ALL')).toEqual([
			{ collaborator: 'maplevalleyhistory', n: 1 },
			{ collaborator: 'riverbendbooks', n: 1 },
			{ collaborator: null, n: 6 }
		]);
	});
});
