import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { itWithRealFixtures, REAL_FIXTURES, REPO_ROOT, SOURCE_FIXTURES } from '../lib/server/db/test-support';

const run = promisify(execFile);
const TSX = join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs');

async function lantern(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
	try {
		const { stdout, stderr } = await run(process.execPath, [TSX, join(REPO_ROOT, 'src/cli/main.ts'), ...args], {
			cwd: REPO_ROOT,
			env: { ...process.env, TZ: 'UTC' }
		});
		return { code: 0, stdout, stderr };
	} catch (error) {
		const failed = error as { code: number; stdout: string; stderr: string };
		return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
	}
}

describe('lantern command line', () => {
	const db = () => join(mkdtempSync(join(tmpdir(), 'lantern-cli-')), 'cli.duckdb');

	itWithRealFixtures('imports files, reports each, and exits 0 only when none was rejected', async () => {
		const path = db();
		const x = join(REAL_FIXTURES, 'x-analytics-legacy/x_legacy_tweet_activity_metrics_ropensci_2021-11.csv');
		const ok = await lantern('import', x, join(SOURCE_FIXTURES, 'usage_monthly.csv'), '--db', path, '--json');
		expect(ok.code).toBe(0);
		expect(JSON.parse(ok.stdout)).toMatchObject([
			{ status: 'imported', source: 'x-legacy-tweets', rowsLoaded: 33 },
			{ status: 'imported', source: 'lantern-usage', rowsLoaded: 5 }
		]);
		const again = await lantern('import', x, '--db', path);
		expect(again.code).toBe(0);
		expect(again.stdout).toContain('duplicate');
		const bad = await lantern('import', join(SOURCE_FIXTURES, 'usage_bad.csv'), '--db', path);
		expect(bad.code).toBe(1);
		expect(bad.stdout).toContain('row 3, column "metric": "footfall" is not one of');
		const listed = JSON.parse((await lantern('imports', '--db', path, '--json')).stdout) as { status: string }[];
		expect(listed.map((i) => i.status)).toEqual(['rejected', 'duplicate', 'imported', 'imported']);
	});

	it('lists the formats it accepts', async () => {
		const { code, stdout } = await lantern('sources', '--json');
		expect(code).toBe(0);
		expect((JSON.parse(stdout) as { id: string }[]).map((s) => s.id)).toEqual(
			expect.arrayContaining(['x-legacy-tweets', 'meta-facebook-posts', 'libcal-events'])
		);
	});

	it('never loads the demo implicitly, and says how to use it when misused', async () => {
		const path = db();
		const listed = await lantern('imports', '--db', path, '--json');
		expect(JSON.parse(listed.stdout)).toEqual([]);
		const unknown = await lantern('frobnicate', '--db', path);
		expect(unknown.code).toBe(2);
		expect(unknown.stderr).toContain('Unknown command "frobnicate"');
		const noOut = await lantern('report', '--db', path);
		expect(noOut.code).toBe(2);
		expect(noOut.stderr).toContain('--out FILE.pdf');
	});
});
