import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, chromiumEnvironment, findChromium } from './src/lib/server/reports/chromium.js';
import { stateOf } from './tests/support/roles';

// scripts/test.js picks a free port and builds first; run alone, fall back to 4173.
const port = Number(process.env.LANTERN_E2E_PORT ?? 4173);
const chromium = findChromium();
const database = process.env.LANTERN_E2E_DB ?? join(mkdtempSync(join(tmpdir(), 'lantern-e2e-')), 'lantern.duckdb');
process.env.LANTERN_E2E_DB = database;

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	timeout: 90_000,
	// A loaded 2-core CI machine answers a form in more than the default 5 s now and then.
	expect: { timeout: 15_000 },
	reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
	use: {
		baseURL: `http://127.0.0.1:${port}`,
		timezoneId: 'America/Chicago',
		locale: 'en-US',
		launchOptions: {
			executablePath: chromium ?? undefined,
			args: CHROMIUM_ARGS,
			env: chromium ? chromiumEnvironment(chromium) : undefined
		}
	},
	// setup.spec.ts is a newcomer's first minutes: demo mode, then the admin from the setup link and one
	// person per role, whose signed-in states the other specs use. Removing the demo empties the
	// library, so that spec runs last, as the director.
	projects: [
		{ name: 'setup', testMatch: /setup\.spec\.ts/ },
		{
			name: 'demo library',
			testIgnore: /(setup|remove-demo)\.spec\.ts/,
			dependencies: ['setup'],
			use: { storageState: stateOf('admin') }
		},
		{
			name: 'after the demo is removed',
			testMatch: /remove-demo\.spec\.ts/,
			dependencies: ['demo library'],
			use: { storageState: stateOf('director') }
		}
	],
	// The server starts exactly as `npm start` starts it: same script, no ORIGIN, no HOST; only the
	// port and a temporary database differ, both documented settings.
	webServer: {
		command: 'node scripts/start.cjs',
		url: `http://127.0.0.1:${port}/overview`,
		reuseExistingServer: false,
		timeout: 180_000,
		stdout: 'pipe',
		stderr: 'pipe',
		env: { PORT: String(port), LANTERN_DB: database, TZ: 'America/Chicago' }
	}
});
