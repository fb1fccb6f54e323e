/**
 * What is stored does not depend on the server's own time zone (the TZ a library's machine happens
 * to run in, which DuckDB takes as its session zone): the CLI imports the same files in a zone west
 * of UTC and one east of it, and every stored day is the file's. Other tests run with TZ=UTC, where
 * a cast through the session zone changes nothing, so this runs the importer in child processes.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CampaignInput } from '../../src/lib/domain/campaigns';
import { dashboardContext } from '../../src/lib/server/analytics/dashboard-context';
import { libraryToday, saveCampaign } from '../../src/lib/server/campaigns/campaign-editor';
import { openDatabase } from '../../src/lib/server/db/database';
import { REPO_ROOT, SOURCE_FIXTURES, tempDatabase } from '../../src/lib/server/db/test-support';
import { saveSettings } from '../../src/lib/server/settings';
import { runNode } from '../support/run-node';

const GATE_COUNTS = join(SOURCE_FIXTURES, 'libinsight_gate_counts.csv');
const DAYS = `SELECT branch, strftime(period_start, '%Y-%m-%d') AS day, value FROM usage ORDER BY branch, day`;

describe('an import on a server in any time zone', () => {
	for (const zone of ['America/Chicago', 'Pacific/Auckland']) {
		it(`keeps a gate-count file's calendar days on a server in ${zone}`, async () => {
			const database = join(mkdtempSync(join(tmpdir(), 'lantern-zone-')), 'lantern.duckdb');
			const run = await runNode(
				[join(REPO_ROOT, 'src/cli/main.ts'), 'import', GATE_COUNTS, '--db', database, '--json'],
				{
					cwd: REPO_ROOT,
					env: { ...process.env, TZ: zone, LANTERN_DEMO: '0' }
				}
			);
			expect(run.status, run.stderr).toBe(0);
			const db = await openDatabase(database);
			try {
				// The fixture's days as written (pipeline.test checks the values in a UTC process).
				expect(await db.query(DAYS)).toEqual([
					{ branch: 'Central', day: '2026-03-02', value: 590 },
					{ branch: 'Central', day: '2026-03-03', value: 530 },
					{ branch: 'Central', day: '2026-03-04', value: 763 },
					{ branch: 'Eastside', day: '2026-03-02', value: 300 },
					{ branch: 'Eastside', day: '2026-03-03', value: 120 }
				]);
			} finally {
				await db.close();
			}
		}, 120_000);
	}
});

/** A Mastodon archive's outbox with its times written three ways: UTC, with an offset, and with none. */
const OUTBOX = {
	'@context': 'https://www.w3.org/ns/activitystreams',
	type: 'OrderedCollection',
	orderedItems: [
		['1', '2026-03-03T15:30:00Z'],
		['2', '2026-03-04T09:00:00+01:00'],
		['3', '2026-03-05T18:45:10']
	].map(([id, published]) => ({
		id: `https://libraries.social/users/maplevalleypl/statuses/${id}/activity`,
		type: 'Create',
		published,
		object: {
			id: `https://libraries.social/users/maplevalleypl/statuses/${id}`,
			type: 'Note',
			url: `https://libraries.social/@maplevalleypl/${id}`,
			content: `<p>Post ${id}</p>`
		}
	}))
};

describe('an instant written without its offset', () => {
	for (const zone of ['America/Chicago', 'Pacific/Auckland']) {
		it(`is read as UTC, not in the zone of a server in ${zone}`, async () => {
			const folder = mkdtempSync(join(tmpdir(), 'lantern-zone-'));
			const file = join(folder, 'outbox.json');
			writeFileSync(file, JSON.stringify(OUTBOX));
			const database = join(folder, 'lantern.duckdb');
			const run = await runNode([join(REPO_ROOT, 'src/cli/main.ts'), 'import', file, '--db', database, '--json'], {
				cwd: REPO_ROOT,
				env: { ...process.env, TZ: zone, LANTERN_DEMO: '0' }
			});
			expect(run.status, run.stderr).toBe(0);
			const db = await openDatabase(database);
			try {
				expect(
					await db.query(
						`SELECT post_id, strftime(published_at AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M:%S') AS utc FROM posts ORDER BY post_id`
					)
				).toEqual([
					{ post_id: '1', utc: '2026-03-03 15:30:00' },
					{ post_id: '2', utc: '2026-03-04 08:00:00' },
					{ post_id: '3', utc: '2026-03-05 18:45:10' }
				]);
			} finally {
				await db.close();
			}
		}, 120_000);
	}
});

describe("an empty library's dashboards", () => {
	it("default to the twelve months ending in the library's month, not UTC's", async () => {
		const db = await tempDatabase();
		await saveSettings(db, { timeZone: 'America/Chicago' });
		// 03:00 UTC on March 1 is still February 28 in Chicago.
		const context = await dashboardContext(
			db,
			{ compare: 'previous', filters: {} },
			{ lastDaySql: 'SELECT CAST(NULL AS DATE) AS last', offers: [], today: new Date('2026-03-01T03:00:00Z') }
		);
		expect(context.range).toEqual({ from: '2025-03-01', to: '2026-02-28' });
		await db.close();
	});
});

describe("a campaign still running, on a server whose zone is not the library's", () => {
	it("ends today in the library's zone, as closing it reads today", async () => {
		const db = await tempDatabase();
		// 25 hours apart: whatever the hour, the two zones' dates differ by a day.
		await saveSettings(db, { timeZone: 'Pacific/Pago_Pago' });
		await db.query("SET GLOBAL TimeZone = 'Pacific/Kiritimati'");
		const saved = await saveCampaign(
			db,
			CampaignInput.parse({
				name: 'Always-on storytime',
				strategy: 'programs_showcase',
				starts_on: '2026-01-01',
				ends_on: null,
				hashtags: ['#Storytime']
			}),
			{ campaignId: null, actor: 'user:staff@maplevalley.example' }
		);
		expect(saved.ok).toBe(true);
		const today = await libraryToday(db);
		const [campaign] = await db.query<{ ends_on: string; ongoing: boolean; server_today: string }>(
			"SELECT strftime(ends_on, '%Y-%m-%d') AS ends_on, ongoing, strftime(current_date, '%Y-%m-%d') AS server_today FROM campaigns"
		);
		expect(campaign!.server_today).not.toBe(today);
		expect(campaign).toMatchObject({ ends_on: today, ongoing: true });
		await db.close();
	});
});
