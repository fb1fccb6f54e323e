import { sveltekit } from '@sveltejs/kit/vite';
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { workbookWorker } from './scripts/workbook-worker.js';

export default defineConfig({
	plugins: [sveltekit(), workbookWorker()],
	ssr: {
		// Native bindings must be loaded from node_modules at run time, never bundled.
		external: ['@duckdb/node-api', '@duckdb/node-bindings', 'playwright-core']
	},
	test: {
		include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'],
		environment: 'node',
		globalSetup: ['tests/unit/support/demo-template.ts'],
		// A worker runs its test files in one process, one after another, with the modules it has loaded
		// (400 -> about 260 s on 2 cores); each file ends with the environment it started with
		// (each-file.ts), and spies and stubbed variables are undone after each test.
		isolate: false,
		setupFiles: ['tests/unit/support/each-file.ts'],
		restoreMocks: true,
		unstubEnvs: true,
		testTimeout: 60_000,
		hookTimeout: 60_000,
		pool: 'forks',
		// Two test files at a time even on two cores (Vitest's default is one fewer than the cores): most
		// of a file's time is spent waiting on a child process, Chromium, DuckDB's threads or the disk.
		maxWorkers: Math.max(2, availableParallelism() - 1),
		minWorkers: 1,
		// The production build a test renders through (serveBuild) is loaded by Node as it is, never transformed
		// again (Vitest would compile its *.svelte.js chunks as Svelte sources and fail).
		server: { deps: { external: [/[\\/]build[\\/]/] } },
		env: { TZ: 'UTC' }
	}
});
