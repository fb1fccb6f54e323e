/**
 * TikTok Studio's per-video content export as staff download it today: `Time` (the export day) and
 * `Post time` without a year, every cell quoted, a BOM and no final newline. Videos are timed from
 * their IDs, whose upper 32 bits are Unix seconds.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database';
import { fingerprint, SOURCE_FIXTURES, tempDatabase } from '../../db/test-support';
import { saveSettings } from '../../settings';
import { importFile } from '../pipeline';

const FEB_28 = join(SOURCE_FIXTURES, 'tiktok_studio_content_feb28.csv');
const MAR_14 = join(SOURCE_FIXTURES, 'tiktok_studio_content_mar14.csv');
/** Both exports are uploaded after 14 March 2026; their own `Time` cells say when each was taken. */
const UPLOADED = new Date('2026-03-20T15:00:00Z');
const LINKLESS_TITLE = 'Library card sign-up month recap';

const postsSql = `SELECT post_id, account, text, hashtags, strftime(published_at AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M:%S') AS utc,
	likes, comments, shares, video_views, engagements FROM posts WHERE platform = 'tiktok' ORDER BY published_at, post_id`;

describe('TikTok Studio content export (year-less dates)', () => {
	let db: Database;
	beforeEach(async () => {
		db = await tempDatabase();
		await saveSettings(db, { timeZone: 'America/Chicago' });
	});

	it('imports every video, timed from its ID, with trimmed and empty titles', async () => {
		const result = await importFile(db, FEB_28, { now: UPLOADED });
		expect(result).toMatchObject({ status: 'imported', source: 'tiktok-studio-content', rowsLoaded: 6, errorCount: 0 });
		const posts = await db.query(postsSql);
		expect(posts.map((post) => [post.post_id, post.utc, post.text])).toEqual([
			// 7527623000473079054 >> 32 = 1752661308 s = 2025-07-16 10:21:48 UTC (the post time says "July 16").
			['7527623000473079054', '2025-07-16 10:21:48', 'Summer reading kickoff #SummerReading'],
			// No link, so no ID: a 12-character text is later in the year than the export's February 28, so it is 2025,
			// at midnight in Chicago (UTC−5 in September).
			[expect.stringMatching(/^[0-9a-f]{32}$/), '2025-09-30 05:00:00', LINKLESS_TITLE],
			['7567497472735924785', '2025-10-31 21:15:07', 'Costume storytime at Eastside #storytime'],
			['7585981479047457621', '2025-12-20 16:42:30', null],
			['7595650484232093724', '2026-01-15 18:03:11', 'New graphic novels just landed #booktok'],
			// Posted at 21:30 on February 20 in Chicago, which is already the 21st in UTC.
			['7609155813462650257', '2026-02-21 03:30:45', 'Tax help drop-in hours']
		]);
		expect(posts[0]).toMatchObject({
			account: 'maplevalleypl',
			hashtags: ['summerreading'],
			likes: 1204,
			comments: 37,
			shares: 22,
			video_views: 18950,
			engagements: 1263
		});
		expect(posts[1]).toMatchObject({ account: null, video_views: 880 });
		// The export day (February 28, from `Time`) is when these figures were observed: its end in Chicago.
		expect(
			await db.query(
				`SELECT DISTINCT strftime(observed_at AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M:%S') AS utc FROM post_snapshots`
			)
		).toEqual([{ utc: '2026-03-01 05:59:59' }]);
	});

	it('keeps one row per video across two overlapping exports, the later export winning whatever the upload order', async () => {
		expect(await importFile(db, MAR_14, { now: UPLOADED })).toMatchObject({ status: 'imported', rowsLoaded: 7 });
		expect(await importFile(db, FEB_28, { now: UPLOADED })).toMatchObject({ status: 'imported', rowsLoaded: 6 });
		const posts = await db.query(postsSql);
		expect(posts).toHaveLength(7);
		expect(posts.find((post) => post.post_id === '7595650484232093724')).toMatchObject({
			video_views: 32990,
			likes: 2305
		});
		expect(posts.find((post) => post.text === LINKLESS_TITLE)).toMatchObject({ video_views: 884 });
		expect(posts.at(-1)).toMatchObject({ post_id: '7615643419051078835', utc: '2026-03-10 15:05:59' });
		// Both observations stay, for growth over time.
		expect(
			await db.query(
				`SELECT strftime(observed_at AT TIME ZONE 'UTC', '%Y-%m-%d') AS day, video_views FROM post_snapshots
				 WHERE post_id = '7595650484232093724' ORDER BY observed_at`
			)
		).toEqual([
			{ day: '2026-03-01', video_views: 31077 },
			{ day: '2026-03-15', video_views: 32990 }
		]);
		expect(await db.query(`SELECT count(*) AS n FROM post_snapshots`)).toEqual([{ n: 13 }]);
	});

	it('refuses a copy with an unreadable post time whole, naming the row and column', async () => {
		const broken = join(dirname(db.path), 'Content.csv');
		writeFileSync(broken, readFileSync(FEB_28, 'utf8').replace('"September 30"', '"Septober 31"'));
		const before = await fingerprint(db);
		const result = await importFile(db, broken, { now: UPLOADED });
		expect(result).toMatchObject({ status: 'rejected', source: 'tiktok-studio-content', rowsLoaded: 0 });
		expect(result.errors).toEqual([
			{ row: 5, column: 'Post time', message: 'an 11-character text is not a day of the year such as February 28' }
		]);
		expect(await fingerprint(db)).toEqual(before);
	});
});
