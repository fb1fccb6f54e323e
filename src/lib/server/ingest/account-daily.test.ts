/** Account-level daily figures from several exports merge per figure: one file never blanks another's. */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDatabase } from '../db/test-support';
import { removeImportsAndRelink } from './import-any';
import { importFile } from './pipeline';

const NOW = new Date('2026-03-10T12:00:00Z');

describe('account_daily', () => {
	it('merges TikTok Overview, FollowerHistory and Viewers for the same days, newest export first per figure', async () => {
		const db = await tempDatabase();
		const dir = dirname(db.path);
		const write = (name: string, text: string) => {
			const path = join(dir, name);
			writeFileSync(path, text);
			return path;
		};
		const overview = write(
			'Overview.csv',
			'"Date","Video Views","Profile Views","Likes","Comments","Shares"\n"March 1","1441","52","31","2","11"\n"March 2","900","40","20","-1","3"\n'
		);
		const followers = write(
			'FollowerHistory.csv',
			'"Date","Followers","Difference in followers from previous day"\n"March 1","10405","35"\n"March 2","undefined","12"\n'
		);
		const viewers = write(
			'Viewers.csv',
			'Date,Total Viewers,New Viewers,Returning Viewers\nMarch 1,1200,800,400\nMarch 2,,300,200\n'
		);
		for (const file of [overview, followers, viewers])
			expect((await importFile(db, file, { now: NOW })).status).toBe('imported');
		const rows = await db.query(
			`SELECT strftime(date, '%Y-%m-%d') AS day, video_views, profile_visits, engagements, followers, new_follows, viewers, new_viewers FROM account_daily WHERE platform = 'tiktok' ORDER BY day`
		);
		expect(rows).toEqual([
			{
				day: '2026-03-01',
				video_views: 1441,
				profile_visits: 52,
				engagements: 44,
				followers: 10405,
				new_follows: 35,
				viewers: 1200,
				new_viewers: 800
			},
			{
				day: '2026-03-02',
				video_views: 900,
				profile_visits: 40,
				engagements: 22,
				followers: null,
				new_follows: 12,
				viewers: 500,
				new_viewers: 300
			}
		]);
		// A later Overview export restates March 2; the followers and viewers stay.
		const later = write(
			'Overview (1).csv',
			'"Date","Video Views","Profile Views","Likes","Comments","Shares"\n"March 2","950","41","20","0","3"\n'
		);
		const restated = await importFile(db, later, { now: new Date('2026-03-11T12:00:00Z') });
		expect(restated.status).toBe('imported');
		expect(
			await db.query(
				`SELECT video_views, followers, new_follows, viewers FROM account_daily WHERE platform = 'tiktok' AND date = DATE '2026-03-02'`
			)
		).toEqual([{ video_views: 950, followers: null, new_follows: 12, viewers: 500 }]);
		await removeImportsAndRelink(db, [restated.importId!]);
		expect(
			await db.query(`SELECT video_views FROM account_daily WHERE platform = 'tiktok' AND date = DATE '2026-03-02'`)
		).toEqual([{ video_views: 900 }]);
		await db.close();
	});

	it('reads LinkedIn visitors as daily page views beside the followers file', async () => {
		const db = await tempDatabase();
		const dir = dirname(db.path);
		const visitors = join(dir, 'maplevalley_visitors_1718000000000.csv');
		const pages = ['Overview', 'Life', 'Jobs', 'Total'];
		const header = [
			'Date',
			...pages.flatMap((page) =>
				['desktop', 'mobile', 'total'].flatMap((device) => [
					`${page} page views (${device})`,
					`${page} unique visitors (${device})`
				])
			)
		];
		const row = (date: string, total: number) =>
			[date, ...header.slice(1).map((column) => (column === 'Total page views (total)' ? total : 1))].join(',');
		writeFileSync(visitors, `${header.join(',')}\n${row('03/01/2026', 57)}\n${row('03/02/2026', 61)}\n`);
		const followers = join(dir, 'maplevalley_followers_1718000000000.csv');
		writeFileSync(
			followers,
			'Date,Sponsored followers,Organic followers,Auto-invited followers,Total followers\n03/01/2026,0,4,0,4\n'
		);
		expect(await importFile(db, visitors, { now: NOW })).toMatchObject({
			status: 'imported',
			source: 'linkedin-page-visitors',
			rowsLoaded: 2
		});
		expect(await importFile(db, followers, { now: NOW })).toMatchObject({
			status: 'imported',
			source: 'linkedin-page-followers',
			rowsLoaded: 1
		});
		expect(
			await db.query(
				`SELECT strftime(date, '%Y-%m-%d') AS day, profile_visits, new_follows FROM account_daily WHERE platform = 'linkedin' ORDER BY day`
			)
		).toEqual([
			{ day: '2026-03-01', profile_visits: 57, new_follows: 4 },
			{ day: '2026-03-02', profile_visits: 61, new_follows: null }
		]);
		await db.close();
	});
});
