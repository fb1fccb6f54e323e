// `npm run bench:report`: how long the board report PDF takes and whether memory grows.
// A full report of the demo library (12 months, every section, three campaigns: about 14 pages and
// 15 chart panels) rendered cold (a new Chromium), then warm 20 times in a row (the one Chromium
// reused), with this process's and Chromium's resident memory after each. Targets: warm < 4 s,
// cold < 8 s, no growth across the 20.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { overview } from '../src/lib/server/analytics/overview';
import { openDatabase, closeAll } from '../src/lib/server/db/database';
import { loadDemoLibrary } from '../src/lib/server/demo';
import { reportParamsFromQuery } from '../src/lib/server/reports/params';
import { closeReportBrowser, renderBoardReportPdf } from '../src/lib/server/reports/pdf';
import { serveBuild } from '../src/lib/server/reports/serve-build';
import { pdfPages } from '../tests/support/pdf-text';
import { loadAverage, median } from './support';

const RUNS = Number(process.env.REPORT_BENCH_RUNS ?? 20);
const db = await openDatabase(join(mkdtempSync(join(tmpdir(), 'lantern-report-bench-')), 'bench.duckdb'));
await loadDemoLibrary(db);
const server = await serveBuild(db.path);
const params = reportParamsFromQuery(new URLSearchParams('from=2025-11-01&to=2026-10-31'));
const data = await overview(db, params);
const request = {
	baseUrl: server.baseUrl,
	params: { ...params, ...data.range },
	range: data.range,
	libraryName: data.libraryName,
	renderAs: 'local-admin' as const
};

/** Resident memory of every process this one started (Chromium and its renderers), in MB, from `ps`. */
function childrenRssMb(): number {
	try {
		const table = execFileSync('ps', ['-eo', 'pid=,ppid=,rss='], { encoding: 'utf8' })
			.trim()
			.split('\n')
			.map((line) => line.trim().split(/\s+/).map(Number) as [number, number, number]);
		const mine = new Set([process.pid]);
		let total = 0;
		// Parents are listed before their children often but not always: repeat until nothing is added.
		for (let added = true; added;) {
			added = false;
			for (const [pid, ppid, rss] of table)
				if (mine.has(ppid) && !mine.has(pid)) {
					mine.add(pid);
					total += rss;
					added = true;
				}
		}
		return total / 1024;
	} catch {
		return NaN;
	}
}

async function once() {
	const started = performance.now();
	const pdf = await renderBoardReportPdf(request);
	return { ms: performance.now() - started, pdf };
}

// Impact estimates are cached by data version: the first call fills the cache, as a running server's would be.
const cold = await once();
const pages = (await pdfPages(new Uint8Array(cold.pdf))).length;
const rows: { run: string; seconds: string; nodeRssMb: string; chromiumRssMb: string }[] = [];
const chromium: number[] = [];
const mb = (x: number) => x.toFixed(0);
rows.push({
	run: 'cold (new Chromium)',
	seconds: (cold.ms / 1000).toFixed(2),
	nodeRssMb: mb(process.memoryUsage().rss / 2 ** 20),
	chromiumRssMb: mb(childrenRssMb())
});
await closeReportBrowser();
const coldAgain = await once();
rows.push({
	run: 'cold, estimates cached',
	seconds: (coldAgain.ms / 1000).toFixed(2),
	nodeRssMb: mb(process.memoryUsage().rss / 2 ** 20),
	chromiumRssMb: mb(childrenRssMb())
});
const warm: number[] = [];
const rss: number[] = [];
for (let i = 1; i <= RUNS; i += 1) {
	const { ms } = await once();
	warm.push(ms);
	rss.push(process.memoryUsage().rss / 2 ** 20);
	chromium.push(childrenRssMb());
	rows.push({
		run: `warm ${i}`,
		seconds: (ms / 1000).toFixed(2),
		nodeRssMb: mb(rss.at(-1)!),
		chromiumRssMb: mb(chromium.at(-1)!)
	});
}
console.table(rows);
const firstHalf = median(rss.slice(0, Math.floor(RUNS / 2)));
const secondHalf = median(rss.slice(Math.floor(RUNS / 2)));
console.log(
	[
		`${pages} pages, ${(cold.pdf.length / 1024).toFixed(0)} KB; load average ${loadAverage()}`,
		`cold ${(cold.ms / 1000).toFixed(2)} s (with the estimates computed), ${(coldAgain.ms / 1000).toFixed(2)} s (cached); target < 8 s`,
		`warm median ${(median(warm) / 1000).toFixed(2)} s, slowest ${(Math.max(...warm) / 1000).toFixed(2)} s; target < 4 s`,
		`node RSS median ${firstHalf.toFixed(0)} MB over runs 1–${Math.floor(RUNS / 2)}, ${secondHalf.toFixed(0)} MB over the rest (growth ${(secondHalf - firstHalf).toFixed(0)} MB)`,
		`Chromium RSS median ${median(chromium.slice(0, Math.floor(RUNS / 2))).toFixed(0)} MB, then ${median(chromium.slice(Math.floor(RUNS / 2))).toFixed(0)} MB`
	].join('\n')
);
await closeReportBrowser();
await server.close();
await closeAll();
process.exit(0);
