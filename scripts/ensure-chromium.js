// Makes sure a Chromium is available for the end-to-end tests and PDF reports. When none is found
// and we run as root with apt-get, installs Debian's `chromium`; otherwise says what to install.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CHROMIUM_MISSING_MESSAGE, findChromium } from '../src/lib/server/reports/chromium.js';

/** @returns {string} the Chromium executable's path */
export function ensureChromium() {
	const found = findChromium();
	if (found) return found;
	const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	if (!isRoot || !existsSync('/usr/bin/apt-get')) throw new Error(CHROMIUM_MISSING_MESSAGE);
	console.log('Chromium not found: installing the Debian package `chromium` with apt-get…');
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'chromium', 'fonts-dejavu-core']]) {
		const result = spawnSync('apt-get', args, { stdio: 'inherit', env });
		if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed. ${CHROMIUM_MISSING_MESSAGE}`);
	}
	const installed = findChromium();
	if (!installed) throw new Error(CHROMIUM_MISSING_MESSAGE);
	return installed;
}

if (import.meta.url === `file://${process.argv[1]}`) {
	try {
		console.log(`Chromium: ${ensureChromium()}`);
	} catch (error) {
		console.error(error instanceof Error ? error.message : error);
		process.exit(1);
	}
}
