import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	HAVE_REAL_FIXTURES,
	itWithRealFixtures,
	REAL_FIXTURES,
	SOURCE_FIXTURES,
	tempDatabase
} from '../db/test-support';
import { importFile } from '../ingest/pipeline';
import { saveSettings } from '../settings';
import type { Database } from '../db/database';
import { overview } from './overview';

async function loaded() {
	const db = await tempDatabase();
	await saveSettings(db, { timeZone: 'America/Chicago', libraryName: 'Test Library' });
	for (const file of ['usage_monthly.csv', 'lc_events_2026-03-01_2026-03-31.csv'])
		await importFile(db, join(SOURCE_FIXTURES, file));
	if (HAVE_REAL_FIXTURES)
		await importFile(
			db,
			join(REAL_FIXTURES, 'x-analytics-legacy/x_legacy_tweet_activity_metrics_ropensci_2021-11.csv')
		);
	return db;
}

const kpi = (data: Awaited<ReturnType<typeof overview>>, id: string) => data.kpis.find((k) => k.id === id)!;

describe('overview', () => {
	it('sums circulation (physical and digital) and attendance of held programs for the range', async () => {
		const db = await loaded();
		const data = await overview(db, { from: '2026-02-01', to: '2026-03-31' });
		// Feb: 17,100 physical + 2,210 digital; January falls in the previous period (18,250).
		expect(kpi(data, 'circulation')).toMatchObject({ value: 19310, previous: 18250 });
		// March programs: 27 + 18 attended; the all-day talk has no attendance yet; the cancelled one is left out.
		expect(kpi(data, 'attendance')).toMatchObject({ value: 45, previous: null });
		expect(data.monthlyOutcomes).toEqual([
			{ month: '2026-02-01', metric: 'circulation', value: 19310 },
			{ month: '2026-03-01', metric: 'attendance', value: 45 }
		]);
		// Two whole months, so the two whole months just before: Dec 1, 2025 – Jan 31, 2026.
		expect(data.previousRange).toEqual({ from: '2025-12-01', to: '2026-01-31' });
	});

	itWithRealFixtures('computes posts, impressions and engagement rate in the library time zone', async () => {
		const db = await loaded();
		const data = await overview(db, { from: '2021-11-01', to: '2021-11-30' });
		expect(kpi(data, 'posts').value).toBe(33);
		expect(kpi(data, 'impressions').value).toBe(131651);
		expect(kpi(data, 'engagementRate').value).toBeCloseTo(1507 / 131651, 12);
		const weeks = data.weeklyEngagement.map((w) => w.week);
		expect(weeks[0]).toBe('2021-11-01');
		expect(data.weeklyEngagement.reduce((sum, w) => sum + w.engagements, 0)).toBe(1507);
	});

	it('counts circulation once when a library uploads daily figures beside its monthly ones', async () => {
		const db = await loaded();
		const daily = join(mkdtempSync(join(tmpdir(), 'lantern-daily-')), 'daily.csv');
		writeFileSync(
			daily,
			'period_start,period,branch,metric,value\n2026-02-02,day,Central,circulation,600\n2026-02-03,day,Central,circulation,550\n'
		);
		await importFile(db, daily);
		const data = await overview(db, { from: '2026-02-01', to: '2026-03-31' });
		expect(kpi(data, 'circulation')).toMatchObject({ value: 19310 });
	});

	itWithRealFixtures('defaults to the twelve months ending with the latest data', async () => {
		const db = await loaded();
		const data = await overview(db, {});
		expect(data.range).toEqual({ from: '2025-04-01', to: '2026-03-31' });
		// Programs without recorded attendance (Mar 5, 6) do not extend the span.
		expect(data.dataSpan).toEqual({ from: '2021-11-02', to: '2026-03-04' });
		expect(data.libraryName).toBe('Test Library');
	});

	it('shows account-level audience figures per platform: the last follower count and summed visits, against the previous period', async () => {
		const db = await tempDatabase();
		const dir = mkdtempSync(join(tmpdir(), 'lantern-audience-'));
		const followers = join(dir, 'FollowerHistory.csv');
		writeFileSync(
			followers,
			'"Date","Followers","Difference in followers from previous day"\n"February 27","980","5"\n"February 28","990","10"\n"March 1","1000","10"\n"March 2","1012","12"\n'
		);
		await importFile(db, followers, { now: new Date('2026-03-05T12:00:00Z') });
		const visitors = join(dir, 'page_visitors.csv');
		writeFileSync(
			visitors,
			'Date,Total page views (desktop),Total page views (mobile),Total page views (total)\n02/28/2026,3,4,7\n03/01/2026,10,5,15\n03/02/2026,2,1,3\n'
		);
		await importFile(db, visitors, { now: new Date('2026-03-05T12:00:00Z') });
		const data = await overview(db, { from: '2026-03-01', to: '2026-03-02' });
		// Account-level figures alone are data: the span says which days they cover, and the default
		// range is the twelve months ending with their month (not with today's).
		expect(data.dataSpan).toEqual({ from: '2026-02-27', to: '2026-03-02' });
		expect((await overview(db, {}, new Date('2026-11-15T12:00:00Z'))).range.to).toBe('2026-03-31');
		expect(data.previousRange).toEqual({ from: '2026-02-27', to: '2026-02-28' });
		expect(data.audience).toEqual([
			{
				platform: 'linkedin',
				followers: null,
				followersOn: null,
				newFollows: null,
				profileVisits: 18,
				videoViews: null,
				previous: { newFollows: null, profileVisits: 7, videoViews: null }
			},
			{
				platform: 'tiktok',
				followers: 1012,
				followersOn: '2026-03-02',
				newFollows: 22,
				profileVisits: null,
				videoViews: null,
				previous: { newFollows: 15, profileVisits: null, videoViews: null }
			}
		]);
	});
});

/** The database with a count of every query, statement and connection it is asked for. */
function counting(db: Database): { db: Database; asked: () => number } {
	let asked = 0;
	const counted: Database = {
		...db,
		path: db.path,
		get dataVersion() {
			return db.dataVersion;
		},
		connect: () => ((asked += 1), db.connect()),
		withConnection: (work) => ((asked += 1), db.withConnection(work)),
		query: (sql, params) => ((asked += 1), db.query(sql, params)),
		markChanged: () => db.markChanged(),
		close: () => db.close()
	};
	return { db: counted, asked: () => asked };
}

describe('overview by data version', () => {
	it('answers a repeated range from memory, and an upload is in the next answer', async () => {
		const db = await loaded();
		const { db: counted, asked } = counting(db);
		const first = await overview(counted, { from: '2026-02-01', to: '2026-03-31' });
		const before = asked();
		expect(before).toBeGreaterThan(0);
		expect(await overview(counted, { from: '2026-02-01', to: '2026-03-31' })).toEqual(first);
		expect(asked()).toBe(before);
		// Another range or comparison is its own entry.
		await overview(counted, { from: '2026-02-01', to: '2026-03-31', compare: 'year' });
		expect(asked()).toBeGreaterThan(before);
		const dir = mkdtempSync(join(tmpdir(), 'lantern-overview-'));
		const more = join(dir, 'usage_more.csv');
		writeFileSync(more, 'period_start,period,branch,metric,value\n2026-02-01,month,Annex,circulation,100\n');
		await importFile(db, more);
		const after = await overview(counted, { from: '2026-02-01', to: '2026-03-31' });
		expect(kpi(after, 'circulation').value).toBe(19410);
	});
});
