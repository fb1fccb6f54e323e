/**
 * `npm run fuzz:refusals [-- COUNT]`: mutated real and synthetic export files through the upload
 * path; prints how many refusals a person can act on (row and column, a line, or the file-level
 * reason in words) and how many show a server path or the engine's own text.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SOURCE_FIXTURES = join(ROOT, 'src/lib/server/ingest/sources/fixtures');
const REAL_FIXTURES = process.env.LANTERN_REAL_FIXTURES ?? join(ROOT, '..', 'shared', 'fixtures', 'real');
import { fuzzRefusals } from '../tests/support/refusal-fuzz';
import { seedFiles, syntheticFiles } from '../tests/support/mutate-exports';

const count = Number(process.argv[2] ?? 500);
const folders = [SOURCE_FIXTURES, ...(existsSync(join(REAL_FIXTURES, 'INDEX.md')) ? [REAL_FIXTURES] : [])];
const seeds = [...seedFiles(folders), ...syntheticFiles()];
const started = performance.now();
const figures = await fuzzRefusals(seeds, count);
const seconds = (performance.now() - started) / 1000;
console.log(`Refusal fuzzer: ${count} mutants of ${seeds.length} seed files (seed 18), ${seconds.toFixed(0)} s`);
console.log(`  imported ${figures.imported}, duplicate ${figures.duplicate}, refused ${figures.refused}`);
for (const [grade, n] of Object.entries(figures.grades)) console.log(`  ${grade.padEnd(20)} ${String(n).padStart(5)}`);
console.log(`  actionable share   ${(figures.actionableShare * 100).toFixed(1)}%`);
for (const example of figures.examples.slice(0, 40))
	console.log(`  - ${example.grade} (${example.mutation}, ${example.name}): ${example.message}`);
process.exit(0);
