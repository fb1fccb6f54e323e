/**
 * The X ID tools look in every place uploaded data keeps an X post ID or handle: posts' IDs, their
 * links, links written in their text, @mentions in X posts, and the account directory (x_accounts).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './db/database';
import { itWithRealFixtures, REAL_FIXTURES, SOURCE_FIXTURES, tempDatabase } from './db/test-support';
import { importFile } from './ingest/pipeline';
import { lookUpXids } from './x-accounts';

const NOW = new Date('2026-03-20T15:00:00Z');
const FIXTURES = [
	'x-escaped/tweet_activity_metrics_MapleValleyPL_20260301_20260401_en.csv',
	'x-escaped/account_analytics_content_2026-03-01_2026-03-14.csv',
	'x-escaped/tweets.js',
	'mastodon_outbox_x_links.json'
];

describe('lookUpXids over imported exports', () => {
	let db: Database;
	beforeAll(async () => {
		db = await tempDatabase();
		for (const file of FIXTURES) {
			expect(await importFile(db, join(SOURCE_FIXTURES, file), { now: NOW })).toMatchObject({ status: 'imported' });
		}
	});
	afterAll(async () => {
		await db.close();
	});

	const lookUp = async (input: string) => (await lookUpXids(db, [input]))[0]!;

	it('finds a post ID that appears only in a link in an X post’s text', async () => {
		expect(await lookUp('2027477587885817857')).toMatchObject({
			kind: 'post',
			accounts: [],
			postCount: 1,
			posts: [
				{
					platform: 'x',
					postId: '2032079157923414018',
					account: 'MapleValleyPL',
					publishedAt: '2026-03-12T13:00:00Z',
					match: 'link in text'
				}
			]
		});
	});

	it('finds twitter.com and x.com/i/web links in another platform’s post text', async () => {
		expect(await lookUp('https://twitter.com/EastsideTeens/status/1472899583204917254')).toMatchObject({
			kind: 'post',
			username: 'EastsideTeens',
			posts: [{ platform: 'mastodon', postId: '111300000000000001', match: 'link in text' }]
		});
		expect(await lookUp('2030000000000000000')).toMatchObject({
			posts: [{ platform: 'mastodon', postId: '111300000000000002', match: 'link in text' }]
		});
		expect(await lookUp('@EastsideTeens')).toMatchObject({
			kind: 'username',
			posts: [{ platform: 'mastodon', postId: '111300000000000001', match: 'link in text' }]
		});
	});

	it('finds an uploaded post by its own ID', async () => {
		expect(await lookUp('2031007096664760320')).toMatchObject({
			postCount: 1,
			posts: [{ platform: 'x', postId: '2031007096664760320', account: 'MapleValleyPL', match: 'post' }]
		});
	});

	it('finds a handle written only as an @mention in an X post, and not a Mastodon mention of the same name', async () => {
		expect(await lookUp('@FriendsOfMVPL')).toMatchObject({
			accounts: [],
			postCount: 1,
			posts: [{ platform: 'x', postId: '2028848893776625664', match: 'mention' }]
		});
	});

	it('finds a handle only in a post link in text, whatever its capitals', async () => {
		expect(await lookUp('@cityofmaple')).toMatchObject({
			postCount: 1,
			posts: [{ postId: '2032079157923414018', match: 'link in text' }]
		});
	});

	it('finds the account whose posts were uploaded, by their links, newest first', async () => {
		const answer = await lookUp('@MapleValleyPL');
		expect(answer.postCount).toBe(5);
		expect(answer.posts.map((post) => [post.postId, post.match])).toEqual([
			['2032079157923414018', 'author'],
			['2031411007573733376', 'author'],
			['2031007096664760320', 'author'],
			['2029625491530452992', 'author'],
			['2028848893776625664', 'author']
		]);
	});

	it('still finds an archive’s mentioned accounts, now with the posts that mention them', async () => {
		expect(await lookUp('@GardenClubMV')).toMatchObject({
			accounts: [{ accountId: '1419876543210987520', username: 'GardenClubMV' }],
			posts: [{ postId: '2028578592270581763', match: 'mention' }]
		});
		expect(await lookUp('1419876543210987520')).toMatchObject({
			accounts: [{ accountId: '1419876543210987520', username: 'GardenClubMV' }],
			posts: [],
			postCount: 0
		});
	});

	it('says nothing was seen for a handle or ID that is nowhere, including one inside a longer ID', async () => {
		expect(await lookUp('@nobody_here')).toMatchObject({ accounts: [], posts: [], postCount: 0 });
		expect(await lookUp('@MapleValley')).toMatchObject({ posts: [], postCount: 0 });
		expect(await lookUp('203207915792341401')).toMatchObject({ posts: [], postCount: 0 });
	});
});

describe('lookUpXids over a real archive', () => {
	itWithRealFixtures('gives an ID from before Snowflakes the time its uploaded post carries (created_at)', async () => {
		const db = await tempDatabase();
		await importFile(db, join(REAL_FIXTURES, 'x-archive-2022/tweets.js'), { now: NOW });
		expect((await lookUpXids(db, ['53567512']))[0]).toMatchObject({
			kind: 'pre-snowflake',
			posts: [{ platform: 'x', postId: '53567512', publishedAt: '2007-05-07T17:50:04Z', match: 'post' }]
		});
		await db.close();
	});
});
