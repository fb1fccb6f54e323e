import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, chromiumEnvironment, findChromium } from './src/lib/server/reports/chromium.js';

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
	reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
	use: {
		baseURL: `http://127.0.0.1:${port}`,
		timezoneId: 'America/Chicago',
		locale: 'en-US',
		launchOptions: { executablePath: chromium ?? undefined, args: CHROMIUM_ARGS, env: chromium ? chromiumEnvironment(chromium) : undefined }
	},
	// Removing the demo empties the library, so that spec runs after all the others.
	projects: [
		{ name: 'demo library', testIgnore: /remove-demo\.spec\.ts/ },
		{ name: 'after the demo is removed', testMatch: /remove-demo\.spec\.ts/, dependencies: ['demo library'] }
	],
	// The server starts exactly as `npm start` starts it: same script, no ORIGIN, no HOST; only the
	// port and a temporary database differ, both documented settings.
	webServer: {
		command: 'node scripts/start.js',
		url: `http://127.0.0.1:${port}/overview`,
		reuseExistingServer: false,
		timeout: 180_000,
		stdout: 'pipe',
		stderr: 'pipe',
		env: { PORT: String(port), LANTERN_DB: database, TZ: 'America/Chicago' }
	}
});
