/**
 * A kill after an import commits but before its relinking does leaves posts without links and
 * labels only until the next start: the import is not recorded as relinked (campaigns/relink-state.ts),
 * and every start (the server's init, each command of the CLI) relinks what is not. The importer runs
 * in a child process, killed with SIGKILL as soon as it reports the rows committed.
 */
import { spawn } from 'node:child_process';
import { runNode } from '../support/run-node';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { relinkCampaigns } from '../../src/lib/server/campaigns';
import { openDatabase, type Database } from '../../src/lib/server/db/database';
import { REPO_ROOT } from '../../src/lib/server/db/test-support';
import { importAny } from '../../src/lib/server/ingest/import-any';

// Enough that relinking takes seconds, so the kill lands before it commits; from May 1 they reach the summer campaign (May 25).
const ROWS = 50_000;
const HEADER =
	'"Tweet id","Tweet permalink","Tweet text","time","impressions","engagements","engagement rate","retweets","replies","likes","user profile clicks","url clicks","hashtag clicks","detail expands","permalink clicks","app opens","app installs","follows","email tweet","dial phone","media views","media engagements"';
const TEXTS = [
	'Storytime this Tuesday at 10:30! #StorytimeAtEastside',
	'New staff picks are on the shelf, come browse #MVPLreads',
	'Summer reading starts June 1 #MapleSummerReads',
	'Our book club meets Monday: new members welcome'
];

/** A post a minute from May 2026, so some fall in the demo's #MapleSummerReads campaign. */
function bigXFile(dir: string): string {
	const start = Date.UTC(2026, 4, 1);
	const lines = [HEADER];
	for (let i = 0; i < ROWS; i += 1) {
		const ms = start + i * 60_000;
		const id = ((BigInt(ms) - 1288834974657n) << 22n) + BigInt(i % 4096);
		const time = `${new Date(ms).toISOString().replace('T', ' ').slice(0, 16)} +0000`;
		lines.push(
			`"${id}","https://twitter.com/bench/status/${id}","${TEXTS[i % TEXTS.length]}","${time}","${100 + (i % 900)}.0","${3 + (i % 40)}.0","0.01","1.0","0.0","${i % 40}.0","0.0","0.0","0.0","0.0","0.0","0","0","0","0","0","0","0"`
		);
	}
	const path = join(dir, 'tweet_activity_metrics_kill_20260501_20261031_en.csv');
	writeFileSync(path, `${lines.join('\n')}\n`);
	return path;
}

/** Runs the two steps of an import in a child, killing it the moment its rows are committed. */
function importAndKillBeforeRelinking(file: string, database: string): Promise<{ output: string }> {
	return new Promise((resolve) => {
		const child = spawn(
			process.execPath,
			['--import', 'tsx', join(REPO_ROOT, 'tests/unit/support/import-then-relink.ts'), file, database],
			{ stdio: ['ignore', 'pipe', 'inherit'], cwd: REPO_ROOT }
		);
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => {
			output += chunk.toString();
			if (output.includes('committed')) child.kill('SIGKILL');
		});
		child.on('exit', () => resolve({ output }));
	});
}

const snapshot = async (db: Database) => ({
	links: await db.query('SELECT * FROM campaign_post_links ORDER BY ALL'),
	labels: await db.query('SELECT * FROM post_strategy_labels ORDER BY ALL'),
	promotions: await db.query('SELECT * FROM program_promotion_links ORDER BY ALL')
});

describe('a kill between an import’s commit and its relinking', () => {
	it('leaves every post labelled once the next start has run', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'lantern-relink-kill-'));
		const database = join(dir, 'kill.duckdb');
		const setup = await openDatabase(database);
		const campaigns = join(REPO_ROOT, 'data/demo/campaigns.json');
		expect(await importAny(setup, campaigns, { fileName: 'campaigns.json' })).toMatchObject({ status: 'imported' });
		await setup.close();

		const { output } = await importAndKillBeforeRelinking(bigXFile(dir), database);
		expect(output).not.toContain('relinked');
		const killed = await openDatabase(database);
		const [before] = await killed.query<{ posts: number; labels: number }>(
			'SELECT (SELECT count(*) FROM posts) AS posts, (SELECT count(*) FROM post_strategy_labels) AS labels'
		);
		// The rows committed, their labels did not: the state the next start must repair.
		expect(before).toEqual({ posts: ROWS, labels: 0 });
		await killed.close();

		// The next start: any command of the CLI (the server's init does the same).
		const listed = await runNode(['src/cli/main.ts', 'imports', '--db', database], { cwd: REPO_ROOT });
		expect(listed.status, listed.stderr).toBe(0);

		const db = await openDatabase(database);
		const repaired = await snapshot(db);
		expect(repaired.labels).toHaveLength(ROWS);
		expect(repaired.links.length).toBeGreaterThan(0);
		await relinkCampaigns(db);
		expect(await snapshot(db)).toEqual(repaired);
		await db.close();
	}, 300_000);
});
