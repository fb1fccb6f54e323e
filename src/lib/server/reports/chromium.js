// Finds or provides the Chromium that renders PDFs. Plain JavaScript so that scripts/serve.js and
// scripts/test.js can use it before any build.
//
// Order: LANTERN_CHROMIUM (the operator's own), then the Chromium shipped inside the npm package
// @sparticuz/chromium (Linux x64 only; unpacked once into node_modules/.cache, about 2 s), then
// chromium or google-chrome on PATH. The shipped one needs no root and no network, so
// `npm install && npm start` gives a working PDF button on a machine that never had a browser.
import {
	accessSync,
	constants,
	createReadStream,
	createWriteStream,
	existsSync,
	mkdirSync,
	readFileSync,
	renameSync,
	rmSync,
	writeFileSync
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, createBrotliDecompress } from 'node:zlib';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];
const PACKAGE = '@sparticuz/chromium';

/** @param {string} path */
function isExecutable(path) {
	try {
		accessSync(path, constants.X_OK);
		return true;
	} catch {
		return false;
	}
}

/** @param {NodeJS.ProcessEnv} env @returns {string | null} */
function onPath(env) {
	for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
		for (const name of NAMES) {
			const candidate = join(dir, name);
			if (isExecutable(candidate)) return candidate;
		}
	}
	return null;
}

/**
 * The shipped package's brotli files and its version, or null where it cannot run (not Linux x64)
 * or is not installed.
 * @returns {{ bin: string, version: string } | null}
 */
function shippedPackage() {
	if (process.platform !== 'linux' || process.arch !== 'x64') return null;
	try {
		// Resolved from this file, which sits inside the repository in every way Lantern runs.
		// The package exports no package.json: resolve its entry, then walk up to its own folder
		// (its build folders hold package.json files of their own, without a name).
		for (
			let folder = dirname(createRequire(fileURLToPath(import.meta.url)).resolve(PACKAGE));
			dirname(folder) !== folder;
			folder = dirname(folder)
		) {
			const manifest = join(folder, 'package.json');
			if (!existsSync(manifest)) continue;
			/** @type {unknown} */
			const parsed = JSON.parse(readFileSync(manifest, 'utf8'));
			const { name, version } = /** @type {{ name?: string, version: string }} */ (parsed);
			const bin = join(folder, 'bin');
			if (name === PACKAGE) return existsSync(join(bin, 'chromium.br')) ? { bin, version } : null;
		}
		return null;
	} catch {
		return null;
	}
}

/** Where the shipped Chromium is unpacked: the project's node_modules/.cache, else the temp folder. */
function unpackFolders(/** @type {string} */ version) {
	const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
	const name = `lantern-chromium-${version}`;
	const uid = typeof process.getuid === 'function' ? process.getuid() : 0;
	return [join(root, 'node_modules', '.cache', name), join(tmpdir(), `${name}-${uid}`)];
}

/** @returns {string | null} the unpacked shipped Chromium's folder, when it is complete */
function unpackedShipped() {
	const shipped = shippedPackage();
	if (!shipped) return null;
	return unpackFolders(shipped.version).find((folder) => existsSync(join(folder, 'complete'))) ?? null;
}

/**
 * LANTERN_CHROMIUM first, then the shipped Chromium if it is unpacked, then Chromium or Chrome on PATH.
 * Synchronous and without side effects; `ensureChromium` unpacks the shipped one when needed.
 * @returns {string | null}
 */
export function findChromium(env = process.env) {
	if (env.LANTERN_CHROMIUM) return isExecutable(env.LANTERN_CHROMIUM) ? env.LANTERN_CHROMIUM : null;
	const unpacked = unpackedShipped();
	if (unpacked) return join(unpacked, 'chromium');
	return onPath(env);
}

/** @type {Promise<string> | null} */
let unpacking = null;

/**
 * A Chromium executable, unpacking the shipped one on first use. Rejects with
 * CHROMIUM_MISSING_MESSAGE when there is none at all.
 * @returns {Promise<string>}
 */
export function ensureChromium(env = process.env) {
	const found = findChromium(env);
	if (found || env.LANTERN_CHROMIUM)
		return found ? Promise.resolve(found) : Promise.reject(new Error(CHROMIUM_MISSING_MESSAGE));
	const shipped = shippedPackage();
	if (!shipped) {
		const system = onPath(env);
		return system ? Promise.resolve(system) : Promise.reject(new Error(CHROMIUM_MISSING_MESSAGE));
	}
	unpacking ??= unpackShipped(shipped).finally(() => {
		unpacking = null;
	});
	return unpacking;
}

/** @param {{ bin: string, version: string }} shipped @returns {Promise<string>} */
async function unpackShipped(shipped) {
	let lastError = /** @type {unknown} */ (null);
	for (const folder of unpackFolders(shipped.version)) {
		// Unpacked beside the final folder and renamed into place, so a second process (the CLI while
		// the server runs) or a kill halfway never sees a half-written binary.
		const staging = `${folder}.${process.pid}.partial`;
		try {
			rmSync(staging, { recursive: true, force: true });
			mkdirSync(join(staging, 'lib'), { recursive: true });
			const binary = join(staging, 'chromium');
			await pipeline(
				createReadStream(join(shipped.bin, 'chromium.br')),
				createBrotliDecompress(),
				createWriteStream(binary, { mode: 0o755 })
			);
			// NSS and expat, which a bare Debian or Ubuntu lacks; Chromium finds them via LD_LIBRARY_PATH.
			extractTar(brotliDecompressSync(readFileSync(join(shipped.bin, 'al2023.tar.br'))), staging);
			extractTar(brotliDecompressSync(readFileSync(join(shipped.bin, 'fonts.tar.br'))), staging);
			writeFileSync(join(staging, 'fonts.conf'), fontConfig(folder));
			writeFileSync(join(staging, 'complete'), `${shipped.version}\n`);
			try {
				renameSync(staging, folder);
			} catch (error) {
				if (!existsSync(join(folder, 'complete'))) throw error;
				rmSync(staging, { recursive: true, force: true });
			}
			return join(folder, 'chromium');
		} catch (error) {
			rmSync(staging, { recursive: true, force: true });
			lastError = error;
		}
	}
	throw new Error(
		`Lantern could not unpack its Chromium (${lastError instanceof Error ? lastError.message : String(lastError)}). ${CHROMIUM_MISSING_MESSAGE}`
	);
}

/**
 * Writes the regular files of a ustar archive under `into` (the shipped archives hold only
 * folders and plain files; anything else, or a path that leaves `into`, is skipped).
 * @param {Buffer} tar @param {string} into
 */
export function extractTar(tar, into) {
	const root = resolve(into);
	for (let offset = 0; offset + 512 <= tar.length;) {
		const header = tar.subarray(offset, offset + 512);
		if (header.every((byte) => byte === 0)) break;
		const field = (/** @type {number} */ start, /** @type {number} */ length) =>
			header
				.subarray(start, start + length)
				.toString('utf8')
				.replace(/\0.*$/s, '');
		const prefix = field(345, 155);
		const name = prefix ? `${prefix}/${field(0, 100)}` : field(0, 100);
		const size = parseInt(field(124, 12).trim() || '0', 8);
		const type = field(156, 1) || '0';
		const target = resolve(root, name);
		if (type === '0' && target.startsWith(root + '/')) {
			mkdirSync(dirname(target), { recursive: true });
			writeFileSync(target, tar.subarray(offset + 512, offset + 512 + size), {
				mode: parseInt(field(100, 8).trim() || '644', 8) & 0o755
			});
		}
		offset += 512 + Math.ceil(size / 512) * 512;
	}
}

/** Lantern's fonts first (the PDF looks the same everywhere), the system's as a fallback for other scripts. */
function fontConfig(/** @type {string} */ folder) {
	return `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>${join(folder, 'fonts')}</dir>
  <dir>/usr/share/fonts</dir>
  <dir>/usr/local/share/fonts</dir>
  <cachedir>${join(folder, 'fontconfig-cache')}</cachedir>
  <alias><family>sans-serif</family><prefer><family>Open Sans</family></prefer></alias>
  <alias><family>system-ui</family><prefer><family>Open Sans</family></prefer></alias>
</fontconfig>
`;
}

/**
 * The environment Chromium is started with: the shipped libraries on LD_LIBRARY_PATH, and a
 * fontconfig file that puts the fonts shipped with Lantern first, so a PDF looks the same on every
 * machine (the system's fonts stay as a fallback for scripts the shipped ones lack).
 * @param {string} executable @returns {Record<string, string>}
 */
export function chromiumEnvironment(executable) {
	/** @type {Record<string, string>} */
	const env = {};
	for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
	const folder = dirname(executable);
	if (existsSync(join(folder, 'complete'))) {
		env.LD_LIBRARY_PATH = [join(folder, 'lib'), process.env.LD_LIBRARY_PATH].filter(Boolean).join(delimiter);
		env.FONTCONFIG_FILE = join(folder, 'fonts.conf');
	}
	return env;
}

export const CHROMIUM_MISSING_MESSAGE =
	'Lantern needs Chromium to make PDF reports and found none. `npm install` normally provides one (the @sparticuz/chromium package, Linux x64); ' +
	'on other systems install Chromium or Chrome (Debian or Ubuntu: `sudo apt-get install chromium`), or set LANTERN_CHROMIUM to the path of a Chromium or Chrome executable.';

/** Flags for a headless Chromium on a closed network. */
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
