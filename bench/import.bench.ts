/**
 * `npm run bench:import`: generates a 1,000,000-row X legacy CSV and a 1,000,000-row Facebook CSV
 * and imports each into a fresh database the way people do (`importAny`: load, then relink campaigns,
 * strategy labels and program promotions), beside DuckDB's own read_csv of the same file into a plain
 * table and the load alone (`importFile`). Each measurement runs in its own child process so its
 * peak memory is its own; the three alternate, RUNS times each, and the table shows medians.
 * ROWS=… overrides the row count, RUNS=… the repetitions; KEEP_FILES=1 keeps the generated files.
 * BASELINE=<folder of another checkout> adds its importAny to the alternation, to compare two trees.
 * Targets: importAny within 2× read_csv (aim 1.5×), peak memory under 1 GB.
 */
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { openDatabase } from '../src/lib/server/db/database';
import { importAny } from '../src/lib/server/ingest/import-any';
import { importFile } from '../src/lib/server/ingest/pipeline';
import { createRandom } from '../src/lib/demo/random';
import { loadAverage, median, peakRssMb, printTable, runChild } from './support';

const ROWS = Number(process.env.ROWS ?? 1_000_000);
const RUNS = Number(process.env.RUNS ?? 3);

async function writeLines(path: string, header: string, line: (i: number) => string): Promise<void> {
	const out = createWriteStream(path);
	const write = (text: string) =>
		out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', () => resolve()));
	await write(header);
	let chunk = '';
	for (let i = 0; i < ROWS; i += 1) {
		chunk += line(i);
		if (chunk.length > 1 << 20) {
			await write(chunk);
			chunk = '';
		}
	}
	await write(chunk);
	await new Promise<void>((resolve) => out.end(() => resolve()));
}

const X_HEADER =
	'"Tweet id","Tweet permalink","Tweet text","time","impressions","engagements","engagement rate","retweets","replies","likes","user profile clicks","url clicks","hashtag clicks","detail expands","permalink clicks","app opens","app installs","follows","email tweet","dial phone","media views","media engagements"' +
	',"promoted impressions"'.repeat(1) +
	'\n';
const FB_HEADER =
	'\uFEFF"Post ID","Page ID","Page name",Title,Description,"Duration (sec)","Publish time","Caption type",Permalink,"Is crosspost","Is share","Post type",Languages,"Custom labels","Funded content status","Data comment",Date,Views,Reach,"Reactions, Comments and Shares",Reactions,Comments,Shares,"Total clicks","Other Clicks","Matched Audience Targeting Consumption (Photo Click)"\n';
const TEXTS = [
	'Storytime this Tuesday at 10:30! #StorytimeAtEastside',
	'New staff picks are on the shelf, come browse #MVPLreads',
	'Thank you to everyone who joined the author talk, "What a night"',
	'Summer reading starts June 1 #MapleSummerReads https://t.co/abc'
];

async function generate(dir: string) {
	const { next: random } = createRandom(20261126, 'bench');
	const start = Date.UTC(2023, 0, 1);
	const x = join(dir, 'tweet_activity_metrics_bench_20230101_20261031_en.csv');
	await writeLines(x, X_HEADER, (i) => {
		const ms = start + i * 60_000;
		const id = ((BigInt(ms) - 1288834974657n) << 22n) + BigInt(i % 4096);
		const time = new Date(ms).toISOString().replace('T', ' ').slice(0, 16) + ' +0000';
		const impressions = Math.floor(random() * 5000);
		const likes = Math.floor(random() * 50);
		return `"${id}","https://twitter.com/bench/status/${id}","${TEXTS[i % 4]!.replaceAll('"', '""')}","${time}","${impressions}.0","${likes + 3}.0","${((likes + 3) / (impressions + 1)).toFixed(6)}","1.0","2.0","${likes}.0","0.0","0.0","0.0","0.0","0.0","0","0","0","0","0","0","0","-"\n`;
	});
	const fb = join(dir, 'Jan-01-2023_Oct-31-2026_104857392011482.csv');
	await writeLines(fb, FB_HEADER, (i) => {
		const d = new Date(start + i * 60_000);
		const publish = `${String(d.getUTCMonth() + 1).padStart(2, '0')}/${String(d.getUTCDate()).padStart(2, '0')}/${d.getUTCFullYear()} ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
		const reactions = Math.floor(random() * 40);
		return `${1_000_000_000_000_000 + i},104857392011482,"Maple Valley Public Library","${TEXTS[i % 4]!.replaceAll('"', '""')}",,0,"${publish}",N/A,https://www.facebook.com/maplevalleypl/posts/pfbid0${i},0,0,Photos,,,,,Lifetime,${Math.floor(random() * 4000)},${Math.floor(random() * 3000)},${reactions + 3},${reactions},2,1,${Math.floor(random() * 20)},1,1\n`;
	});
	return { x, fb };
}

interface Measurement {
	seconds: number;
	rows: number;
	peakMb: number;
}

const BASELINE = process.env.BASELINE;
const MODES = {
	duckdb: 'DuckDB read_csv → plain table',
	importFile: 'importFile (load only)',
	importAny: 'importAny (load + relink)',
	baseline: `importAny of ${BASELINE ?? 'another checkout'}`
} as const;
type Mode = keyof typeof MODES;
const modes = (Object.keys(MODES) as Mode[]).filter((mode) => mode !== 'baseline' || BASELINE);

async function child(mode: Mode, file: string, dbPath: string): Promise<void> {
	const started = performance.now();
	let rows: number;
	if (mode === 'duckdb') {
		const instance = await DuckDBInstance.create(dbPath);
		const connection = await instance.connect();
		await connection.run(`CREATE TABLE plain AS SELECT * FROM read_csv('${file.replaceAll("'", "''")}')`);
		const reader = await connection.runAndReadAll('SELECT count(*) AS n FROM plain');
		rows = Number(reader.getRowObjectsJS()[0]!.n);
	} else if (mode === 'baseline') {
		// The same call from another checkout's modules, on its own fresh database.
		const tree = process.env.BASELINE!;
		const { openDatabase: open } = (await import(join(tree, 'src/lib/server/db/database.ts'))) as {
			openDatabase: typeof openDatabase;
		};
		const { importAny: load } = (await import(join(tree, 'src/lib/server/ingest/import-any.ts'))) as {
			importAny: typeof importAny;
		};
		const options = { fileName: file.split('/').at(-1)!, now: new Date('2026-11-26T00:00:00Z') };
		const imported = await load(await open(dbPath), file, options);
		if (imported.status !== 'imported') throw new Error(`import ${imported.status}`);
		rows = imported.rowsLoaded;
	} else {
		const db = await openDatabase(dbPath);
		const options = { fileName: file.split('/').at(-1)!, now: new Date('2026-11-26T00:00:00Z') };
		const imported = mode === 'importAny' ? await importAny(db, file, options) : await importFile(db, file, options);
		if (imported.status !== 'imported')
			throw new Error(`import ${imported.status}: ${JSON.stringify(imported.errors.slice(0, 3))}`);
		rows = imported.rowsLoaded;
	}
	const result: Measurement = { seconds: (performance.now() - started) / 1000, rows, peakMb: peakRssMb() };
	console.log(JSON.stringify(result));
}

async function main() {
	const [mode, file, dbPath] = process.argv.slice(2);
	if (mode) return child(mode as Mode, file!, dbPath!);
	const dir = mkdtempSync(join(tmpdir(), 'lantern-bench-'));
	try {
		console.log(`Generating ${ROWS.toLocaleString('en-US')}-row files in ${dir} …`);
		const files = await generate(dir);
		const self = fileURLToPath(import.meta.url);
		const run = (runMode: Mode, file: string) =>
			runChild<Measurement>(self, [
				runMode,
				file,
				join(dir, `${runMode}-${Math.random().toString(36).slice(2)}.duckdb`)
			]);
		console.log(`Load average before: ${loadAverage()}`);
		for (const [label, file] of [
			['X legacy tweet activity', files.x],
			['Facebook posts (Meta)', files.fb]
		] as const) {
			// The three alternate, RUNS times each, each on a fresh database; medians are reported.
			const runs = { duckdb: [], importFile: [], importAny: [], baseline: [] } as Record<Mode, Measurement[]>;
			for (let i = 0; i < RUNS; i += 1) for (const runMode of modes) runs[runMode].push(run(runMode, file));
			const plain = median(runs.duckdb.map((r) => r.seconds));
			const mb = statSync(file).size / 1024 / 1024;
			console.log(
				`\n${label}: ${runs.importAny[0]!.rows.toLocaleString('en-US')} rows, ${mb.toFixed(0)} MB; medians of ${RUNS} alternating runs; load average ${loadAverage()}`
			);
			printTable(
				['step', 'median s', 'runs (s)', 'rows/s', '× read_csv', 'peak RSS MB'],
				modes.map((runMode) => {
					const seconds = median(runs[runMode].map((r) => r.seconds));
					return [
						MODES[runMode],
						seconds.toFixed(2),
						runs[runMode].map((r) => r.seconds.toFixed(2)).join(', '),
						Math.round(runs[runMode][0]!.rows / seconds).toLocaleString('en-US'),
						`${(seconds / plain).toFixed(2)}×`,
						Math.max(...runs[runMode].map((r) => r.peakMb)).toFixed(0)
					];
				})
			);
		}
		console.log('\nTargets: importAny ≤ 2× read_csv (aim 1.5×); peak RSS < 1024 MB.');
	} finally {
		if (process.env.KEEP_FILES) console.log(`Files kept in ${dir}`);
		else rmSync(dir, { recursive: true, force: true });
	}
}

await main();
