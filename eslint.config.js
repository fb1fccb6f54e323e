// Lint rules: ESLint's recommended, typescript-eslint's type-checked recommended, Svelte's
// recommended; formatting is Prettier's job (eslint-config-prettier turns the overlapping rules off).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'node_modules/',
			'.test-output/',
			'test-results/',
			'data/',
			'static/',
			// Copies of platforms' exports (an X archive's tweets.js is JavaScript), kept as the platform writes them.
			'src/lib/server/ingest/sources/fixtures/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommendedTypeChecked,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: {
			globals: { ...globals.browser, ...globals.node },
			parserOptions: {
				projectService: { allowDefaultProject: ['eslint.config.js'] },
				tsconfigRootDir: import.meta.dirname,
				extraFileExtensions: ['.svelte']
			}
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: { parserOptions: { parser: ts.parser, svelteConfig } }
	},
	{
		rules: {
			// Unused names starting with _ are deliberate (a destructured field left out on purpose).
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }
			],
			// Lantern is served at the root (no paths.base), so plain hrefs are the resolved paths.
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	{
		// Vitest's asymmetric matchers (expect.any, expect.stringContaining) are typed `any`, and tests
		// read JSON answers whose shape the assertion itself checks.
		files: ['**/*.test.ts', 'tests/**/*.ts', 'bench/**/*.ts'],
		rules: {
			'@typescript-eslint/no-unsafe-assignment': 'off',
			'@typescript-eslint/no-unsafe-member-access': 'off',
			'@typescript-eslint/no-unsafe-argument': 'off'
		}
	}
);
