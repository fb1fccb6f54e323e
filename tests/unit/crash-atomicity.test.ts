/**
 * A kill in the middle of an import leaves the database as it was before that file, or with the
 * whole file: never part of it. The importer runs in a child process killed with SIGKILL at several
 * moments; whenever it died, the reopened database holds 0 or all of the file's rows.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/database';
import { REPO_ROOT } from '../../src/lib/server/db/test-support';

const ROWS = 300_000;
const BRANCHES = ['Central', 'Eastside', 'Riverside', 'North', 'South'];

function bigUsageFile(dir: string): string {
	const lines = ['period_start,period,branch,metric,value'];
	for (let i = 0; i < ROWS; i += 1) {
		const day = new Date(Date.UTC(1900, 0, 1) + Math.floor(i / BRANCHES.length) * 86_400_000)
			.toISOString()
			.slice(0, 10);
		lines.push(`${day},day,${BRANCHES[i % BRANCHES.length]},visits,${i % 997}`);
	}
	const path = join(dir, 'usage_daily_big.csv');
	writeFileSync(path, `${lines.join('\n')}\n`);
	return path;
}

function importAndKill(database: string, file: string, afterMs: number): Promise<void> {
	return new Promise((resolve) => {
		// One process (no tsx wrapper), so the kill reaches the importer itself.
		const child = spawn(
			process.execPath,
			['--import', 'tsx', join(REPO_ROOT, 'src/cli/main.ts'), 'import', file, '--db', database],
			{ stdio: 'ignore', cwd: REPO_ROOT }
		);
		const timer = setTimeout(() => child.kill('SIGKILL'), afterMs);
		child.on('exit', () => {
			clearTimeout(timer);
			resolve();
		});
	});
}

describe('a kill mid-import', () => {
	it('never leaves part of a file in the database', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'lantern-crash-'));
		const file = bigUsageFile(dir);
		const outcomes: number[] = [];
		for (const [i, afterMs] of [300, 1200, 1800, 2600, 60_000].entries()) {
			const database = join(dir, `crash-${i}.duckdb`);
			await importAndKill(database, file, afterMs);
			const db = await openDatabase(database);
			const [row] = await db.query<{ rows: number; imported: number }>(
				`SELECT (SELECT count(*) FROM usage_records) AS rows, (SELECT count(*) FROM import_log WHERE status = 'imported') AS imported`
			);
			outcomes.push(row!.rows);
			expect([0, ROWS], `killed after ${afterMs} ms`).toContain(row!.rows);
			expect(row!.imported).toBe(row!.rows === ROWS ? 1 : 0);
			await db.close();
		}
		// The last run is never killed, so at least one import completes; the early kills land before it commits.
		expect(outcomes.at(-1)).toBe(ROWS);
		expect(outcomes).toContain(0);
	}, 120_000);
});
