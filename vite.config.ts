import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	ssr: {
		// Native bindings must be loaded from node_modules at run time, never bundled.
		external: ['@duckdb/node-api', '@duckdb/node-bindings', 'playwright-core']
	},
	test: {
		include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'],
		environment: 'node',
		testTimeout: 60_000,
		hookTimeout: 60_000,
		pool: 'forks',
		env: { TZ: 'UTC' }
	}
});
