/**
 * The soak: (1) mutated real and synthetic files through the import path, checking each refused
 * file left every table as it was and each import stored all it said; (2) an importer killed with
 * SIGKILL at random moments, each followed by a next start that must find the database whole.
 */
import { spawn } from 'node:child_process';
import { runNode } from './run-node';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/lib/server/db/database';
import { fingerprintEveryTable } from '../../src/lib/server/db/fingerprint';
import { importUpload } from '../../src/lib/server/ingest/import-any';
import { IMPORTED_TABLES } from '../../src/lib/server/ingest/import-log';
import { mutant, seededRandom, type SeedFile } from './mutate-exports';

const HANG_MS = 30_000;
/** Tables a refusal may change: its own log entry and the audit trail. */
const LOG_TABLES = ['import_log', 'audit_log'];

export interface FileSoak {
	files: number;
	imported: number;
	refused: number;
	duplicates: number;
	crashes: number;
	hangs: number;
	partial: number;
	changedByRefusal: number;
	slowestMs: number;
	failures: string[];
}

/**
 * `onProgress` hears the figures so far every `every` files, so a run stopped early still says what it
 * proved. A hang is counted, then waited out (it holds the write lock) before the next file.
 */
export async function soakFiles(
	seeds: readonly SeedFile[],
	count: number,
	seed = 5,
	progress: { every?: number; onProgress?: (done: number, figures: FileSoak) => void } = {}
): Promise<FileSoak> {
	const dir = mkdtempSync(join(tmpdir(), 'lantern-soak-'));
	const db = await openDatabase(join(dir, 'soak.duckdb'));
	const figures: FileSoak = {
		files: count,
		imported: 0,
		refused: 0,
		duplicates: 0,
		crashes: 0,
		hangs: 0,
		partial: 0,
		changedByRefusal: 0,
		slowestMs: 0,
		failures: []
	};
	try {
		for (let i = 0; i < count; i += 1) {
			const file = mutant(seeds, seed, i);
			const path = join(dir, `${randomUUID()}.upload`);
			writeFileSync(path, file.bytes);
			const before = await fingerprintEveryTable(db, LOG_TABLES);
			const started = performance.now();
			let timer: NodeJS.Timeout | undefined;
			const importing = importUpload(db, path, { fileName: file.name }).then(
				(results) => ({ results }),
				(error: unknown) => ({ crash: error instanceof Error ? error.message : String(error) })
			);
			let outcome = await Promise.race([
				importing,
				new Promise<{ hang: true }>((resolve) => {
					timer = setTimeout(() => resolve({ hang: true }), HANG_MS);
				})
			]);
			clearTimeout(timer);
			const label = `#${i} ${file.mutation} of ${file.name}`;
			if ('hang' in outcome) {
				figures.hangs += 1;
				outcome = await importing;
				const ms = performance.now() - started;
				figures.failures.push(`${label}: no answer in 30 s (answered after ${(ms / 1000).toFixed(0)} s)`);
			}
			figures.slowestMs = Math.max(figures.slowestMs, performance.now() - started);
			rmSync(path, { force: true });
			if ((i + 1) % (progress.every ?? 100) === 0) progress.onProgress?.(i + 1, figures);
			if ('crash' in outcome) {
				figures.crashes += 1;
				figures.failures.push(`${label}: threw ${outcome.crash.slice(0, 200)}`);
				continue;
			}
			for (const result of outcome.results) {
				if (result.status === 'imported') {
					figures.imported += 1;
					let stored = 0;
					for (const table of IMPORTED_TABLES) {
						const [row] = await db.query<{ n: number }>(`SELECT count(*) AS n FROM ${table} WHERE import_id = $1`, [
							result.importId
						]);
						stored += Number(row!.n);
					}
					if (stored < result.rowsLoaded || stored === 0) {
						figures.partial += 1;
						figures.failures.push(`${label}: said ${result.rowsLoaded} rows, stored ${stored}`);
					}
				} else if (result.status === 'duplicate') figures.duplicates += 1;
				else figures.refused += 1;
			}
			if (outcome.results.every((result) => result.status !== 'imported')) {
				const after = await fingerprintEveryTable(db, LOG_TABLES);
				if (JSON.stringify(after) !== JSON.stringify(before)) {
					figures.changedByRefusal += 1;
					const changed = Object.keys(after).filter((table) => after[table] !== before[table]);
					figures.failures.push(`${label}: refused, yet changed ${changed.join(', ')}`);
				}
			}
		}
	} finally {
		await db.close();
		rmSync(dir, { recursive: true, force: true });
	}
	return figures;
}

export interface KillSoak {
	kills: number;
	openedAfter: number;
	partial: number;
	inconsistentDerived: number;
	leftovers: number;
	importsCommitted: number;
	failures: string[];
}

const node = (args: string[]) => [process.execPath, ['--import', 'tsx', ...args]] as const;

/** A post export big enough that importing and relinking it takes a few seconds. */
function xExport(dir: string, rows: number, offset: number): string {
	const header =
		'"Tweet id","Tweet permalink","Tweet text","time","impressions","engagements","engagement rate","retweets","replies","likes","user profile clicks","url clicks","hashtag clicks","detail expands","permalink clicks","app opens","app installs","follows","email tweet","dial phone","media views","media engagements"';
	const lines = [header];
	const start = Date.UTC(2026, 4, 1) + offset * 60_000 * rows;
	for (let i = 0; i < rows; i += 1) {
		const id = String(1_900_000_000_000_000_000n + BigInt(offset * rows + i));
		const time = new Date(start + i * 60_000).toISOString().replace('T', ' ').slice(0, 16);
		const text =
			i % 3 === 0 ? 'Summer reading starts June 1 #MapleSummerReads' : 'New staff picks on the shelf #MVPLreads';
		lines.push(
			`"${id}","https://twitter.com/mvpl/status/${id}","${text}","${time} +0000","${100 + (i % 50)}","${i % 9}","0.01","0","0","${i % 5}","0","0","0","0","0","0","0","0","0","0","0","0"`
		);
	}
	const path = join(dir, `tweet_activity_metrics_soak_${offset}.csv`);
	writeFileSync(path, `${lines.join('\n')}\n`);
	return path;
}

/**
 * Kills the importer (`lantern import`, the same import-and-relink path an upload takes) with
 * SIGKILL after a random delay, then runs a next start; repeats `kills` times on one database.
 */
export async function soakKills(
	repoRoot: string,
	kills: number,
	options: { rows?: number; maxDelayMs?: number; seed?: number } = {}
): Promise<KillSoak> {
	const { rows = 20_000, maxDelayMs = 120_000, seed = 11 } = options;
	const random = seededRandom(seed);
	const dir = mkdtempSync(join(tmpdir(), 'lantern-kill-'));
	const database = join(dir, 'lantern.duckdb');
	// The demo library's campaigns, so relinking has campaigns and strategies to derive.
	const campaigns = join(repoRoot, 'data/demo/campaigns.json');
	await runNode([join(repoRoot, 'src/cli/main.ts'), 'import', campaigns, '--db', database], { cwd: repoRoot });
	const figures: KillSoak = {
		kills,
		openedAfter: 0,
		partial: 0,
		inconsistentDerived: 0,
		leftovers: 0,
		importsCommitted: 0,
		failures: []
	};
	const importer = (file: string) =>
		spawn(...node([join(repoRoot, 'src/cli/main.ts'), 'import', file, '--db', database]), {
			cwd: repoRoot,
			stdio: 'ignore'
		});
	// One import left to finish sets the time scale: kills then land anywhere from the process's start,
	// through reading and committing the rows, to the relinking after (up to 110% of a whole run).
	const timed = xExport(dir, rows, kills);
	const started = performance.now();
	await new Promise<void>((resolve) => importer(timed).on('exit', () => resolve()));
	const wholeRunMs = Math.min(maxDelayMs, performance.now() - started);
	rmSync(timed, { force: true });
	for (let k = 0; k < kills; k += 1) {
		const file = xExport(dir, rows, k);
		const delay = Math.floor(random() * wholeRunMs * 1.1);
		await new Promise<void>((resolve) => {
			const child = importer(file);
			const timer = setTimeout(() => child.kill('SIGKILL'), delay);
			child.on('exit', () => {
				clearTimeout(timer);
				resolve();
			});
		});
		rmSync(file, { force: true });
		const run = await runNode([join(repoRoot, 'tests/unit/support/next-start.ts'), database], {
			cwd: repoRoot,
			timeoutMs: 300_000
		});
		let report: {
			opened: boolean;
			error?: string;
			partial: number[];
			derivedConsistent: boolean;
			leftovers: string[];
			imports: number;
		};
		try {
			report = JSON.parse(run.stdout) as typeof report;
		} catch {
			figures.failures.push(
				`kill ${k} after ${delay} ms: the next start printed ${run.stdout.slice(0, 200)} ${run.stderr.slice(0, 200)}`
			);
			continue;
		}
		if (report.opened) figures.openedAfter += 1;
		else figures.failures.push(`kill ${k} after ${delay} ms: the database did not open: ${report.error}`);
		if (report.partial.length > 0) {
			figures.partial += 1;
			figures.failures.push(`kill ${k}: imports ${report.partial.join(', ')} are partial`);
		}
		if (report.opened && !report.derivedConsistent) {
			figures.inconsistentDerived += 1;
			figures.failures.push(`kill ${k}: links and labels differ from a full relink`);
		}
		if (report.leftovers.length > 0) {
			figures.leftovers += 1;
			figures.failures.push(`kill ${k}: left ${report.leftovers.join(', ')}`);
		}
		// The campaigns and the timed run are two of the imports; the rest are kills that landed after a commit.
		figures.importsCommitted = report.imports - 2;
	}
	rmSync(dir, { recursive: true, force: true });
	return figures;
}
