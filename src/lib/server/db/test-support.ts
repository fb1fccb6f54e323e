import { copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, inject, it } from 'vitest';
import { openDatabase, type Database } from './database';

/** The repository root, and the shared real fixtures beside it (../shared/fixtures/real). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
export const REAL_FIXTURES = resolve(REPO_ROOT, '..', 'shared', 'fixtures', 'real');
/**
 * Whether the real export files are beside this clone. CI has them; a person who clones the
 * repository does not, and their tests are then skipped (and counted as skipped) rather than failed.
 */
export const HAVE_REAL_FIXTURES = existsSync(join(REAL_FIXTURES, 'INDEX.md'));
/** `it` and `describe` for tests that read ../shared/fixtures/real. */
export const itWithRealFixtures = it.skipIf(!HAVE_REAL_FIXTURES);
export const describeWithRealFixtures = describe.skipIf(!HAVE_REAL_FIXTURES);
export const SOURCE_FIXTURES = resolve(REPO_ROOT, 'src/lib/server/ingest/sources/fixtures');

/** A real DuckDB file in a fresh temporary folder, migrated like a user's. */
export function tempDatabase(): Promise<Database> {
	return openDatabase(freshPath());
}

const freshPath = () => join(mkdtempSync(join(tmpdir(), 'lantern-test-')), 'lantern.duckdb');

/**
 * The demo library in a fresh temporary folder: a copy of the database that Vitest's global setup loaded
 * once through loadDemoLibrary (tests/unit/support/demo-template.ts), the same file a test that loaded
 * the demo itself would have, without loading it again.
 */
export function demoDatabase(): Promise<Database> {
	const path = freshPath();
	copyFileSync(inject('demoTemplate'), path);
	return openDatabase(path);
}

export { fingerprint, fingerprintEveryTable } from './fingerprint';
