import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sweepBrowserProfiles } from './browser-leftovers';

let saved: string | undefined;
let temp: string;

beforeEach(() => {
	saved = process.env.TMPDIR;
	temp = mkdtempSync(join(tmpdir(), 'lantern-profiles-'));
	process.env.TMPDIR = temp;
});
afterEach(() => {
	if (saved === undefined) delete process.env.TMPDIR;
	else process.env.TMPDIR = saved;
	rmSync(temp, { recursive: true, force: true });
});

function profile(name: string, ageMs: number): string {
	const path = join(temp, `playwright_chromiumdev_profile-${name}`);
	mkdirSync(join(path, 'Default'), { recursive: true });
	writeFileSync(join(path, 'Default', 'Preferences'), '{}');
	const when = new Date(Date.now() - ageMs);
	utimesSync(path, when, when);
	return path;
}

describe('Chromium profiles a killed server left', () => {
	it('removes a profile no running browser names, and keeps a live one and one being launched', async () => {
		const left = profile('left', 60_000);
		const live = profile('live', 60_000);
		const launching = profile('launching', 0);
		// A stand-in for the running Chromium: a process whose command line names the profile.
		const browser = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)', '--', `--user-data-dir=${live}`]);
		// Until it has exec'd, its command line is still the parent's.
		while (!readFileSync(`/proc/${browser.pid}/cmdline`, 'latin1').includes(live))
			await new Promise((resolve) => setTimeout(resolve, 20));
		try {
			expect(await sweepBrowserProfiles()).toBe(1);
			expect(existsSync(left)).toBe(false);
			expect(existsSync(live)).toBe(true);
			expect(existsSync(launching)).toBe(true);
		} finally {
			browser.kill('SIGKILL');
		}
	});
});
