/**
 * A full disk and a read-only database folder: the import is refused with a message a person can act
 * on, and the database is left as it was (it opens, every table as before). The test mounts a small
 * tmpfs of its own (root, as here and in CI); where mounting is not permitted it is skipped and says why.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { runNode } from '../support/run-node';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT, SOURCE_FIXTURES } from '../../src/lib/server/db/test-support';

const mounted: string[] = [];

/** A fresh tmpfs of `size`, or the reason it could not be mounted. */
function smallDisk(size: string): { dir: string } | { reason: string } {
	const dir = mkdtempSync(join(tmpdir(), 'lantern-disk-'));
	try {
		execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'pipe' });
	} catch (error) {
		return { reason: `cannot mount a tmpfs here (${(error as Error).message.split('\n')[0]})` };
	}
	mounted.push(dir);
	return { dir };
}

afterEach(() => {
	for (const dir of mounted.splice(0)) spawnSync('umount', ['-l', dir]);
});

async function lantern(args: string[]): Promise<{ status: number | null; json: unknown; stderr: string }> {
	const run = await runNode([join(REPO_ROOT, 'src/cli/main.ts'), ...args, '--json'], {
		cwd: REPO_ROOT,
		timeoutMs: 120_000
	});
	let json: unknown;
	try {
		json = JSON.parse(run.stdout);
	} catch {
		json = run.stdout;
	}
	return { status: run.status, json, stderr: run.stderr };
}

/** Every table's fingerprint, read by a fresh process as the next start of Lantern would. */
async function fingerprintFromNewProcess(database: string): Promise<Record<string, string>> {
	const run = await runNode([join(REPO_ROOT, 'tests/unit/support/fingerprint-db.ts'), database], {
		cwd: REPO_ROOT,
		timeoutMs: 120_000
	});
	return JSON.parse(run.stdout) as Record<string, string>;
}

/** A usage file of many distinct rows: too big for what is left of a 6 MB disk once stored (the database starts at about 4 MB). */
function bigUsageFile(rows: number): string {
	const lines = ['period_start,period,branch,metric,value'];
	let seed = 7;
	const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648);
	for (let i = 0; i < rows; i += 1)
		lines.push(`2026-01-01,day,Branch ${next().toString(36)}${next().toString(36)},visits,${next() % 100_000}`);
	const path = join(mkdtempSync(join(tmpdir(), 'lantern-big-')), 'usage_big.csv');
	writeFileSync(path, `${lines.join('\n')}\n`);
	return path;
}

describe('a full disk or a read-only folder', () => {
	it('refuses an import that fills the disk with a clear message, and leaves the database as it was', async (context) => {
		const disk = smallDisk('6m');
		if ('reason' in disk) return context.skip(disk.reason);
		const database = join(disk.dir, 'lantern.duckdb');
		const first = await lantern(['import', join(SOURCE_FIXTURES, 'usage_monthly.csv'), '--db', database]);
		expect(first.status).toBe(0);
		const before = await fingerprintFromNewProcess(database);
		expect(before.usage_records).toMatch(/^[1-9]/);

		const full = await lantern(['import', bigUsageFile(200_000), '--db', database]);
		expect(full.status).not.toBe(0);
		const said = JSON.stringify(full.json);
		expect(said).toMatch(/disk is full/);
		expect(said).not.toMatch(/IO Error|No space left|\/tmp\//);

		// The failed transaction's blocks stay allocated in the file until the next checkpoint, and opening
		// writes (the write-ahead log), so the administrator frees space first, as the message asks.
		execFileSync('mount', ['-o', 'remount,size=32m', disk.dir]);
		const after = await fingerprintFromNewProcess(database);
		expect(after).not.toHaveProperty('error');
		const { import_log: _logBefore, audit_log: _auditBefore, ...dataBefore } = before;
		const { import_log: _logAfter, audit_log: _auditAfter, ...dataAfter } = after;
		expect(dataAfter).toEqual(dataBefore);
	}, 240_000);

	it('refuses to work in a read-only database folder with a clear message, and the database is unchanged', async (context) => {
		const disk = smallDisk('16m');
		if ('reason' in disk) return context.skip(disk.reason);
		const database = join(disk.dir, 'lantern.duckdb');
		expect((await lantern(['import', join(SOURCE_FIXTURES, 'usage_monthly.csv'), '--db', database])).status).toBe(0);
		const before = await fingerprintFromNewProcess(database);
		execFileSync('mount', ['-o', 'remount,ro', disk.dir]);

		const refused = await lantern(['import', join(SOURCE_FIXTURES, 'summer_reading.csv'), '--db', database]);
		expect(refused.status).not.toBe(0);
		const said = JSON.stringify(refused.json);
		expect(said).toMatch(/read-only/);
		expect(said).not.toMatch(/IO Error/);

		execFileSync('mount', ['-o', 'remount,rw', disk.dir]);
		expect(await fingerprintFromNewProcess(database)).toEqual(before);
	}, 240_000);
});
