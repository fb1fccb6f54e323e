// Finds the system Chromium. Plain JavaScript so that scripts/test.js can use it before any build.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/** @param {string} path */
function isExecutable(path) {
	try {
		accessSync(path, constants.X_OK);
		return true;
	} catch {
		return false;
	}
}

/**
 * LANTERN_CHROMIUM first, then chromium, chromium-browser and google-chrome on PATH.
 * @returns {string | null}
 */
export function findChromium(env = process.env) {
	if (env.LANTERN_CHROMIUM) return isExecutable(env.LANTERN_CHROMIUM) ? env.LANTERN_CHROMIUM : null;
	for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
		for (const name of NAMES) {
			const candidate = join(dir, name);
			if (isExecutable(candidate)) return candidate;
		}
	}
	return null;
}

export const CHROMIUM_MISSING_MESSAGE =
	'Lantern needs Chromium to make PDF reports, and none was found. Install it (on Debian or Ubuntu: `sudo apt-get install chromium`), ' +
	'or set LANTERN_CHROMIUM to the path of a Chromium or Chrome executable.';

/** Flags for a headless Chromium on a closed network, running as root in CI. */
export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-dev-shm-usage',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--font-render-hinting=none'
];
