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
	/** A stand-in for a running Chromium: a process whose command line names the profile. */
	async function browserUsing(path: string) {
		const browser = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)', '--', `--user-data-dir=${path}`]);
		// Until it has exec'd, its command line is still the parent's.
		while (!readFileSync(`/proc/${browser.pid}/cmdline`, 'latin1').includes(path))
			await new Promise((resolve) => setTimeout(resolve, 20));
		return browser;
	}

	it('removes profiles no running browser names, a moment-old one too, and keeps a live one and one being launched', async () => {
		const left = profile('left', 60_000);
		const live = profile('live', 60_000);
		// A server killed a second after launching its browser, restarted at once: nothing will name it.
		const justLeft = profile('just-left', 1_000);
		// Made by a server launching its browser right now: the browser names it a moment later.
		const launching = profile('launching', 0);
		const browsers = [await browserUsing(live)];
		try {
			const sweep = sweepBrowserProfiles();
			browsers.push(await browserUsing(launching));
			expect(await sweep).toBe(2);
			expect(existsSync(left)).toBe(false);
			expect(existsSync(justLeft)).toBe(false);
			expect(existsSync(live)).toBe(true);
			expect(existsSync(launching)).toBe(true);
		} finally {
			for (const browser of browsers) browser.kill('SIGKILL');
		}
	});
});
