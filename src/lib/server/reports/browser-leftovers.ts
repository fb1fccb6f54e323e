import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PROFILE_PREFIX = 'playwright_chromiumdev_profile-';
/**
 * Playwright makes the profile folder a few milliseconds before Chromium starts with it. A younger
 * profile no process names yet is looked at again once it is this old: a browser being launched names
 * it by then, and one a server killed a moment ago (a restart within seconds of a crash) never will.
 */
const LAUNCHING_MS = 3_000;

/** Every `--user-data-dir` a running process names, read from /proc; null where there is no /proc. */
async function profilesInUse(): Promise<Set<string> | null> {
	let entries: string[];
	try {
		entries = await readdir('/proc');
	} catch {
		return null;
	}
	const inUse = new Set<string>();
	for (const entry of entries) {
		if (!/^\d+$/.test(entry)) continue;
		const commandLine = await readFile(`/proc/${entry}/cmdline`, 'latin1').catch(() => '');
		for (const arg of commandLine.split('\0'))
			if (arg.startsWith('--user-data-dir=')) inUse.add(arg.slice('--user-data-dir='.length));
	}
	return inUse;
}

/**
 * Chromium profiles a killed server left in the temp folder. Playwright makes one per launch and
 * removes it when the browser closes; a SIGKILL of the server skips that, leaving ~200 KB per kill
 * that may hold a rendered report's cache. A profile no running Chromium names is removed; the temp
 * folder is shared, so another program's live browser is never touched. Returns how many went.
 */
export async function sweepBrowserProfiles(now = Date.now()): Promise<number> {
	const folder = tmpdir();
	const profiles = (await readdir(folder).catch(() => [] as string[])).filter((name) =>
		name.startsWith(PROFILE_PREFIX)
	);
	if (profiles.length === 0) return 0;
	const inUse = await profilesInUse();
	if (!inUse) return 0;
	let removed = 0;
	let youngest = 0;
	const young: string[] = [];
	for (const name of profiles) {
		const path = join(folder, name);
		if (inUse.has(path)) continue;
		const info = await stat(path).catch(() => null);
		if (!info) continue;
		const wait = LAUNCHING_MS - (now - info.mtimeMs);
		if (wait > 0) {
			young.push(path);
			youngest = Math.max(youngest, wait);
			continue;
		}
		await rm(path, { recursive: true, force: true });
		removed += 1;
	}
	if (young.length === 0) return removed;
	await new Promise((resolve) => setTimeout(resolve, youngest));
	const stillInUse = (await profilesInUse()) ?? new Set(young);
	for (const path of young) {
		if (stillInUse.has(path)) continue;
		await rm(path, { recursive: true, force: true });
		removed += 1;
	}
	return removed;
}
