// Whether the real export files (../shared/fixtures/real) are beside this clone. CI has them; a
// person who clones the repository does not, and the tests that read them are then skipped.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ROOT } from './ensure-build.js';

export const REAL_FIXTURES = resolve(ROOT, '..', 'shared', 'fixtures', 'real');

export function realFixturesPresent() {
	return existsSync(join(REAL_FIXTURES, 'INDEX.md'));
}

export const WHY_REAL_FIXTURE_TESTS_SKIP =
	`they read the real export files in ${REAL_FIXTURES}, which is not beside this clone ` +
	'(CI has it; every other test ran).';
