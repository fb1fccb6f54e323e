/**
 * `npm run soak [-- FILES KILLS IMPORTER_KILLS]` (default 5,000 files, 50 server kills, 10 importer
 * kills): mutated real and synthetic export files through the import path; then the server, started
 * as `npm start` starts it, SIGKILLed at random moments of uploads, relinking and report rendering;
 * then `lantern import` SIGKILLed at random moments; prints the figures of each.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedFiles, syntheticFiles } from '../tests/support/mutate-exports';
import { soakServerKills } from '../tests/support/server-soak';
import { soakFiles, soakKills } from '../tests/support/soak';
import { loadAverage } from './support';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const REAL_FIXTURES = process.env.LANTERN_REAL_FIXTURES ?? join(ROOT, '..', 'shared', 'fixtures', 'real');
const files = Number(process.argv[2] ?? 5_000);
const kills = Number(process.argv[3] ?? 50);
const importerKills = Number(process.argv[4] ?? 10);
const folders = [
	join(ROOT, 'src/lib/server/ingest/sources/fixtures'),
	...(existsSync(join(REAL_FIXTURES, 'INDEX.md')) ? [REAL_FIXTURES] : [])
];
const seeds = [...seedFiles(folders), ...syntheticFiles()];
let failed = 0;

function report(title: string, started: number, figures: { failures: string[] }): void {
	console.log(`${title} in ${((performance.now() - started) / 1000).toFixed(0)} s; load average ${loadAverage()}`);
	console.table({ ...figures, failures: figures.failures.length });
	for (const failure of figures.failures.slice(0, 20)) console.log(`  - ${failure}`);
	failed += figures.failures.length;
}

console.log(`Load average at start: ${loadAverage()}`);
if (files > 0) {
	const started = performance.now();
	const figures = await soakFiles(seeds, files, 5, {
		onProgress: (done, so) =>
			console.log(
				`  ${done} files in ${((performance.now() - started) / 1000).toFixed(0)} s (load ${loadAverage()}): ${JSON.stringify({ ...so, failures: so.failures.length })}`
			)
	});
	report(`Soak, files: ${files} mutants of ${seeds.length} seeds`, started, figures);
}
if (kills > 0) {
	const started = performance.now();
	const figures = await soakServerKills(ROOT, kills, { log: (line) => console.log(`  ${line}`) });
	const { killedDuring, ...rest } = figures;
	report(
		`Soak, server kills: ${kills} SIGKILLs of \`npm start\`'s server (during ${Object.entries(killedDuring)
			.map(([moment, n]) => `${moment} ${n}`)
			.join(', ')})`,
		started,
		rest
	);
}
if (importerKills > 0) {
	const started = performance.now();
	report(
		`Soak, importer kills: ${importerKills} SIGKILLs of \`lantern import\``,
		started,
		await soakKills(ROOT, importerKills)
	);
}
process.exit(failed === 0 ? 0 : 1);
