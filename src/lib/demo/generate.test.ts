import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dayFromIso, utcFromWallClock, wallClockAt, weekday } from '../calendar';
import { metaPublishTime } from './calendar';
import { CAMPAIGNS, SUMMER_READING_GROWTH_PER_YEAR } from './campaigns';
import { parseCsv, readCsvRecords } from './csv';
import { EFFECTS_JSON, EFFECTS_MARKDOWN, effectsJson, effectsMarkdown } from './effects-report';
import { generateDemoLibrary } from './generate';
import { BRANCHES, FILE_NAMES } from './library';
import { storytimeAttendanceRatio, summerRegistrationRatio, usageRatio, xEngagementRateRatio } from './raw-effects';
import { FACEBOOK_HEADER, INSTAGRAM_HEADER } from './meta-export';
import { LIBCAL_COLUMNS } from './libcal';

const demoDirectory = join(fileURLToPath(new URL('../../../', import.meta.url)), 'data', 'demo');
const demo = generateDemoLibrary();
const file = (name: string): string => {
	const found = demo.files.find((candidate) => candidate.name === name);
	if (!found) throw new Error(`The demo has no file ${name}`);
	return found.content;
};
const records = (name: string) => readCsvRecords(file(name));
const campaignWindows = CAMPAIGNS.map((campaign) => ({ from: campaign.starts_on, to: campaign.ends_on }));

const X_HEADER =
	'"Tweet id","Tweet permalink","Tweet text","time","impressions","engagements","engagement rate","retweets","replies","likes","user profile clicks","url clicks","hashtag clicks","detail expands","permalink clicks","app opens","app installs","follows","email tweet","dial phone","media views","media engagements","promoted impressions","promoted engagements","promoted engagement rate","promoted retweets","promoted replies","promoted likes","promoted user profile clicks","promoted url clicks","promoted hashtag clicks","promoted detail expands","promoted permalink clicks","promoted app opens","promoted app installs","promoted follows","promoted email tweet","promoted dial phone","promoted media views","promoted media engagements"';

describe('generateDemoLibrary', () => {
	it('gives the same bytes for the same seed, and different ones for another seed', () => {
		expect(generateDemoLibrary(20231101)).toEqual(demo);
		expect(generateDemoLibrary(7).files[0]?.content).not.toEqual(demo.files[0]?.content);
	});

	it('matches the committed files in data/demo byte for byte', () => {
		const expected = [
			...demo.files,
			{ name: EFFECTS_JSON, content: effectsJson(demo.effects) },
			{ name: EFFECTS_MARKDOWN, content: effectsMarkdown(demo.effects) }
		];
		for (const { name, content } of expected) {
			const committed = readFileSync(join(demoDirectory, name));
			expect(
				committed.equals(Buffer.from(content, 'utf8')),
				`${name} is stale: run npx tsx src/cli/generate-demo.ts`
			).toBe(true);
		}
	});

	it('writes each header exactly, with the right byte-order mark and LF line endings', () => {
		const libcalHeader = LIBCAL_COLUMNS.map((column) => `"${column}"`).join(',');
		expect(LIBCAL_COLUMNS).toHaveLength(29);
		const headers: [string, string, boolean][] = [
			[FILE_NAMES.x, X_HEADER, false],
			[FILE_NAMES.facebook, FACEBOOK_HEADER, true],
			[FILE_NAMES.instagram, INSTAGRAM_HEADER, true],
			[FILE_NAMES.libcal, libcalHeader, false],
			[FILE_NAMES.usage, 'period_start,period,branch,metric,value', false],
			[FILE_NAMES.summerReading, 'period_start,period,branch,program,age_group,metric,value', false]
		];
		expect(FACEBOOK_HEADER).toBe(
			'"Post ID","Page ID","Page name",Title,Description,"Duration (sec)","Publish time","Caption type",Permalink,"Is crosspost","Is share","Post type",Languages,"Custom labels","Funded content status","Data comment",Date,Views,Reach,"Reactions, Comments and Shares",Reactions,Comments,Shares,"Total clicks","Other Clicks","Matched Audience Targeting Consumption (Photo Click)"'
		);
		expect(INSTAGRAM_HEADER).toBe(
			'"Post ID","Account ID","Account username","Account name",Description,"Duration (sec)","Publish time",Permalink,"Post type","Data comment",Date,Views,Reach,Likes,Shares,Follows,Comments,Saves'
		);
		for (const [name, header, bom] of headers) {
			const content = file(name);
			expect(content.startsWith(`${bom ? '\uFEFF' : ''}${header}\n`), name).toBe(true);
			expect(content.includes('\r'), name).toBe(false);
			expect(content.endsWith('\n'), name).toBe(true);
		}
	});

	it('has plausible row counts', () => {
		const weeks = (dayFromIso('2026-10-31') - dayFromIso('2023-11-01') + 1) / 7;
		expect(records(FILE_NAMES.x).length / (weeks * 7)).toBeGreaterThan(0.8); // about one post a day
		expect(records(FILE_NAMES.x).length / (weeks * 7)).toBeLessThan(1.25);
		expect(records(FILE_NAMES.facebook).length / weeks).toBeGreaterThanOrEqual(4); // 4-5 a week
		expect(records(FILE_NAMES.facebook).length / weeks).toBeLessThanOrEqual(5);
		expect(records(FILE_NAMES.instagram).length / weeks).toBeGreaterThan(2.5); // about 3 a week
		expect(records(FILE_NAMES.instagram).length / weeks).toBeLessThan(3.5);
		expect(records(FILE_NAMES.libcal).length).toBeGreaterThan(700);
		expect(records(FILE_NAMES.libcal).length).toBeLessThan(1000);
		expect(records(FILE_NAMES.usage)).toHaveLength(36 * 3 * 4);
		expect(records(FILE_NAMES.summerReading)).toHaveLength(3 * 10 * 3 * 4 * 2);
		const { campaigns } = JSON.parse(file(FILE_NAMES.campaigns)) as { campaigns: { strategy: string }[] };
		expect(campaigns.length).toBeGreaterThanOrEqual(5);
		expect(new Set(campaigns.map((campaign) => campaign.strategy)).size).toBeGreaterThanOrEqual(4);
	});
});

describe('the X tweet activity export', () => {
	const cells = parseCsv(file(FILE_NAMES.x)).slice(1);
	const rows = records(FILE_NAMES.x);

	it('quotes every field and writes counts the way the legacy export does', () => {
		for (const row of cells) {
			expect(row).toHaveLength(40);
			expect(row.every((cell) => cell.quoted)).toBe(true);
			const values = row.map((cell) => cell.value);
			for (const index of [4, 5, 7, 8, 9, 10, 11, 12, 13, 14]) expect(values[index]).toMatch(/^\d+\.0$/);
			for (let index = 15; index <= 21; index++) expect(values[index]).toMatch(/^\d+$/);
			expect(values.slice(22)).toEqual(Array.from({ length: 18 }, () => '-'));
		}
	});

	it('keeps engagements equal to the sum of their parts, and the rate a full-precision fraction', () => {
		const parts = [
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
			'media engagements'
		];
		for (const row of rows) {
			const sum = parts.reduce((total, part) => total + Number(row[part]), 0);
			expect(Number(row.engagements)).toBe(sum);
			expect(Number(row['engagement rate'])).toBe(Number(row.engagements) / Number(row.impressions));
		}
	});

	it('has Snowflake ids that decode to the row time, newest first', () => {
		let previous: bigint | null = null;
		for (const row of rows) {
			const id = BigInt(row['Tweet id'] ?? '');
			const ms = Number((id >> 22n) + 1288834974657n);
			const iso = new Date(ms).toISOString();
			expect(row.time).toBe(`${iso.slice(0, 10)} ${iso.slice(11, 16)} +0000`);
			expect(row['Tweet permalink']).toBe(`https://twitter.com/MapleValleyPL/status/${id}`);
			if (previous !== null) expect(id < previous).toBe(true);
			previous = id;
		}
	});

	it('has texts like a real export: escaped ampersands, line breaks, quotes and commas', () => {
		const texts = rows.map((row) => row['Tweet text'] ?? '');
		expect(texts.some((text) => text.includes('&amp;'))).toBe(true);
		expect(texts.some((text) => /&(?!amp;)/.test(text))).toBe(false);
		expect(texts.some((text) => text.includes('\n'))).toBe(true);
		expect(texts.some((text) => text.includes('"') && text.includes(','))).toBe(true);
		expect(texts.every((text) => text.length <= 280 + 4 * (text.match(/&amp;/g)?.length ?? 0))).toBe(true);
	});
});

describe('the Meta exports', () => {
	it('converts to Chicago wall-clock time across daylight saving changes', () => {
		expect(metaPublishTime(Date.parse('2024-01-15T15:00:00Z'), 'America/Chicago')).toBe('01/15/2024 09:00');
		expect(metaPublishTime(Date.parse('2024-07-01T15:00:00Z'), 'America/Chicago')).toBe('07/01/2024 10:00');
		expect(metaPublishTime(Date.parse('2024-03-10T07:59:00Z'), 'America/Chicago')).toBe('03/10/2024 01:59');
		expect(metaPublishTime(Date.parse('2024-03-10T08:00:00Z'), 'America/Chicago')).toBe('03/10/2024 03:00');
		// Fall back: 01:30 happens twice, first in CDT (UTC-5), then in CST (UTC-6).
		expect(metaPublishTime(Date.parse('2024-11-03T06:30:00Z'), 'America/Chicago')).toBe('11/03/2024 01:30');
		expect(metaPublishTime(Date.parse('2024-11-03T07:30:00Z'), 'America/Chicago')).toBe('11/03/2024 01:30');
		expect(metaPublishTime(Date.parse('2024-11-03T08:30:00Z'), 'America/Chicago')).toBe('11/03/2024 02:30');
		for (let day = dayFromIso('2023-11-01'); day <= dayFromIso('2026-10-31'); day++) {
			expect(wallClockAt(utcFromWallClock(day, 8 * 60 + 15, 'America/Chicago'), 'America/Chicago').hour).toBe(8);
		}
	});

	it('writes Facebook posts in the Views-era layout', () => {
		const rows = records(FILE_NAMES.facebook);
		for (const row of rows) {
			expect(row['Post ID']).toMatch(/^\d{16}$/);
			expect(row['Page ID']).toBe('104857392011482');
			expect(row['Page name']).toBe('Maple Valley Public Library');
			expect(row['Publish time']).toMatch(/^(0\d|1[0-2])\/\d{2}\/20\d{2} (0[89]|1\d|20):\d{2}$/); // posted 08:00-20:59 local
			expect(row.Date).toBe('Lifetime');
			expect(row['Caption type']).toBe('N/A');
			expect(row.Permalink).toMatch(
				/^https:\/\/www\.facebook\.com\/maplevalleypl\/posts\/pfbid0[1-9A-HJ-NP-Za-km-z]+$/
			);
			expect(['Photos', 'Videos', 'Links', 'Reels']).toContain(row['Post type']);
			const [reactions, comments, shares] = [row.Reactions, row.Comments, row.Shares].map(Number);
			expect(Number(row['Reactions, Comments and Shares'])).toBe((reactions ?? 0) + (comments ?? 0) + (shares ?? 0));
			expect(Number(row['Total clicks'])).toBeGreaterThanOrEqual(
				Number(row['Other Clicks']) + Number(row['Matched Audience Targeting Consumption (Photo Click)'])
			);
		}
		expect(new Set(rows.map((row) => row['Post ID'])).size).toBe(rows.length);
		expect(rows.some((row) => (row.Title ?? '').includes('\n'))).toBe(true);
	});

	it('writes Instagram posts in the Views-era layout', () => {
		const rows = records(FILE_NAMES.instagram);
		for (const row of rows) {
			expect(row['Post ID']).toMatch(/^\d{17}$/);
			expect(row['Account ID']).toBe('17841400123456789');
			expect(row['Account username']).toBe('maplevalleypl');
			expect(row['Publish time']).toMatch(/^\d{2}\/\d{2}\/\d{4} (0[89]|1\d|20):\d{2}$/);
			expect(row.Permalink).toMatch(/^https:\/\/www\.instagram\.com\/p\/[A-Za-z0-9_-]{11}\/$/);
			expect(['IG image', 'IG carousel', 'IG reel']).toContain(row['Post type']);
			expect(row.Date).toBe('Lifetime');
		}
		expect(new Set(rows.map((row) => row.Permalink)).size).toBe(rows.length);
	});
});

describe('the LibCal events export', () => {
	const cells = parseCsv(file(FILE_NAMES.libcal)).slice(1);
	const rows = records(FILE_NAMES.libcal);
	const attendance = 'Actual Attendance (In-Person)';

	it('quotes every field and keeps ids, dates, times and branches well formed', () => {
		expect(cells.every((row) => row.length === 29 && row.every((cell) => cell.quoted))).toBe(true);
		expect(new Set(rows.map((row) => row['Event ID'])).size).toBe(rows.length);
		for (const row of rows) {
			expect(row['Event ID']).toMatch(/^\d{7,8}$/);
			expect(row['Start Date']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
			expect(BRANCHES).toContain(row.Campus);
			if (row['Start Time'] === 'All Day Event') expect(row['End Time']).toBe('');
			else expect(`${row['Start Time']}-${row['End Time']}`).toMatch(/^\d{2}:\d{2}-\d{2}:\d{2}$/);
		}
		expect(rows.filter((row) => row['Start Time'] === 'All Day Event').length).toBeGreaterThan(2);
	});

	it('leaves attendance blank for cancelled, unrecorded and upcoming events only', () => {
		const cancelled = rows.filter((row) => (row.Title ?? '').startsWith('CANCELLED: '));
		expect(cancelled.length).toBeGreaterThan(2);
		for (const row of cancelled) {
			expect([row['Confirmed Registrations'], row[attendance], row['Confirmed Attendance']]).toEqual(['0', '', '']);
		}
		const upcoming = rows.filter((row) => (row['Start Date'] ?? '') > '2026-10-31');
		expect(upcoming.length).toBeGreaterThan(0);
		expect(upcoming.every((row) => row[attendance] === '')).toBe(true);
		const past = rows.filter((row) => (row['Start Date'] ?? '') <= '2026-10-31' && !cancelled.includes(row));
		const blank = past.filter((row) => row[attendance] === '').length / past.length;
		expect(blank).toBeGreaterThan(0.01);
		expect(blank).toBeLessThan(0.06);
		const online = rows.filter((row) => Number(row['Actual Attendance (Online)']) > 0);
		expect(online.every((row) => /Author Talks|Technology/.test(row.Categories ?? ''))).toBe(true);
		expect(online.length).toBeGreaterThan(10);
	});

	it('holds Eastside storytime on Tuesdays at 10:30', () => {
		const eastside = rows.filter((row) => row.Campus === 'Eastside' && (row.Categories ?? '').includes('Storytimes'));
		expect(eastside.length).toBeGreaterThan(120);
		expect(
			eastside.every((row) => weekday(dayFromIso(row['Start Date'] ?? '')) === 2 && row['Start Time'] === '10:30')
		).toBe(true);
	});
});

describe('the usage and literacy templates', () => {
	it('has one non-negative integer per month, branch and metric, Central the biggest', () => {
		const rows = records(FILE_NAMES.usage);
		expect(new Set(rows.map((row) => `${row.period_start}|${row.branch}|${row.metric}`)).size).toBe(432);
		expect(
			rows.every(
				(row) =>
					row.period === 'month' && /^\d{4}-\d{2}-01$/.test(row.period_start ?? '') && /^\d+$/.test(row.value ?? '')
			)
		).toBe(true);
		const total = (branch: string) =>
			rows
				.filter((row) => row.branch === branch && row.metric === 'circulation')
				.reduce((sum, row) => sum + Number(row.value), 0) / 36;
		expect(total('Central')).toBeGreaterThan(16_000);
		expect(total('Central')).toBeLessThan(20_000);
		expect(total('Central')).toBeGreaterThan(total('Eastside'));
		expect(total('Eastside')).toBeGreaterThan(total('Riverside'));
	});

	it('has ten Monday weeks of summer reading a year, from the first Monday of June', () => {
		const rows = records(FILE_NAMES.summerReading);
		const weeks = [...new Set(rows.map((row) => row.period_start ?? ''))];
		expect(weeks).toHaveLength(30);
		expect(weeks.every((week) => weekday(dayFromIso(week)) === 1)).toBe(true);
		expect(
			weeks.filter((week) => week.endsWith('-06-01') || week.endsWith('-06-02') || week.endsWith('-06-03'))
		).toEqual(['2024-06-03', '2025-06-02', '2026-06-01']);
		expect(new Set(rows.map((row) => row.program))).toEqual(
			new Set(['Summer Reading 2024', 'Summer Reading 2025', 'Summer Reading 2026'])
		);
	});
});

/**
 * Tolerances come from regenerating with 150 seeds and measuring each statistic's spread (its
 * standard deviation, SD, is quoted beside each check); a tolerance of about 2 SD keeps the test
 * meaningful while any honest seed would pass.
 */
describe('the baked effects, seen in the raw numbers', () => {
	it('lifts Eastside storytime attendance by about 1.40 in the promotion window, and no other branch', () => {
		const window = { from: '2025-09-01', to: '2025-11-30' };
		const eastside = storytimeAttendanceRatio(file(FILE_NAMES.libcal), 'Eastside', window);
		expect(eastside.windowCases).toBeGreaterThanOrEqual(10);
		expect(Math.abs(eastside.ratio - 1.4)).toBeLessThan(0.3); // SD 0.13: 12 sessions against 25
		for (const branch of ['Central', 'Riverside']) {
			const other = storytimeAttendanceRatio(file(FILE_NAMES.libcal), branch, window);
			expect(Math.abs(other.ratio - 1)).toBeLessThan(0.25); // SD 0.06 (Central), 0.11 (Riverside)
			expect(eastside.ratio - other.ratio).toBeGreaterThan(0.15);
		}
	});

	it('lifts 2026 summer reading registrations by about 1.30 over the 2024-2025 pattern', () => {
		const ratio = summerRegistrationRatio(file(FILE_NAMES.summerReading), 2026, SUMMER_READING_GROWTH_PER_YEAR);
		expect(Math.abs(ratio.ratio - 1.3)).toBeLessThan(0.08); // SD 0.037
	});

	it('lifts new cards by about 1.20 in September 2025 only', () => {
		const september = usageRatio(file(FILE_NAMES.usage), 'new_cards', { from: '2025-09-01', to: '2025-09-30' });
		expect(Math.abs(september.ratio - 1.2)).toBeLessThan(0.15); // SD 0.07
		const october = usageRatio(file(FILE_NAMES.usage), 'new_cards', { from: '2025-10-01', to: '2025-10-31' });
		expect(Math.abs(october.ratio - 1)).toBeLessThan(0.15); // SD 0.07
	});

	it('leaves circulation and visits unchanged during the no-effect campaigns', () => {
		const circulation = usageRatio(file(FILE_NAMES.usage), 'circulation', { from: '2026-01-12', to: '2026-03-15' });
		expect(Math.abs(circulation.ratio - 1)).toBeLessThan(0.05); // SD 0.020
		const visits = usageRatio(file(FILE_NAMES.usage), 'visits', { from: '2025-03-01', to: '2025-04-30' });
		expect(Math.abs(visits.ratio - 1)).toBeLessThan(0.06); // SD 0.025
	});

	it('posts more during every campaign, and programs_showcase posts engage more', () => {
		const { social } = demo.effects;
		for (const campaign of social.campaignPosts) {
			expect(campaign.postsPerDayInWindow).toBeGreaterThan(social.postsPerDayOutsideCampaigns * 1.3);
		}
		// Mean 1.33 (the 1.25 lift plus topic mix), SD 0.09; a book_recommendations campaign averages 1.08.
		const x = file(FILE_NAMES.x);
		expect(
			xEngagementRateRatio(x, 'MapleSummerReads', { from: '2026-05-25', to: '2026-08-14' }, campaignWindows).ratio
		).toBeGreaterThan(1.1);
		expect(
			xEngagementRateRatio(x, 'StorytimeAtEastside', { from: '2025-09-01', to: '2025-11-30' }, campaignWindows).ratio
		).toBeGreaterThan(1.1);
	});

	it('writes every effect into effects.json with its size and window', () => {
		const effects = demo.effects.effects.map((effect) => [effect.campaign, effect.metric, effect.multiplier]);
		expect(effects).toEqual(
			expect.arrayContaining([
				['#MapleSummerReads 2026', 'literacy:registrations', 1.3],
				['Storytime at Eastside', 'programs:attendance:Eastside:storytime', 1.4],
				['Library Card Month 2025', 'usage:new_cards', 1.2]
			])
		);
		expect(demo.effects.noEffect.map((entry) => entry.campaign)).toEqual([
			'Staff Picks Winter 2026',
			'Patron Stories 2025'
		]);
		expect(demo.effects.seed).toBe(20231101);
	});
});
