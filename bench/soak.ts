/**
 * `npm run soak [-- FILES KILLS]` (default 5,000 files, 50 kills): mutated real and synthetic export
 * files through the import path, then SIGKILLs of an importer at random moments; prints the figures.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedFiles, syntheticFiles } from '../tests/support/mutate-exports';
import { soakFiles, soakKills } from '../tests/support/soak';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const REAL_FIXTURES = process.env.LANTERN_REAL_FIXTURES ?? join(ROOT, '..', 'shared', 'fixtures', 'real');
const files = Number(process.argv[2] ?? 5_000);
const kills = Number(process.argv[3] ?? 50);
const folders = [
	join(ROOT, 'src/lib/server/ingest/sources/fixtures'),
	...(existsSync(join(REAL_FIXTURES, 'INDEX.md')) ? [REAL_FIXTURES] : [])
];
const seeds = [...seedFiles(folders), ...syntheticFiles()];

let started = performance.now();
const fileFigures = await soakFiles(seeds, files);
console.log(
	`Soak, files: ${files} mutants of ${seeds.length} seeds in ${((performance.now() - started) / 1000).toFixed(0)} s`
);
console.table({ ...fileFigures, failures: fileFigures.failures.length });
for (const failure of fileFigures.failures.slice(0, 20)) console.log(`  - ${failure}`);

started = performance.now();
const killFigures = await soakKills(ROOT, kills);
console.log(
	`Soak, kills: ${kills} SIGKILLs of \`lantern import\` in ${((performance.now() - started) / 1000).toFixed(0)} s`
);
console.table({ ...killFigures, failures: killFigures.failures.length });
for (const failure of killFigures.failures.slice(0, 20)) console.log(`  - ${failure}`);
process.exit(fileFigures.failures.length + killFigures.failures.length === 0 ? 0 : 1);
