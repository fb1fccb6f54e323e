import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { itWithRealFixtures, REAL_FIXTURES, tempDatabase } from '../db/test-support';
import { importUpload, removeImportsAndRelink } from './import-any';
import { xlsxOf, zipOf } from './readers/test-support';

describe('export archives', () => {
	itWithRealFixtures('imports the files an X archive ZIP holds and leaves the rest', async () => {
		const db = await tempDatabase();
		const zip = zipOf({
			'data/tweets.js': readFileSync(join(REAL_FIXTURES, 'x-archive-2022/tweets.js')),
			'data/following.js': readFileSync(join(REAL_FIXTURES, 'x-archive-2022/following.js')),
			'data/like.js': Buffer.from('window.YTD.like.part0 = []'),
			'data/tweets_media/1.jpg': Buffer.from([0xff, 0xd8, 0xff]),
			'Your archive.html': Buffer.from('<html></html>')
		});
		const path = join(dirname(db.path), 'twitter-2022-10-20-abc.zip');
		writeFileSync(path, zip);
		const results = await importUpload(db, path, { fileName: 'twitter-2022-10-20-abc.zip' });
		expect(results.map((r) => [r.fileName, r.status, r.rowsLoaded])).toEqual([
			['twitter-2022-10-20-abc.zip: data/tweets.js', 'imported', 1758],
			['twitter-2022-10-20-abc.zip: data/following.js', 'imported', 418]
		]);
		expect(await db.query('SELECT count(*) AS n FROM posts')).toEqual([{ n: 1758 }]);
	});

	itWithRealFixtures('imports a YouTube Studio download and refuses an archive with nothing to read', async () => {
		const db = await tempDatabase();
		const youtube = join(dirname(db.path), 'Content 2024.zip');
		writeFileSync(
			youtube,
			zipOf({
				'Content 2024/Table data.csv': readFileSync(join(REAL_FIXTURES, 'youtube/youtube_studio_table_data.csv'))
			})
		);
		expect(await importUpload(db, youtube, { fileName: 'Content 2024.zip' })).toMatchObject([
			{ status: 'imported', source: 'youtube-table-data', rowsLoaded: 102 }
		]);
		const photos = join(dirname(db.path), 'photos.zip');
		writeFileSync(photos, zipOf({ 'a.jpg': Buffer.from([1, 2, 3]) }));
		const [refused] = await importUpload(db, photos, { fileName: 'photos.zip' });
		expect(refused).toMatchObject({ status: 'rejected' });
		expect(refused!.errors[0]!.message).toMatch(/holds no file Lantern reads/);
	});
});

describe('archives from a Mac', () => {
	it('imports the export and leaves out the __MACOSX resource forks, instead of refusing them as extra files', async () => {
		const db = await tempDatabase();
		const csv = Buffer.from('period_start,period,branch,metric,value\n2019-01-01,month,Central,visits,9\n');
		const path = join(dirname(db.path), 'Archive.zip');
		writeFileSync(path, zipOf({ 'usage.csv': csv, '__MACOSX/._usage.csv': Buffer.from([0, 5, 22, 7, 0, 2, 0, 0]) }));
		const results = await importUpload(db, path, { fileName: 'Archive.zip' });
		expect(results.map((r) => [r.fileName, r.status])).toEqual([['Archive.zip: usage.csv', 'imported']]);
	});
});

describe('archive limits', () => {
	it('imports at most 100 files from one archive and refuses more whole, storing nothing', async () => {
		const db = await tempDatabase();
		const files: Record<string, Buffer> = {};
		for (let i = 0; i < 101; i++)
			files[`usage-${i}.csv`] = Buffer.from(
				`period_start,period,branch,metric,value\n2019-01-01,month,Branch ${i},visits,${i}\n`
			);
		const path = join(dirname(db.path), 'many.zip');
		writeFileSync(path, zipOf(files));
		const [refused] = await importUpload(db, path, { fileName: 'many.zip' });
		expect(refused).toMatchObject({ status: 'rejected' });
		expect(refused!.errors[0]!.message).toContain('holds 101 files Lantern would import; it imports at most 100');
		expect(await db.query('SELECT count(*) AS n FROM usage')).toEqual([{ n: 0 }]);
	});
});

describe('LinkedIn Page exports re-saved as .xlsx', () => {
	it('reads the content workbook’s Metrics and All posts sheets under their description rows, each as its own import, and the All posts sheet saved alone', async () => {
		const db = await tempDatabase();
		const header = [
			'Date',
			'Impressions (organic)',
			'Impressions (sponsored)',
			'Impressions (total)',
			'Clicks (total)',
			'Reactions (total)',
			'Comments (total)',
			'Shares (total)'
		];
		const content = join(dirname(db.path), 'maplevalley_content_1718000000000.xlsx');
		writeFileSync(
			content,
			xlsxOf({
				Metrics: [
					['Aggregated metrics for your Page'],
					header,
					['03/02/2026', 400, 0, 400, 12, 20, 3, 2],
					['03/03/2026', 380, 50, 430, 9, -2, 1, 0]
				],
				'All posts': [
					['Post-level metrics'],
					['Post title', 'Post link', 'Created date', 'Impressions', 'Clicks', 'Likes', 'Comments', 'Reposts'],
					[
						'Author talk recap',
						'https://www.linkedin.com/feed/update/urn:li:activity:7300000000000000002',
						'03/03/2026 14:05',
						500,
						4,
						11,
						1,
						0
					]
				]
			})
		);
		const both = await importUpload(db, content, { fileName: 'maplevalley_content_1718000000000.xlsx' });
		expect(both).toMatchObject([
			{
				status: 'imported',
				source: 'linkedin-page-metrics',
				rowsLoaded: 2,
				fileName: 'maplevalley_content_1718000000000.xlsx › Metrics'
			},
			{
				status: 'imported',
				source: 'linkedin-page-posts',
				rowsLoaded: 1,
				fileName: 'maplevalley_content_1718000000000.xlsx › All posts'
			}
		]);
		// Each sheet is its own import, so undoing the posts leaves the daily figures.
		await removeImportsAndRelink(db, [both[1]!.importId!]);
		expect(
			await db.query(
				`SELECT strftime(date, '%Y-%m-%d') AS day, impressions, engagements FROM account_daily ORDER BY day`
			)
		).toEqual([
			{ day: '2026-03-02', impressions: 400, engagements: 37 },
			{ day: '2026-03-03', impressions: 430, engagements: 8 }
		]);
		const posts = join(dirname(db.path), 'all_posts.xlsx');
		writeFileSync(
			posts,
			xlsxOf({
				'All posts': [
					['Post-level metrics'],
					['Post title', 'Post link', 'Created date', 'Impressions', 'Clicks', 'Likes', 'Comments', 'Reposts'],
					[
						'Storytime is back',
						'https://www.linkedin.com/feed/update/urn:li:activity:7300000000000000001',
						'03/02/2026',
						900,
						14,
						30,
						2,
						1
					]
				]
			})
		);
		expect(await importUpload(db, posts, { fileName: 'all_posts.xlsx' })).toMatchObject([
			{ status: 'imported', source: 'linkedin-page-posts', rowsLoaded: 1 }
		]);
		expect(await db.query(`SELECT platform, post_id, impressions, engagements FROM posts`)).toEqual([
			{ platform: 'linkedin', post_id: '7300000000000000001', impressions: 900, engagements: 47 }
		]);
	});
});

describe('Meta Business Suite exports as .xlsx', () => {
	it('reads a Facebook posts workbook like the CSV', async () => {
		const db = await tempDatabase();
		const path = join(dirname(db.path), 'Online Marketing Sep-01-2025_Feb-25-2026.xlsx');
		writeFileSync(
			path,
			xlsxOf({
				Sheet1: [
					[
						'Post ID',
						'Page ID',
						'Page name',
						'Title',
						'Publish time',
						'Permalink',
						'Post type',
						'Date',
						'Views',
						'Reach',
						'Reactions, Comments and Shares',
						'Reactions',
						'Comments',
						'Shares'
					],
					[
						'1827720132094663',
						'100045700821521',
						'Maple Valley Public Library',
						'An autumn favourite is back!',
						'09/28/2025 18:12',
						'https://www.facebook.com/x/posts/pfbid1',
						'Photos',
						'Lifetime',
						27,
						20,
						4,
						4,
						0,
						0
					]
				]
			})
		);
		expect(await importUpload(db, path, { fileName: 'Online Marketing Sep-01-2025_Feb-25-2026.xlsx' })).toMatchObject([
			{ status: 'imported', source: 'meta-facebook-posts', rowsLoaded: 1 }
		]);
		expect(await db.query(`SELECT post_id, impressions, impressions_basis, engagements FROM posts`)).toEqual([
			{ post_id: '1827720132094663', impressions: 27, impressions_basis: 'views', engagements: 4 }
		]);
	});
});
