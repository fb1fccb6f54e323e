/**
 * What is stored does not depend on the server's own time zone (the TZ a library's machine happens
 * to run in, which DuckDB takes as its session zone): the CLI imports the same files in a zone west
 * of UTC and one east of it, and every stored day is the file's. Other tests run with TZ=UTC, where
 * a cast through the session zone changes nothing, so this runs the importer in child processes.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CampaignInput } from '../../src/lib/domain/campaigns';
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
