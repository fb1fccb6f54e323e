import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { fingerprint, itWithRealFixtures, REAL_FIXTURES, SOURCE_FIXTURES, tempDatabase } from '../db/test-support';
import { saveSettings } from '../settings';
import { listImports, removeImports } from './import-log';
import { buildRepo } from './readers/test-support';
import { importFile } from './pipeline';

const X_LEGACY = join(REAL_FIXTURES, 'x-analytics-legacy/x_legacy_tweet_activity_metrics_ropensci_2021-11.csv');
const FB_POSTS = join(REAL_FIXTURES, 'facebook/meta_fb_posts_lifetime_2026.csv');
const scratch = () => mkdtempSync(join(tmpdir(), 'lantern-files-'));

/** Writes `content` to a scratch file and returns its path. */
function scratchFile(name: string, content: string | Buffer): string {
	const path = join(scratch(), name);
	writeFileSync(path, content);
	return path;
}

describe('import pipeline', () => {
	let db: Database;
	beforeEach(async () => {
		db = await tempDatabase();
	});

	itWithRealFixtures('imports the real legacy X export with exact totals', async () => {
		const result = await importFile(db, X_LEGACY);
		expect(result).toMatchObject({ status: 'imported', source: 'x-legacy-tweets', rowsLoaded: 33, errorCount: 0 });
		// Reference totals computed independently with Python's csv module: sum(float(row['impressions'])) etc.
		const [totals] = await db.query(
			`SELECT count(*) AS posts, sum(impressions) AS impressions, sum(engagements) AS engagements,
				sum(likes) AS likes, sum(shares) AS retweets, count(DISTINCT account) AS accounts, min(account) AS account FROM posts`
		);
		expect(totals).toEqual({
			posts: 33,
			impressions: 131651,
			engagements: 1507,
			likes: 289,
			retweets: 138,
			accounts: 1,
			account: 'rOpenSci'
		});
		const [first] = await db.query(
			`SELECT strftime(published_at AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M') AS at, hashtags, text FROM posts WHERE post_id = '1465591708847116289'`
		);
		expect(first).toMatchObject({ at: '2021-11-30 08:01', hashtags: ['rstats'] });
		expect(String(first!.text)).toContain('\n');
	});

	itWithRealFixtures('reads Meta publish times in the library time zone', async () => {
		await saveSettings(db, { timeZone: 'America/Chicago' });
		const result = await importFile(db, FB_POSTS);
		expect(result).toMatchObject({ status: 'imported', source: 'meta-facebook-posts', rowsLoaded: 13 });
		const [post] = await db.query(
			`SELECT strftime(published_at AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M') AS utc, impressions, impressions_basis, reach, engagements
			 FROM posts WHERE post_id = '1366427842195377'`
		);
		// 01/28/2026 03:29 in Chicago (UTC−6 in January) is 09:29 UTC.
		expect(post).toEqual({
			utc: '2026-01-28 09:29',
			impressions: 2422,
			impressions_basis: 'views',
			reach: 2267,
			engagements: 13
		});
		const [sum] = await db.query('SELECT sum(impressions) AS views, sum(engagements) AS engagements FROM posts');
		expect(sum).toEqual({ views: 33165, engagements: 201 });
	});

	itWithRealFixtures('recognises the same file again as a duplicate and adds nothing', async () => {
		await importFile(db, X_LEGACY);
		const before = await fingerprint(db);
		const again = await importFile(db, X_LEGACY, { fileName: 'renamed.csv' });
		expect(again).toMatchObject({ status: 'duplicate', rowsLoaded: 0, duplicateOf: 1 });
		expect(await fingerprint(db)).toEqual(before);
	});

	itWithRealFixtures(
		'refuses a file with bad rows whole, naming row, column and reason, and stores nothing',
		async () => {
			await importFile(db, FB_POSTS);
			const before = await fingerprint(db);
			// Row 2 of the file (its first post) gets an impressions count that is not a number.
			const broken = readFileSync(X_LEGACY, 'utf8').replace(
				'"2021-11-30 16:00 +0000","1777.0"',
				'"2021-11-30 16:00 +0000","lots"'
			);
			const result = await importFile(db, scratchFile('tweets.csv', broken));
			expect(result.status).toBe('rejected');
			expect(result.errorCount).toBe(1);
			expect(result.errors[0]).toEqual({
				row: 2,
				column: 'impressions',
				message: expect.stringContaining('a 4-character text is not a count')
			});
			expect(await fingerprint(db)).toEqual(before);
			const logged = await listImports(db);
			expect(logged[0]).toMatchObject({ status: 'rejected', rowsLoaded: 0, errorCount: 1 });
		}
	);

	it('reports the first 100 problems and the full count', async () => {
		const header = 'period_start,period,branch,metric,value';
		const rows = Array.from({ length: 250 }, (_, i) => `2026-01-01,month,Central,visits,${i % 2 ? 'many' : '10'}`);
		const result = await importFile(db, scratchFile('usage.csv', [header, ...rows].join('\n')));
		expect(result.status).toBe('rejected');
		expect(result.errorCount).toBe(125);
		expect(result.errors).toHaveLength(100);
		expect(result.errors[0]).toMatchObject({ row: 3, column: 'value' });
	});

	itWithRealFixtures('refuses the Excel-damaged X export whose IDs were rounded', async () => {
		const before = await fingerprint(db);
		const result = await importFile(db, join(REAL_FIXTURES, 'x-analytics-excel-resaved/tweet_activity_metrics.csv'));
		expect(result.status).toBe('rejected');
		expect(await fingerprint(db)).toEqual(before);
	});

	it.each([
		['empty.csv', '', /empty/],
		['garbage.csv', Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00, 0x10, 0x42]), /not a text file/],
		['export.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]), /workbook but is damaged/],
		['old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), /This Excel file is damaged/],
		['notes.csv', 'hello,world\n1,2\n', /does not recognise/],
		['header-only.csv', 'period_start,period,branch,metric,value\n', /no data rows/],
		[
			'ragged.csv',
			'"Tweet id","Tweet permalink","Tweet text","time","impressions"\n"1","x","y","2021-11-30 16:00 +0000","5","extra","cells"\n"2","x"\n',
			/line 2 has 7 cells where the header has 5/
		]
	])('refuses %s with a message saying what is wrong', async (name, content, message) => {
		const before = await fingerprint(db);
		const result = await importFile(db, scratchFile(name, content));
		expect(result.status).toBe('rejected');
		expect(result.errors.map((e) => e.message).join(' ')).toMatch(message);
		expect(await fingerprint(db)).toEqual(before);
	});

	itWithRealFixtures('keeps every observation, shows the newest, and restores the older one on undo', async () => {
		await importFile(db, X_LEGACY);
		const newer = readFileSync(X_LEGACY, 'utf8').replace(
			'"2021-11-30 16:00 +0000","1777.0"',
			'"2021-11-30 16:00 +0000","1999.0"'
		);
		const second = await importFile(db, scratchFile('newer.csv', newer), { now: new Date(Date.now() + 60_000) });
		expect(second.status).toBe('imported');
		const impressionsNow = async () =>
			(await db.query(`SELECT impressions FROM posts WHERE post_id = '1465712230054432768'`))[0]?.impressions;
		expect(await impressionsNow()).toBe(1999);
		expect((await db.query('SELECT count(*) AS n FROM posts'))[0]!.n).toBe(33);
		expect((await db.query('SELECT count(*) AS n FROM post_observations'))[0]!.n).toBe(66);
		await removeImports(db, [second.importId!]);
		expect(await impressionsNow()).toBe(1777);
	});

	it('removing an import deletes exactly its rows', async () => {
		const empty = await fingerprint(db);
		const x = await importFile(db, X_LEGACY);
		const afterX = await fingerprint(db);
		const fb = await importFile(db, FB_POSTS);
		await removeImports(db, [fb.importId!]);
		expect(await fingerprint(db)).toEqual(afterX);
		await removeImports(db, [x.importId!]);
		expect(await fingerprint(db)).toEqual(empty);
	});

	it('imports LibCal events: lists exploded, blank attendance unknown, cancelled kept and marked', async () => {
		await saveSettings(db, { timeZone: 'America/Chicago' });
		const path = join(scratch(), 'lc_events_2026-03-01_2026-03-31.csv');
		copyFileSync(join(SOURCE_FIXTURES, 'lc_events_2026-03-01_2026-03-31.csv'), path);
		expect(await importFile(db, path)).toMatchObject({ status: 'imported', source: 'libcal-events', rowsLoaded: 4 });
		const programs = await db.query(
			`SELECT program_id, branch, category, audiences, tags, attendance_in_person AS ip, attendance_online AS online, attendance, cancelled,
				strftime(starts_at AT TIME ZONE 'America/Chicago', '%Y-%m-%d %H:%M') AS local_start
			 FROM programs ORDER BY program_id`
		);
		expect(programs).toEqual([
			{
				program_id: '1200101',
				branch: 'Eastside',
				category: 'Literacy > Storytimes',
				audiences: ['Babies & Toddlers', 'Families'],
				tags: ['storytime', 'early-literacy'],
				ip: 27,
				online: null,
				attendance: 27,
				cancelled: false,
				local_start: '2026-03-03 10:30'
			},
			{
				program_id: '1200102',
				branch: 'Central',
				category: 'Technology > Workshops',
				audiences: ['Adults'],
				tags: ['digital-literacy'],
				ip: 11,
				online: 7,
				attendance: 18,
				cancelled: false,
				local_start: '2026-03-04 18:00'
			},
			{
				program_id: '1200103',
				branch: 'Riverside',
				category: 'Author Talks',
				audiences: ['Adults', 'Seniors'],
				tags: [],
				ip: null,
				online: null,
				attendance: null,
				cancelled: false,
				local_start: '2026-03-05 00:00'
			},
			{
				program_id: '1200104',
				branch: 'Central',
				category: 'Literacy > Storytimes',
				audiences: ['Preschool'],
				tags: ['storytime'],
				ip: null,
				online: null,
				attendance: null,
				cancelled: true,
				local_start: '2026-03-06 10:30'
			}
		]);
	});

	it('imports a Mastodon outbox: posts, replies and boosts with their times and no metrics', async () => {
		const result = await importFile(db, join(SOURCE_FIXTURES, 'mastodon_outbox.json'));
		expect(result).toMatchObject({ status: 'imported', source: 'mastodon-outbox', rowsLoaded: 3 });
		expect(
			await db.query(
				`SELECT post_id, account, post_type, strftime(published_at AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M') AS utc, hashtags, impressions, text FROM posts ORDER BY published_at`
			)
		).toEqual([
			{
				post_id: '111234567890123456',
				account: 'maplevalleypl',
				post_type: 'post',
				utc: '2026-03-03 15:30',
				hashtags: ['storytimeateastside'],
				impressions: null,
				text: 'Storytime is back at Eastside, Tuesdays at 10:30 & Thursdays at 11! #StorytimeAtEastside'
			},
			{
				post_id: '111234567890999999',
				account: 'maplevalleypl',
				post_type: 'reply',
				utc: '2026-03-04 08:00',
				hashtags: [],
				impressions: null,
				text: 'Yes! The book club meets on the 2nd floor.'
			},
			{
				post_id: '42',
				account: 'reader',
				post_type: 'boost',
				utc: '2026-03-05 18:45',
				hashtags: [],
				impressions: null,
				text: null
			}
		]);
	});

	it('shows the full text of long X posts from the archive’s note-tweet.js, and loses it again on undo', async () => {
		const cut =
			'Our summer reading kickoff is this Saturday: crafts, a magician and free books for every child who signs up. Bring the whole family to Central, and stay for the storytime at 11. We have prizes for every reader, big and small, and the friends of the library bake sale runs all…';
		const tweets = scratchFile(
			'tweets.js',
			`window.YTD.tweets.part0 = ${JSON.stringify([
				{
					tweet: {
						id_str: '1800000000000000001',
						created_at: 'Sat Jun 01 15:00:07 +0000 2024',
						full_text: cut,
						favorite_count: '12',
						retweet_count: '3',
						entities: { user_mentions: [] }
					}
				},
				{
					tweet: {
						id_str: '1800000000000000002',
						created_at: 'Sat Jun 01 15:30:00 +0000 2024',
						full_text: 'Short one #MVPLreads',
						favorite_count: '1',
						retweet_count: '0',
						entities: { user_mentions: [] }
					}
				}
			])}`
		);
		const full = `${cut.slice(0, -1)} morning. #MapleSummerReads`;
		const notes = scratchFile(
			'note-tweet.js',
			`window.YTD.note_tweet.part0 = ${JSON.stringify([
				{
					noteTweet: {
						noteTweetId: '1799999999999999999',
						createdAt: '2024-06-01T15:00:07.000Z',
						updatedAt: '2024-06-01T15:00:07.000Z',
						core: { text: full, urls: [], mentions: [], hashtags: [{ text: 'MapleSummerReads' }] }
					}
				}
			])}`
		);
		expect(await importFile(db, tweets)).toMatchObject({
			status: 'imported',
			source: 'x-archive-tweets',
			rowsLoaded: 2
		});
		const noted = await importFile(db, notes);
		expect(noted).toMatchObject({ status: 'imported', source: 'x-archive-note-tweets', rowsLoaded: 1 });
		expect(await db.query(`SELECT post_id, text, hashtags, likes FROM posts ORDER BY post_id`)).toEqual([
			{ post_id: '1800000000000000001', text: full, hashtags: ['maplesummerreads'], likes: 12 },
			{ post_id: '1800000000000000002', text: 'Short one #MVPLreads', hashtags: ['mvplreads'], likes: 1 }
		]);
		await removeImports(db, [noted.importId!]);
		expect(await db.query(`SELECT text FROM posts WHERE post_id = '1800000000000000001'`)).toEqual([{ text: cut }]);
	});

	it('imports the posts of a Bluesky repository export and refuses a damaged one', async () => {
		const did = 'did:plc:maplevalleylibrary';
		const post = (rkey: string, createdAt: string, text: string, reply = false) => ({
			collection: 'app.bsky.feed.post',
			rkey,
			value: {
				$type: 'app.bsky.feed.post',
				text,
				createdAt,
				langs: ['en'],
				...(reply
					? {
							reply: {
								root: { uri: `at://${did}/app.bsky.feed.post/3l25zusnsfctk`, cid: 'x' },
								parent: { uri: `at://${did}/app.bsky.feed.post/3l25zusnsfctk`, cid: 'x' }
							}
						}
					: {})
			}
		});
		const repo = buildRepo(did, '3l25zzzzzzz22', [
			post('3l25zusnsfctk', '2024-08-20T16:31:35.793Z', 'Storytime is back on Tuesdays #StorytimeAtEastside'),
			post('3l26aaaaaaa22', '2024-08-21T09:00:00.000Z', 'See you there!', true),
			{
				collection: 'app.bsky.feed.like',
				rkey: '3l26bbbbbbb22',
				value: { $type: 'app.bsky.feed.like', createdAt: '2024-08-21T10:00:00.000Z' }
			}
		]);
		const result = await importFile(db, scratchFile('repo.car', Buffer.from(repo.car)));
		expect(result).toMatchObject({ status: 'imported', source: 'bluesky-repo', rowsLoaded: 2 });
		expect(
			await db.query(
				`SELECT post_id, account, post_type, strftime(published_at AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M') AS utc, hashtags, impressions, permalink FROM posts WHERE platform = 'bluesky' ORDER BY post_id`
			)
		).toEqual([
			{
				post_id: '3l25zusnsfctk',
				account: did,
				post_type: 'post',
				utc: '2024-08-20 16:31',
				hashtags: ['storytimeateastside'],
				impressions: null,
				permalink: `https://bsky.app/profile/${did}/post/3l25zusnsfctk`
			},
			{
				post_id: '3l26aaaaaaa22',
				account: did,
				post_type: 'reply',
				utc: '2024-08-21 09:00',
				hashtags: [],
				impressions: null,
				permalink: `https://bsky.app/profile/${did}/post/3l26aaaaaaa22`
			}
		]);
		const before = await fingerprint(db);
		const damaged = await importFile(
			db,
			scratchFile('repo (1).car', Buffer.from(repo.car.subarray(0, repo.car.length - 40)))
		);
		expect(damaged.status).toBe('rejected');
		expect(damaged.errors[0]!.message).toMatch(/Export my data|cut short/);
		expect(await fingerprint(db)).toEqual(before);
	});

	it('imports Instagram posts, with thousands separators and engagement from their parts', async () => {
		expect(await importFile(db, join(SOURCE_FIXTURES, 'meta_ig_posts.csv'))).toMatchObject({
			status: 'imported',
			source: 'meta-instagram-posts',
			rowsLoaded: 2
		});
		const rows = await db.query(
			'SELECT platform, account, impressions, engagements, saves, hashtags FROM posts ORDER BY post_id'
		);
		expect(rows).toEqual([
			{
				platform: 'instagram',
				account: 'maplevalleypl',
				impressions: 145,
				engagements: 16,
				saves: 3,
				hashtags: ['storytimeateastside']
			},
			{ platform: 'instagram', account: 'maplevalleypl', impressions: 1250, engagements: 60, saves: 9, hashtags: [] }
		]);
	});

	it('imports the usage and literacy templates and refuses unknown metrics, negatives and impossible dates', async () => {
		expect(await importFile(db, join(SOURCE_FIXTURES, 'usage_monthly.csv'))).toMatchObject({
			status: 'imported',
			rowsLoaded: 5
		});
		expect((await db.query(`SELECT value FROM usage WHERE metric = 'visits'`))[0]).toEqual({ value: 12004 });
		expect(await importFile(db, join(SOURCE_FIXTURES, 'summer_reading.csv'))).toMatchObject({
			status: 'imported',
			source: 'lantern-literacy',
			rowsLoaded: 3
		});
		const bad = await importFile(db, join(SOURCE_FIXTURES, 'usage_bad.csv'));
		expect(bad.errors).toEqual([
			{ row: 3, column: 'metric', message: expect.stringContaining('an 8-character text is not one of: circulation') },
			{ row: 4, column: 'value', message: expect.stringContaining('a negative number is not a number of at least 0') },
			{ row: 5, column: 'period_start', message: expect.stringContaining('a 10-character text is not a real date') }
		]);
	});
});

describe('library-side importers', () => {
	let db: Database;
	beforeEach(async () => {
		db = await tempDatabase();
	});

	it('turns LibInsight gate readings into daily visits: rollover, manual and hourly rows', async () => {
		expect(await importFile(db, join(SOURCE_FIXTURES, 'libinsight_gate_counts.csv'))).toMatchObject({
			status: 'imported',
			source: 'libinsight-gate-counts'
		});
		const rows = await db.query(
			`SELECT branch, strftime(period_start, '%Y-%m-%d') AS day, period, metric, value FROM usage ORDER BY branch, day`
		);
		expect(rows).toEqual([
			{ branch: 'Central', day: '2026-03-02', period: 'day', metric: 'visits', value: 590 },
			// 99,710 → 240 rolled over at 99,999: 289 + 241.
			{ branch: 'Central', day: '2026-03-03', period: 'day', metric: 'visits', value: 530 },
			{ branch: 'Central', day: '2026-03-04', period: 'day', metric: 'visits', value: 763 },
			{ branch: 'Eastside', day: '2026-03-02', period: 'day', metric: 'visits', value: 300 },
			// Two hourly readings, 50 + 70.
			{ branch: 'Eastside', day: '2026-03-03', period: 'day', metric: 'visits', value: 120 }
		]);
	});

	it('halves bidirectional gate counts when the setting says so', async () => {
		await saveSettings(db, { gateCountsBidirectional: true });
		await importFile(db, join(SOURCE_FIXTURES, 'libinsight_gate_counts.csv'));
		expect(
			await db.query(`SELECT value FROM usage WHERE branch = 'Central' AND period_start = DATE '2026-03-02'`)
		).toEqual([{ value: 295 }]);
	});

	it('imports the PLS administrative-entity file: missing codes become unknown, Latin-1 names survive', async () => {
		expect(await importFile(db, join(SOURCE_FIXTURES, 'pls_fy2019_ae_pud19i.csv'))).toMatchObject({
			status: 'imported',
			source: 'imls-pls-ae',
			rowsLoaded: 3
		});
		expect(
			await db.query(
				`SELECT fiscal_year, libname, totcir, totatten, wifisess, kidatten FROM pls WHERE fscskey = 'IL0002'`
			)
		).toEqual([
			{
				fiscal_year: 2019,
				libname: 'Bonté Township Library',
				totcir: null,
				totatten: null,
				wifisess: null,
				kidatten: 5100
			}
		]);
	});

	it.each([
		[
			'lc_events_bad.csv',
			'"Event ID","Title","Start Date","Start Time","Actual Attendance (In-Person)"\n"1","Storytime","2026-13-40","10:30","12"\n"2","Lego","2026-03-05","half past","lots"\n',
			[
				{ row: 2, column: 'Start Date', message: expect.stringContaining('a 10-character text is not a real date') },
				{ row: 3, column: 'Start Time', message: expect.stringContaining('a 9-character text is not a time of day') },
				{
					row: 3,
					column: 'Actual Attendance (In-Person)',
					message: expect.stringContaining('a 4-character text is not a count')
				}
			]
		],
		[
			'gate.csv',
			'date,gate_start,gate_end\n2026-03-02,100,150\n2026-03-03,,200\n2026-03-04,abc,300\n',
			[
				{ row: 3, column: 'gate_start', message: 'is empty, but every row needs a value here' },
				{ row: 4, column: 'gate_start', message: expect.stringContaining('a 3-character text is not a count') }
			]
		],
		[
			'pls_fy2020_ae.csv',
			'FSCSKEY,LIBNAME,STABR,POPU_LSA,VISITS\nIL0001,Maple,IL,84000,-1\n,Nameless,IL,100,5\nIL0003,Oak,IL,many,5\n',
			[
				{ row: 3, column: 'FSCSKEY', message: 'is empty, but every row needs a value here' },
				{ row: 4, column: 'POPU_LSA', message: expect.stringContaining('a 4-character text is not a count') }
			]
		]
	])('refuses a broken %s whole, naming each bad cell', async (name, content, errors) => {
		const before = await fingerprint(db);
		const result = await importFile(db, scratchFile(name, content));
		expect(result.status).toBe('rejected');
		expect(result.errors).toEqual(errors);
		expect(await fingerprint(db)).toEqual(before);
	});

	it('keeps Project Outcome answers as written and on the 1–5 scale', async () => {
		expect(await importFile(db, join(SOURCE_FIXTURES, 'project_outcome_responses.csv'))).toMatchObject({
			status: 'imported',
			source: 'project-outcome',
			rowsLoaded: 3
		});
		expect(
			await db.query(
				`SELECT response_id, survey_topic, survey_type, knowledge_text, knowledge, confidence, application_text, application, awareness, liked_most FROM survey_responses ORDER BY response_id`
			)
		).toEqual([
			{
				response_id: 'r1',
				survey_topic: 'Early Childhood Literacy',
				survey_type: 'immediate',
				knowledge_text: 'Strongly Agree',
				knowledge: 5,
				confidence: 4,
				application_text: 'Agree',
				application: 4,
				awareness: 5,
				liked_most: 'The songs, and the puppets'
			},
			{
				response_id: 'r2',
				survey_topic: 'Early Childhood Literacy',
				survey_type: 'immediate',
				knowledge_text: 'Agree',
				knowledge: 4,
				confidence: 3,
				application_text: 'N/A',
				application: null,
				awareness: 4,
				liked_most: null
			},
			{
				response_id: 'r3',
				survey_topic: 'Digital Learning',
				survey_type: 'follow-up',
				knowledge_text: 'Disagree',
				knowledge: 2,
				confidence: 1,
				application_text: 'Disagree',
				application: 2,
				awareness: 4,
				liked_most: 'Patient teacher'
			}
		]);
		const bad = await importFile(db, scratchFile('po.csv', 'Survey Topic,Knowledge\nSummer Reading,Kinda agree\n'));
		expect(bad.errors[0]).toMatchObject({
			row: 2,
			column: 'Knowledge',
			message: expect.stringContaining('an 11-character text is not one of: strongly disagree')
		});
	});
});

describe('more social exports', () => {
	let db: Database;
	beforeEach(async () => {
		db = await tempDatabase();
		await saveSettings(db, { timeZone: 'America/Chicago' });
	});

	// Chicago is UTC−6 on Mar 2 and UTC−5 on Mar 9 (daylight saving began Mar 8, 2026).
	it('TikTok per-video export: IDs from links, 1.2K and thousands separators, saves from bookmarks', async () => {
		expect(await importFile(db, join(SOURCE_FIXTURES, 'tiktok_content.csv'))).toMatchObject({
			status: 'imported',
			source: 'tiktok-content',
			rowsLoaded: 2
		});
		expect(
			await db.query(
				`SELECT post_id, account, video_views, likes, saves, engagements, strftime(published_at AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M') AS utc FROM posts ORDER BY post_id`
			)
		).toEqual([
			{
				post_id: '7300000000000000001',
				account: 'maplevalleypl',
				video_views: 12400,
				likes: 1200,
				saves: 40,
				engagements: 1288,
				utc: '2026-03-02 22:05'
			},
			{
				post_id: '7300000000000000002',
				account: 'maplevalleypl',
				video_views: 3100,
				likes: 210,
				saves: 12,
				engagements: 234,
				utc: '2026-03-09 23:30'
			}
		]);
	});

	it('YouTube Chart data: daily views summed across videos, the Total row skipped', async () => {
		expect(await importFile(db, join(SOURCE_FIXTURES, 'youtube_chart_data.csv'))).toMatchObject({
			status: 'imported',
			source: 'youtube-daily-views'
		});
		expect(
			await db.query(
				`SELECT strftime(date, '%Y-%m-%d') AS day, video_views FROM account_daily WHERE platform = 'youtube' ORDER BY day`
			)
		).toEqual([
			{ day: '2026-03-01', video_views: 65 },
			{ day: '2026-03-02', video_views: 85 }
		]);
	});

	it('X Premium video overview (title row) and the pre-2018 archive tweets.csv', async () => {
		expect(await importFile(db, join(SOURCE_FIXTURES, 'x_video_overview_analytics.csv'))).toMatchObject({
			status: 'imported',
			source: 'x-video-overview',
			rowsLoaded: 2
		});
		expect(await db.query(`SELECT sum(video_views) AS v FROM account_daily WHERE platform = 'x'`)).toEqual([
			{ v: 200 }
		]);
		expect(await importFile(db, join(SOURCE_FIXTURES, 'tweets.csv'))).toMatchObject({
			status: 'imported',
			source: 'x-archive-tweets-csv',
			rowsLoaded: 2
		});
		expect(await db.query(`SELECT post_id, post_type, hashtags FROM posts ORDER BY post_id`)).toEqual([
			{ post_id: '123456789012', post_type: 'post', hashtags: ['summerreading'] },
			{ post_id: '223456789012', post_type: 'reply', hashtags: [] }
		]);
	});
});

describe('links in uploaded files', () => {
	it('stores only http(s) permalinks: a javascript: link from a crafted export is dropped on import', async () => {
		const db = await tempDatabase();
		const header = '"Tweet id","Tweet permalink","Tweet text","time","impressions","engagements"';
		const rows = [
			'"1465712230054432768","javascript:alert(document.cookie)","crafted","2021-11-30 16:00 +0000","10.0","1.0"',
			'"1465712230054432769","https://twitter.com/MapleValleyPL/status/1465712230054432769","real","2021-11-30 17:00 +0000","10.0","1.0"'
		];
		const path = join(mkdtempSync(join(tmpdir(), 'lantern-links-')), 'tweet_activity.csv');
		writeFileSync(path, [header, ...rows].join('\n') + '\n');
		expect(await importFile(db, path)).toMatchObject({ status: 'imported', rowsLoaded: 2 });
		expect(await db.query('SELECT text, permalink FROM posts ORDER BY text')).toEqual([
			{ text: 'crafted', permalink: null },
			{ text: 'real', permalink: 'https://twitter.com/MapleValleyPL/status/1465712230054432769' }
		]);
	});
});
