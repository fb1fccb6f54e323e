// Builds the production server when it is missing or older than the sources. Used by `npm start`
// and by `lantern report`, so a fresh clone needs no separate build step.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const STAMP = join(ROOT, 'build', '.lantern-build-stamp');
const INPUTS = [
	'src',
	'static',
	'svelte.config.js',
	'vite.config.ts',
	'scripts/workbook-worker.js',
	'package.json',
	'package-lock.json'
];

/** @param {string} path @returns {number} */
function newestMtime(path) {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = stat.mtimeMs;
	for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
	return newest;
}

export function buildIsCurrent() {
	if (!existsSync(STAMP) || !existsSync(join(ROOT, 'build', 'handler.js'))) return false;
	const built = statSync(STAMP).mtimeMs;
	return INPUTS.every((input) => newestMtime(join(ROOT, input)) <= built);
}

/** @param {{ log?: (line: string) => void }} [options] */
export function ensureBuild(options = {}) {
	if (buildIsCurrent()) return;
	const log = options.log ?? ((line) => console.error(line));
	log('Lantern: building the production server (first start or sources changed)…');
	const result = spawnSync(
		process.execPath,
		[join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'],
		{
			cwd: ROOT,
			stdio: ['ignore', 2, 2]
		}
	);
	if (result.status !== 0) throw new Error('The production build failed; see the messages above.');
	writeFileSync(STAMP, new Date().toISOString());
}

// `npm run build`: always build, and stamp it so `npm start` does not build again.
if (import.meta.url === `file://${process.argv[1]}`) {
	rmSync(STAMP, { force: true });
	ensureBuild({ log: console.log });
}
