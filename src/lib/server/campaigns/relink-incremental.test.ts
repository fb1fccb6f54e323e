/**
 * Relinking after an import re-derives only what the import can change (relink.ts, RelinkScope).
 * Each test here imports through importAny, as users do, then checks that a full relink of the same
 * library changes nothing: the incremental relink must end exactly where a full one ends.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvDocument, parseCsv } from '../../demo/csv';
import { campaignSummaries } from '../analytics/campaigns';
import type { Database } from '../db/database';
import { demoDatabase, REPO_ROOT, tempDatabase } from '../db/test-support';
import { importAny, removeImportsAndRelink } from '../ingest/import-any';
import { correctStrategy, decideCampaignPost } from './decisions';
import { relinkCampaigns } from './relink';

const DEMO = join(REPO_ROOT, 'data/demo');
const X_FILE = 'tweet_activity_metrics_MapleValleyPL_20231101_20261031_en.csv';
const LIBCAL_FILE = 'lc_events_2023-11-01_2026-10-31.csv';

const snapshot = async (db: Database) => ({
	links: await db.query('SELECT * FROM campaign_post_links ORDER BY ALL'),
	labels: await db.query('SELECT * FROM post_strategy_labels ORDER BY ALL'),
	promotions: await db.query('SELECT * FROM program_promotion_links ORDER BY ALL')
});

/** The links, labels and promotions now, after checking that a full relink leaves every one as it is. */
async function fullRelinkAgrees(db: Database) {
	const incremental = await snapshot(db);
	await relinkCampaigns(db);
	expect(await snapshot(db)).toEqual(incremental);
	return incremental;
}

async function imported(db: Database, path: string, fileName: string): Promise<void> {
	expect(await importAny(db, path, { fileName })).toMatchObject({ status: 'imported' });
}

const importIdOf = async (db: Database, fileName: string) =>
	(await db.query<{ import_id: number }>(`SELECT import_id FROM import_log WHERE file_name = $1`, [fileName]))[0]!
		.import_id;

describe('relinking after a post import', () => {
	it('re-derives only the new posts, and ends where a full relink ends', async () => {
		const db = await demoDatabase();
		// The demo library without its X export, then the X export as a later upload.
		await removeImportsAndRelink(db, [await importIdOf(db, X_FILE)]);
		const before = await snapshot(db);
		const result = await importAny(db, join(DEMO, X_FILE), { fileName: `copy of ${X_FILE}` });
		expect(result).toMatchObject({ status: 'imported', rowsLoaded: 1096 });
		const incremental = await fullRelinkAgrees(db);
		expect(incremental.labels.length).toBeGreaterThan(before.labels.length);
		expect(incremental.links.length).toBeGreaterThan(before.links.length);
		expect(incremental.promotions.length).toBeGreaterThan(before.promotions.length);
		await db.close();
	});
});

describe('relinking after a program import', () => {
	/** A later LibCal export of the first half of the calendar: some programs renamed, some moved a week. */
	function laterExport(dir: string): string {
		const [header, ...rows] = parseCsv(readFileSync(join(DEMO, LIBCAL_FILE), 'utf8')).map((row) =>
			row.map((cell) => cell.value)
		);
		const column = (name: string) => header!.indexOf(name);
		const changed = rows.slice(0, Math.floor(rows.length / 2)).map((row, i) => {
			const out = [...row];
			if (i % 7 === 0) out[column('Title')] = `Pajama ${row[column('Title')]}`;
			if (i % 11 === 0)
				for (const date of ['Start Date', 'End Date'])
					out[column(date)] = new Date(Date.parse(`${row[column(date)]}T00:00:00Z`) + 7 * 86_400_000)
						.toISOString()
						.slice(0, 10);
			return out;
		});
		const path = join(dir, 'lc_events_later.csv');
		writeFileSync(path, csvDocument(header!.map((name) => `"${name}"`).join(','), changed, { style: 'always' }));
		return path;
	}

	it('re-derives only the promotions its programs reach, and ends where a full relink ends', async () => {
		const db = await demoDatabase();
		const full = await snapshot(db);
		// Staff decisions on a promotion, a campaign post and a strategy, so overrides and hand-worked posts are in play.
		const [promoted] = await db.query<{
			program_source: string;
			program_id: string;
			platform: string;
			post_id: string;
		}>('SELECT program_source, program_id, platform, post_id FROM program_promotion_links ORDER BY ALL LIMIT 1');
		await db.query(`INSERT INTO promotion_decisions VALUES ($1, $2, $3, $4, 'remove', now())`, [
			promoted!.program_source,
			promoted!.program_id,
			promoted!.platform,
			promoted!.post_id
		]);
		await db.query(
			`INSERT INTO promotion_decisions SELECT 'libcal', program_id, $1, $2, 'add', now() FROM programs ORDER BY program_id LIMIT 1`,
			[promoted!.platform, promoted!.post_id]
		);
		const [post] = await db.query<{ platform: string; post_id: string }>(
			`SELECT platform, post_id FROM post_strategy_labels WHERE source = 'rule' ORDER BY ALL LIMIT 1`
		);
		await correctStrategy(db, { platform: post!.platform, postId: post!.post_id, strategy: 'success_stories' });
		const decided = await snapshot(db);
		expect(decided.promotions).not.toEqual(full.promotions);

		await removeImportsAndRelink(db, [await importIdOf(db, LIBCAL_FILE)]);
		expect(await db.query('SELECT * FROM program_promotion_links')).toEqual([]);
		await imported(db, join(DEMO, LIBCAL_FILE), `copy of ${LIBCAL_FILE}`);
		expect(await fullRelinkAgrees(db)).toEqual(decided);

		await imported(db, laterExport(mkdtempSync(join(tmpdir(), 'lantern-libcal-'))), 'lc_events_later.csv');
		const afterLater = await fullRelinkAgrees(db);
		expect(afterLater.promotions).not.toEqual(decided.promotions);
		expect(afterLater.labels).toEqual(decided.labels);
		await db.close();
	});
});

const X_HEADER =
	'"Tweet id","Tweet permalink","Tweet text","time","impressions","engagements","engagement rate","retweets","replies","likes","user profile clicks","url clicks","hashtag clicks","detail expands","permalink clicks","app opens","app installs","follows","email tweet","dial phone","media views","media engagements"';
const LIBCAL_HEADER = '"Event ID","Title","Start Date","Start Time","Campus"';

interface Program {
	id: string;
	title: string;
	date: string;
	time: string;
	branch: string;
}

/** An X export of these posts, each with a Snowflake ID of its own instant (as X's IDs are). */
function xExport(dir: string, name: string, posts: readonly { at: string; text: string }[]): string {
	const rows = posts.map(({ at, text }, i) => {
		const id = String(((BigInt(Date.parse(at)) - 1288834974657n) << 22n) + BigInt(i));
		const time = `${at.slice(0, 10)} ${at.slice(11, 16)} +0000`;
		const counts = Array.from({ length: 15 }, () => '0');
		return [id, `https://twitter.com/MapleValleyPL/status/${id}`, text, time, '200.0', '4.0', '0.02', ...counts];
	});
	const path = join(dir, `tweet_activity_metrics_MapleValleyPL_${name}_en.csv`);
	writeFileSync(path, csvDocument(X_HEADER, rows, { style: 'always' }));
	return path;
}

function libcalExport(dir: string, name: string, programs: readonly Program[]): string {
	const rows = programs.map((p) => [p.id, p.title, p.date, p.time, p.branch]);
	const path = join(dir, `lc_events_${name}.csv`);
	writeFileSync(path, csvDocument(LIBCAL_HEADER, rows, { style: 'always' }));
	return path;
}

/** Mid-morning UTC (the same calendar day in any American zone), `days` before `date`. */
const daysBefore = (date: string, days: number) =>
	new Date(Date.parse(`${date}T15:00:00Z`) - days * 86_400_000).toISOString();

describe('relinking incrementally, on a library whose programs are far apart', () => {
	// More than 23 days between programs, so each has a window of its own: a window cut short, or a
	// post the relink fails to reach, leaves a promotion a full relink would make or remove.
	const storytimes = ['2025-11-04', '2025-11-11', '2025-11-18'].map((date, i): Program => ({
		id: `900${i}`,
		title: 'Preschool Storytime',
		date,
		time: '10:30',
		branch: 'Eastside'
	}));
	const lego: Program = { id: '9101', title: 'Teen LEGO Club', date: '2026-02-14', time: '14:00', branch: 'Eastside' };
	const chess: Program = { id: '9201', title: 'Chess Night', date: '2026-04-01', time: '18:00', branch: 'Central' };
	const author: Program = {
		id: '9301',
		title: 'Author Talk with Jane Doe',
		date: '2026-06-10',
		time: '18:00',
		branch: 'Riverside'
	};
	const farPost = { at: '2025-09-01T15:00:00.000Z', text: 'Thanks to everyone who came out this weekend!' };
	const firstPosts = [
		farPost,
		{ at: daysBefore('2025-11-04', 15), text: 'Preschool Storytime is back this fall' },
		{ at: daysBefore('2025-11-04', 1), text: 'Preschool Storytime at Eastside this week!' },
		{ at: daysBefore('2025-11-11', 1), text: 'Preschool Storytime at Eastside tomorrow' },
		// Every lead from the program's day to one day past the longest (21 calendar days).
		...[0, 1, 7, 14, 20, 21, 22].map((days) => ({
			at: daysBefore(lego.date, days),
			text: `Teen LEGO Club: build, trade and show off (${days})`
		})),
		{ at: daysBefore(lego.date, 3), text: 'Eastside teens: LEGO club this Saturday' },
		...[3, 21].map((days) => ({ at: daysBefore(chess.date, days), text: `Chess Night is back at Central (${days})` })),
		// Inside #MapleSummerReads 2026 (May 25 to August 15) but for the first, so campaign links are in play too.
		...[2, 10, 14, 20].map((days) => ({
			at: daysBefore(author.date, days),
			text: `Author Talk with Jane Doe, part of #MapleSummerReads (${days})`
		})),
		{ at: '2026-05-28T15:00:00.000Z', text: 'Summer reading starts June 1 #MapleSummerReads' },
		{ at: '2026-03-02T15:00:00.000Z', text: 'New staff picks are on the shelf #MVPLreads' }
	];
	// The later calendar renames Chess Night and moves the author talk ten days on, out of reach of its earlier posts.
	const laterPrograms = [
		...storytimes,
		lego,
		{ ...chess, title: 'Board Game Night' },
		{ ...author, date: '2026-06-20' }
	];
	const laterPosts = [
		{ at: daysBefore(chess.date, 1), text: 'Board Game Night at Central tomorrow' },
		{ at: daysBefore('2026-06-20', 5), text: 'Author Talk with Jane Doe moved to June 20 #MapleSummerReads' },
		{ at: daysBefore(lego.date, 2), text: 'Teen LEGO Club this Saturday' }
	];

	it('ends where a full relink ends after posts, programs, decisions, a removal and a later calendar', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'lantern-relink-'));
		const db = await tempDatabase();
		await imported(db, join(DEMO, 'campaigns.json'), 'campaigns.json');
		await imported(
			db,
			xExport(dir, '20250901_20260630', firstPosts),
			'tweet_activity_metrics_MapleValleyPL_first_en.csv'
		);
		const postsOnly = await fullRelinkAgrees(db);
		expect(postsOnly.links.length).toBeGreaterThan(0);
		expect(postsOnly.promotions).toEqual([]);

		const calendar = libcalExport(dir, '2025-11-01_2026-06-30', [...storytimes, lego, chess, author]);
		await imported(db, calendar, 'lc_events_2025-11-01_2026-06-30.csv');
		const withPrograms = await fullRelinkAgrees(db);
		// Storytime 2, LEGO 6 of its 7 leads and the branch post, Chess Night 2, the author talk 4.
		expect(withPrograms.promotions.length).toBeGreaterThanOrEqual(13);

		// Staff take a promotion away and add one far outside any window; each decision relinks everything.
		const postIdOf = async (text: string) =>
			(await db.query<{ post_id: string }>(`SELECT post_id FROM posts WHERE text = $1`, [text]))[0]!.post_id;
		const taken = await postIdOf(`Teen LEGO Club: build, trade and show off (7)`);
		const far = await postIdOf(farPost.text);
		await db.query(`INSERT INTO promotion_decisions VALUES ('libcal', $1, 'x', $2, 'remove', now())`, [lego.id, taken]);
		await db.query(`INSERT INTO promotion_decisions VALUES ('libcal', $1, 'x', $2, 'add', now())`, [author.id, far]);
		await correctStrategy(db, { platform: 'x', postId: far, strategy: 'partner_collaborations' });
		const summer = (await campaignSummaries(db)).find((c) => c.name === '#MapleSummerReads 2026')!.campaignId;
		expect(await decideCampaignPost(db, summer, { platform: 'x', postId: far, action: 'add' })).toBeNull();
		const decided = await snapshot(db);
		expect(decided.promotions).not.toEqual(withPrograms.promotions);

		// Removing the calendar drops its promotions; importing it again must bring back the decided ones.
		await removeImportsAndRelink(db, [await importIdOf(db, 'lc_events_2025-11-01_2026-06-30.csv')]);
		expect(await db.query('SELECT * FROM program_promotion_links')).toEqual([]);
		await imported(db, calendar, 'lc_events_2025-11-01_2026-06-30 again.csv');
		expect(await fullRelinkAgrees(db)).toEqual(decided);

		await imported(
			db,
			libcalExport(dir, '2025-11-01_2026-07-31', laterPrograms),
			'lc_events_2025-11-01_2026-07-31.csv'
		);
		const later = await fullRelinkAgrees(db);
		expect(later.promotions).not.toEqual(decided.promotions);
		expect(later.labels).toEqual(decided.labels);

		await imported(
			db,
			xExport(dir, '20260301_20260630', laterPosts),
			'tweet_activity_metrics_MapleValleyPL_later_en.csv'
		);
		const morePosts = await fullRelinkAgrees(db);
		expect(morePosts.promotions.length).toBeGreaterThan(later.promotions.length);
		await db.close();
	});
});
