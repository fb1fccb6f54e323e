// `npm test`: type checks, lint and format checks, unit tests, then end-to-end tests against a production build on a free
// port with a temporary database, the server started exactly as `npm start` starts it. Chromium is
// the one `npm install` brought (src/lib/server/reports/chromium.js), as for users.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuild, ROOT } from './ensure-build.js';
import { ensureChromium } from '../src/lib/server/reports/chromium.js';
import { WHY_REAL_FIXTURE_TESTS_SKIP, realFixturesPresent } from './real-fixtures.js';

process.chdir(ROOT);
const OUT = join(ROOT, '.test-output');
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
// Every test's temporary files (databases, uploads, servers' folders, generated exports) go into one
// folder of this run, removed at the end: a run leaves hundreds of folders and about a gigabyte behind
// otherwise. LANTERN_KEEP_TEST_FILES=1 keeps it to look into a failure.
const SCRATCH = mkdtempSync(join(tmpdir(), 'lantern-npm-test-'));
const env = { ...process.env, TZ: 'UTC', FORCE_COLOR: '0', TMPDIR: SCRATCH };
/** @param {string} name */
const bin = (name) => join(ROOT, 'node_modules', '.bin', name);

/**
 * @param {string} title @param {string} command @param {string[]} args
 * @param {Record<string, string>} [extraEnv]
 */
function step(title, command, args, extraEnv = {}) {
	console.log(`\n=== ${title} ===`);
	const result = timed(title, () => spawnSync(command, args, { stdio: 'inherit', env: { ...env, ...extraEnv } }));
	return result.status === 0;
}

/** Each step's wall time and the processor time of it and its children, printed at the end. */
/** @type {string[]} */
const timings = [];

/**
 * Runs `work` (which waits for its child processes) and notes its wall and processor time in `timings`.
 * @template T @param {string} title @param {() => T} work @returns {T}
 */
function timed(title, work) {
	const started = Date.now();
	const cpuBefore = childrenCpuSeconds();
	const result = work();
	const cpu = Math.round(childrenCpuSeconds() - cpuBefore);
	timings.push(`${title} ${Math.round((Date.now() - started) / 1000)} s (CPU ${cpu} s)`);
	return result;
}

/**
 * Processor seconds used by the children this process has waited for (Linux: /proc/self/stat's cutime and
 * cstime, in clock ticks of 1/100 s); 0 elsewhere.
 */
function childrenCpuSeconds() {
	try {
		const fields = (readFileSync('/proc/self/stat', 'utf8').split(') ')[1] ?? '').split(' ');
		return (Number(fields[13]) + Number(fields[14])) / 100;
	} catch {
		return 0;
	}
}

/** @returns {Promise<number>} */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
			server.close(() => resolve(port));
		});
	});
}

/** @param {string} path @returns {unknown} */
const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

/** @param {string} path */
function countVitest(path) {
	if (!existsSync(path)) return { passed: 0, failed: 1, skipped: 0 };
	const report = /** @type {Record<string, number | undefined>} */ (readJson(path));
	return {
		passed: report.numPassedTests ?? 0,
		// A failed test also fails its file and describe blocks; count those only when no test failed
		// (a file that could not even load).
		failed: report.numFailedTests || report.numFailedTestSuites || 0,
		skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0)
	};
}

/** @param {string} path */
function countPlaywright(path) {
	if (!existsSync(path)) return { passed: 0, failed: 1, skipped: 0 };
	const report = /** @type {{ stats?: Record<string, number | undefined> }} */ (readJson(path));
	const stats = report.stats ?? {};
	return {
		passed: stats.expected ?? 0,
		failed: (stats.unexpected ?? 0) + (stats.flaky ?? 0),
		skipped: stats.skipped ?? 0
	};
}

/** @type {string | null} */
let chromium = null;
try {
	chromium = await ensureChromium();
	console.log(`Chromium: ${chromium}`);
} catch (error) {
	console.error(error instanceof Error ? error.message : error);
}

const checked =
	step('SvelteKit sync', process.execPath, [join(ROOT, 'node_modules/@sveltejs/kit/svelte-kit.js'), 'sync']) &&
	step('Type check (svelte-check)', bin('svelte-check'), [
		'--tsconfig',
		'./tsconfig.json',
		'--fail-on-warnings',
		'--output',
		'human'
	]);
const linted = step('Lint (ESLint, type-checked rules)', bin('eslint'), ['.']);
const formatted = step('Format (Prettier)', bin('prettier'), ['--check', '.']);

// Built before the unit tests too: the tests that render reports serve this build, and building it
// inside a test would hold that test's worker for minutes (Vitest fails such a run with
// "Timeout calling onTaskUpdate" on a loaded machine).
console.log('\n=== Production build ===');
/** @type {string | null} */
let buildProblem = null;
try {
	timed('Production build', () => ensureBuild({ log: console.log }));
} catch (error) {
	buildProblem = error instanceof Error ? error.message : String(error);
	console.error(buildProblem);
}

const vitestJson = join(OUT, 'vitest.json');
const vitestPassed = step('Unit tests (Vitest)', bin('vitest'), [
	'run',
	'--reporter=default',
	'--reporter=json',
	`--outputFile.json=${vitestJson}`
]);
const unit = countVitest(vitestJson);
// An unhandled error outside any test fails the run without failing a test: count it.
if (!vitestPassed && unit.failed === 0) unit.failed = 1;

let e2e = { passed: 0, failed: 1, skipped: 0 };
try {
	if (!chromium) throw new Error('End-to-end tests need Chromium; see the message above.');
	if (buildProblem) throw new Error(`End-to-end tests need the production build: ${buildProblem}`);
	const port = await freePort();
	const playwrightJson = join(OUT, 'playwright.json');
	step('End-to-end tests (Playwright, Chromium)', bin('playwright'), ['test'], {
		LANTERN_E2E_PORT: String(port),
		PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson
	});
	e2e = countPlaywright(playwrightJson);
} catch (error) {
	console.error(error instanceof Error ? error.message : error);
}

const checks = [checked, linted, formatted];
const passed = unit.passed + e2e.passed + checks.filter(Boolean).length;
const failed = unit.failed + e2e.failed + checks.filter((ok) => !ok).length;
const skipped = unit.skipped + e2e.skipped;
console.log(
	`\nType check: ${checked ? 'passed' : 'FAILED'}; lint: ${linted ? 'passed' : 'FAILED'}; format: ${formatted ? 'passed' : 'FAILED (npm run format)'}; unit: ${unit.passed} passed, ${unit.failed} failed, ${unit.skipped} skipped; end-to-end: ${e2e.passed} passed, ${e2e.failed} failed, ${e2e.skipped} skipped.`
);
if (skipped > 0)
	console.log(
		`${skipped} skipped: ${realFixturesPresent() ? 'see the skipped tests above.' : WHY_REAL_FIXTURE_TESTS_SKIP}`
	);
if (process.env.LANTERN_KEEP_TEST_FILES === '1') console.log(`Test files kept in ${SCRATCH}.`);
else removeScratch();
console.log(`Times: ${timings.join('; ')}.`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

function removeScratch() {
	try {
		rmSync(SCRATCH, { recursive: true, force: true, maxRetries: 3 });
	} catch (error) {
		// A file system a test mounted and could not unmount stays; say so rather than fail the run.
		const left = existsSync(SCRATCH) ? readdirSync(SCRATCH).join(', ') : '';
		console.log(
			`Could not remove all of ${SCRATCH} (${left}): ${error instanceof Error ? error.message : String(error)}`
		);
	}
}
