/**
 * `npm run bench:relink`: relinking (campaign links, strategy labels, program promotions) at the
 * demo library's size, ×10 and ×100 (a consortium; see consortium.ts), three measurements each:
 *   libcal   a library of posts, campaigns and usage takes its LibCal events file: the load
 *            (importFile) and the relink after it (relinkAfter), the two steps importAny takes;
 *   library  the whole library imported file by file with importAny, as people do, into an empty database;
 *   full     a full relink (relinkCampaigns over every post) of the whole library.
 * Each measurement runs in its own child process, so its peak memory is its own; they alternate,
 * RUNS times each (default 3), and the table shows medians. SCALES=1,10 and MODES=libcal,full pick
 * a subset; TIMEOUT_S (default 1200) stops a measurement that runs longer.
 * Targets at ×100: the LibCal relink under 10 s, the whole library under 60 s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { relinkCampaigns } from '../src/lib/server/campaigns';
import { openDatabase, type Database } from '../src/lib/server/db/database';
import { importAny, relinkAfter } from '../src/lib/server/ingest/import-any';
import { importFile } from '../src/lib/server/ingest/pipeline';
import { saveSettings } from '../src/lib/server/settings';
import { consortiumFiles, type ConsortiumFiles } from './consortium';
import { loadAverage, median, peakRssMb, printTable, runChild } from './support';

const SCALES = (process.env.SCALES ?? '1,10,100').split(',').map(Number);
const MODES = (process.env.MODES ?? 'libcal,library,full').split(',') as Mode[];
const RUNS = Number(process.env.RUNS ?? 3);
const TIMEOUT_S = Number(process.env.TIMEOUT_S ?? 1200);
const NOW = new Date('2026-11-26T00:00:00Z');

type Mode = 'libcal' | 'library' | 'full';

interface Measurement {
	/** seconds of the measured step(s) */
	seconds: number;
	/** libcal: the load's and the relink's seconds */
	load?: number;
	relink?: number;
	posts: number;
	programs: number;
	peakMb: number;
}

async function imported(work: Promise<{ status: string; fileName: string }>): Promise<void> {
	const result = await work;
	if (result.status !== 'imported') throw new Error(`${result.fileName} was ${result.status}`);
}

/** Every file but those left out, without relinking after each; one full relink at the end. */
async function loadLibrary(db: Database, library: ConsortiumFiles, leaveOut: string[] = []): Promise<void> {
	for (const file of library.files.filter((f) => !leaveOut.includes(f.kind)))
		await imported(importAny(db, file.path, { fileName: file.name, now: NOW, relink: false }));
	await relinkCampaigns(db);
}

async function counts(db: Database): Promise<{ posts: number; programs: number }> {
	const [row] = await db.query<{ posts: number; programs: number }>(
		'SELECT (SELECT count(*) FROM posts) AS posts, (SELECT count(*) FROM programs) AS programs'
	);
	return row!;
}

async function child(mode: Mode, scale: number, dbPath: string): Promise<void> {
	const library = consortiumFiles(scale);
	const db = await openDatabase(dbPath);
	await saveSettings(db, { libraryName: 'Bench consortium', timeZone: 'America/Chicago' });
	let measured: Pick<Measurement, 'seconds' | 'load' | 'relink'>;
	if (mode === 'libcal') {
		await loadLibrary(db, library, ['programs']);
		const libcal = library.files.find((file) => file.kind === 'programs')!;
		let started = performance.now();
		const result = await importFile(db, libcal.path, { fileName: libcal.name, now: NOW });
		if (result.status !== 'imported') throw new Error(`LibCal was ${result.status}`);
		const load = (performance.now() - started) / 1000;
		started = performance.now();
		await relinkAfter(db);
		const relink = (performance.now() - started) / 1000;
		measured = { seconds: load + relink, load, relink };
	} else if (mode === 'library') {
		const started = performance.now();
		for (const file of library.files) await imported(importAny(db, file.path, { fileName: file.name, now: NOW }));
		measured = { seconds: (performance.now() - started) / 1000 };
	} else {
		await loadLibrary(db, library);
		const started = performance.now();
		await relinkCampaigns(db);
		measured = { seconds: (performance.now() - started) / 1000 };
	}
	const result: Measurement = { ...measured, ...(await counts(db)), peakMb: peakRssMb() };
	console.log(JSON.stringify(result));
}

const LABELS: Record<Mode, string> = {
	libcal: 'LibCal into the library: load + relink s',
	library: 'whole library, importAny s',
	full: 'full relink s'
};

async function main() {
	const [mode, scale, dbPath] = process.argv.slice(2);
	if (mode) return child(mode as Mode, Number(scale), dbPath!);
	for (const scale of SCALES) {
		const started = performance.now();
		consortiumFiles(scale);
		console.log(`×${scale} library ready (${((performance.now() - started) / 1000).toFixed(0)} s)`);
	}
	const dir = mkdtempSync(join(tmpdir(), 'lantern-bench-relink-'));
	const self = fileURLToPath(import.meta.url);
	const results = new Map<string, (Measurement | null)[]>();
	console.log(`Load average before: ${loadAverage()}`);
	try {
		for (let run = 0; run < RUNS; run += 1) {
			for (const scale of SCALES) {
				for (const mode of MODES) {
					const db = join(dir, `${mode}-${scale}-${run}.duckdb`);
					let measurement: Measurement | null;
					try {
						measurement = runChild<Measurement>(self, [mode, String(scale), db], {}, TIMEOUT_S * 1000);
					} catch (error) {
						console.log(`×${scale} ${mode}: ${(error as Error).message.split('\n')[0]}`);
						measurement = null;
					}
					rmSync(db, { force: true });
					rmSync(`${db}.wal`, { force: true });
					const key = `${scale}:${mode}`;
					results.set(key, [...(results.get(key) ?? []), measurement]);
				}
			}
		}
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
	console.log(`\nMedians of ${RUNS} alternating runs; load average after: ${loadAverage()}`);
	const cell = (scale: number, mode: Mode, pick: (m: Measurement) => number | undefined) => {
		const runs = results.get(`${scale}:${mode}`) ?? [];
		const done = runs.filter((m): m is Measurement => m !== null).map(pick);
		if (done.length === 0) return runs.length ? `> ${TIMEOUT_S}` : '';
		return median(done.map((v) => v ?? NaN)).toFixed(2);
	};
	const base = SCALES[0]!;
	const ratio = (scale: number, mode: Mode) => {
		const value = Number(cell(scale, mode, (m) => m.seconds));
		const demo = Number(cell(base, mode, (m) => m.seconds));
		return Number.isFinite(value) && Number.isFinite(demo) && demo > 0 ? `${(value / demo).toFixed(1)}×` : '';
	};
	const sizes = (scale: number) =>
		MODES.flatMap((mode) => results.get(`${scale}:${mode}`) ?? []).find((m): m is Measurement => m !== null);
	printTable(
		[
			'size',
			'posts',
			'programs',
			...MODES.flatMap((mode) =>
				mode === 'libcal' ? ['LibCal load s', 'LibCal relink s', `relink / ×${base}`] : [LABELS[mode], `/ ×${base}`]
			),
			'peak RSS MB'
		],
		SCALES.map((scale) => [
			`×${scale}`,
			sizes(scale)?.posts.toLocaleString('en-US') ?? '',
			sizes(scale)?.programs.toLocaleString('en-US') ?? '',
			...MODES.flatMap((mode) =>
				mode === 'libcal'
					? [
							cell(scale, mode, (m) => m.load),
							cell(scale, mode, (m) => m.relink),
							(() => {
								const value = Number(cell(scale, mode, (m) => m.relink));
								const demo = Number(cell(base, mode, (m) => m.relink));
								return Number.isFinite(value) && Number.isFinite(demo) ? `${(value / demo).toFixed(1)}×` : '';
							})()
						]
					: [cell(scale, mode, (m) => m.seconds), ratio(scale, mode)]
			),
			Math.max(
				0,
				...MODES.flatMap((mode) => results.get(`${scale}:${mode}`) ?? [])
					.filter((m): m is Measurement => m !== null)
					.map((m) => m.peakMb)
			).toFixed(0)
		])
	);
	console.log('\nTargets at ×100: LibCal relink < 10 s; whole library < 60 s.');
}

await main();
