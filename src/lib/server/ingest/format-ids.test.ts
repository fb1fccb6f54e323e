/**
 * One import for each format that no other test names by its id: a small file written from the
 * format's description (docs/ and the source's anchors and columns), recognised as that format,
 * with one stored figure checked.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { fingerprint, tempDatabase } from '../db/test-support';
import { saveSettings } from '../settings';
import { importFile } from './pipeline';

/** When the export was taken: TikTok's dates carry no year and are read against it. */
const NOW = new Date('2026-03-10T12:00:00Z');

describe('formats recognised by their own id', () => {
	let db: Database;
	/** Writes `text` beside the test database and returns its path. */
	const write = (name: string, text: string) => {
		const path = join(dirname(db.path), name);
		writeFileSync(path, text);
		return path;
	};

	beforeEach(async () => {
		db = await tempDatabase();
	});
	afterEach(async () => {
		await db.close();
	});

	it('recognises the IMLS state summary as imls-pls-state-summary and refuses it, storing nothing', async () => {
		const before = await fingerprint(db);
		const file = write(
			'pls_fy2019_state_pud19i.csv',
			'STABR,POPU_LSA,POPU_UND,CENTLIB,BRANLIB,VISITS,TOTCIR,TOTPRO,TOTATTEN\nAK,736990,711209,82,19,3271530,4321985,17402,323416\nAL,4903185,4888944,207,83,11023456,14234567,48321,1032456\n'
		);
		const result = await importFile(db, file, { now: NOW });
		expect(result).toMatchObject({ status: 'rejected', source: 'imls-pls-state-summary', rowsLoaded: 0 });
		expect(result.errors[0]!.message).toContain('administrative entity CSV');
		expect(await fingerprint(db)).toEqual(before);
		expect(await db.query(`SELECT source, status FROM import_log`)).toEqual([
			{ source: 'imls-pls-state-summary', status: 'rejected' }
		]);
	});

	it('aggregates a LibCal registrant export (libcal-registrants) into one program per event, in the library time zone', async () => {
		await saveSettings(db, { timeZone: 'America/Chicago' });
		const file = write(
			'lc_registrations_2026-03.csv',
			[
				'Event ID,Event Title,Start Date,Campus,Registration ID,First Name,Last Name,Email,Registration Type,Attendance',
				'11873401,Toddler Storytime,2026-03-04,Central,90001,Ada,Lovelace,ada@example.org,In-Person,Attended',
				'11873401,Toddler Storytime,2026-03-04,Central,90002,Grace,Hopper,grace@example.org,Online,Attended',
				'11873401,Toddler Storytime,2026-03-04,Central,90003,Alan,Turing,alan@example.org,In-Person,No Show',
				'11873422,Resume Workshop,2026-03-05,Eastside,90004,Mary,Somerville,mary@example.org,In-Person,Attended'
			].join('\n') + '\n'
		);
		const result = await importFile(db, file, { now: NOW });
		expect(result).toMatchObject({ status: 'imported', source: 'libcal-registrants', rowsLoaded: 2 });
		expect(
			await db.query(
				`SELECT program_id, branch, strftime(starts_at AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M') AS utc, registrations, attendance_in_person, attendance_online, attendance
				 FROM program_records ORDER BY program_id`
			)
		).toEqual([
			// Midnight of March 4 in Chicago (UTC−6 before the March 8 change) is 06:00 UTC.
			{
				program_id: '11873401',
				branch: 'Central',
				utc: '2026-03-04 06:00',
				registrations: 3,
				attendance_in_person: 1,
				attendance_online: 1,
				attendance: 2
			},
			{
				program_id: '11873422',
				branch: 'Eastside',
				utc: '2026-03-05 06:00',
				registrations: 1,
				attendance_in_person: 1,
				attendance_online: 0,
				attendance: 1
			}
		]);
	});

	it('aggregates a reader-level summer reading export (reader-level-summer-reading) into weekly registrations and season totals', async () => {
		const file = write(
			'beanstack_readers_2026.csv',
			[
				'Reader Name,Email,Age Group,Home Library,Challenge,Registered On,Minutes Read,Books Read,Completed',
				'Ada Lovelace,ada@example.org,Kids (6-11),Central,Summer Reading 2026,2026-06-02,300,5,Yes',
				'Grace Hopper,grace@example.org,Kids (6-11),Central,Summer Reading 2026,2026-06-04,120,2,No',
				'Alan Turing,alan@example.org,Teens (12-17),Eastside,Summer Reading 2026,2026-06-10,600,8,Yes'
			].join('\n') + '\n'
		);
		const result = await importFile(db, file, { now: NOW });
		expect(result).toMatchObject({ status: 'imported', source: 'reader-level-summer-reading' });
		const central = await db.query(
			`SELECT metric, period, strftime(period_start, '%Y-%m-%d') AS start, value FROM literacy_records
			 WHERE branch = 'Central' AND age_group = 'Kids (6-11)' ORDER BY metric`
		);
		expect(central).toEqual([
			{ metric: 'books_logged', period: 'year', start: '2026-01-01', value: 7 },
			{ metric: 'completions', period: 'year', start: '2026-01-01', value: 1 },
			{ metric: 'minutes_logged', period: 'year', start: '2026-01-01', value: 420 },
			// Both Central readers signed up in the week beginning Monday June 1.
			{ metric: 'registrations', period: 'week', start: '2026-06-01', value: 2 }
		]);
	});

	it('reads TikTok FollowerHistory.csv (tiktok-followers), giving yearless days the year of the export', async () => {
		const file = write(
			'FollowerHistory.csv',
			'"Date","Followers","Difference in followers from previous day"\n"March 7","10370","-4"\n"March 8","10405","35"\n'
		);
		const result = await importFile(db, file, { now: NOW });
		expect(result).toMatchObject({ status: 'imported', source: 'tiktok-followers', rowsLoaded: 2 });
		expect(
			await db.query(
				`SELECT strftime(date, '%Y-%m-%d') AS day, followers, new_follows FROM account_daily WHERE platform = 'tiktok' ORDER BY day`
			)
		).toEqual([
			{ day: '2026-03-07', followers: 10370, new_follows: -4 },
			{ day: '2026-03-08', followers: 10405, new_follows: 35 }
		]);
	});

	it('reads TikTok Viewers.csv (tiktok-viewers), adding new and returning viewers where the total is blank', async () => {
		const file = write(
			'Viewers.csv',
			'Date,Total Viewers,New Viewers,Returning Viewers\nMarch 7,1200,800,400\nMarch 8,,300,200\n'
		);
		const result = await importFile(db, file, { now: NOW });
		expect(result).toMatchObject({ status: 'imported', source: 'tiktok-viewers', rowsLoaded: 2 });
		expect(
			await db.query(
				`SELECT strftime(date, '%Y-%m-%d') AS day, viewers, new_viewers FROM account_daily WHERE platform = 'tiktok' ORDER BY day`
			)
		).toEqual([
			{ day: '2026-03-07', viewers: 1200, new_viewers: 800 },
			{ day: '2026-03-08', viewers: 500, new_viewers: 300 }
		]);
	});

	it('reads data/account.js of an X archive (x-archive-account) as a sighting of the account', async () => {
		const account = {
			email: 'web@maplevalley.example.org',
			createdVia: 'web',
			username: 'maplevalleypl',
			accountId: '1234567890',
			createdAt: '2011-04-12T15:20:00.000Z',
			accountDisplayName: 'Maple Valley Public Library'
		};
		const file = write('account.js', `window.YTD.account.part0 = ${JSON.stringify([{ account }], null, 2)}`);
		const result = await importFile(db, file, { now: NOW });
		expect(result).toMatchObject({ status: 'imported', source: 'x-archive-account', rowsLoaded: 1 });
		expect(await db.query(`SELECT account_id, username FROM x_account_sightings`)).toEqual([
			{ account_id: '1234567890', username: 'maplevalleypl' }
		]);
	});

	it('reads the legacy X daily activity file (x-legacy-daily) as account-level days', async () => {
		const metrics = [
			'impressions',
			'engagements',
			'engagement rate',
			'retweets',
			'replies',
			'likes',
			'user profile clicks',
			'url clicks',
			'hashtag clicks',
			'detail expands',
			'permalink clicks',
			'app opens',
			'app installs',
			'follows',
			'email tweet',
			'dial phone',
			'media views',
			'media engagements'
		];
		const header = ['Date', 'Tweets published', ...metrics, ...metrics.map((metric) => `promoted ${metric}`)];
		const day = (date: string, figures: Record<string, string>) => [
			date,
			'2',
			...metrics.map((metric) => figures[metric] ?? '0'),
			...metrics.map(() => '-')
		];
		const rows = [
			header,
			day('2021-11-01', {
				impressions: '1510.0',
				engagements: '37.0',
				'engagement rate': '0.024503311258278145',
				likes: '12.0',
				'user profile clicks': '6.0',
				follows: '2',
				'media views': '140'
			}),
			day('2021-11-02', {
				impressions: '980.0',
				engagements: '15.0',
				'engagement rate': '0.015306122448979591',
				likes: '4.0',
				'user profile clicks': '1.0',
				follows: '0',
				'media views': '35'
			})
		];
		const file = write(
			'daily_tweet_activity_metrics_maplevalleypl_20211101_20211201_en.csv',
			rows.map((row) => row.map((cell) => `"${cell}"`).join(',')).join('\n') + '\n'
		);
		const result = await importFile(db, file, { now: NOW });
		expect(result).toMatchObject({ status: 'imported', source: 'x-legacy-daily', rowsLoaded: 2 });
		expect(
			await db.query(
				`SELECT strftime(date, '%Y-%m-%d') AS day, impressions, engagements, new_follows, profile_visits, video_views FROM account_daily WHERE platform = 'x' ORDER BY day`
			)
		).toEqual([
			{ day: '2021-11-01', impressions: 1510, engagements: 37, new_follows: 2, profile_visits: 6, video_views: 140 },
			{ day: '2021-11-02', impressions: 980, engagements: 15, new_follows: 0, profile_visits: 1, video_views: 35 }
		]);
	});
});
