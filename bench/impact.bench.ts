/**
 * `npm run bench:impact`: the Impact panels of a campaign with five outcome metrics on the demo
 * library, served cold (first request after the data changed) and cached. Targets: 200 ms cold,
 * 20 ms cached. Also runs the single-fit benchmark (260 weekly points, target 5 ms).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { campaignImpact } from '../src/lib/server/analytics/impact';
import { openDatabase } from '../src/lib/server/db/database';
import { loadDemoLibrary } from '../src/lib/server/demo';

const db = await openDatabase(join(mkdtempSync(join(tmpdir(), 'lantern-bench-impact-')), 'bench.duckdb'));
await loadDemoLibrary(db, join(import.meta.dirname, '..', 'data', 'demo'));
const campaign = {
	name: 'Five outcomes',
	startsOn: '2025-09-01',
	endsOn: '2026-06-30',
	outcomeMetrics: [
		'usage:new_cards',
		'usage:visits',
		'usage:circulation',
		'usage:digital_checkouts',
		'programs:attendance:Eastside:storytime'
	]
};
const cold: number[] = [];
const warm: number[] = [];
for (let run = 0; run < 15; run += 1) {
	db.markChanged();
	let started = performance.now();
	const panels = await campaignImpact(db, campaign);
	cold.push(performance.now() - started);
	if (panels.length !== 5) throw new Error('expected five panels');
	started = performance.now();
	await campaignImpact(db, campaign);
	warm.push(performance.now() - started);
}
const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1]!;
console.log(`Impact panels, 5 outcome metrics (demo library), 15 runs after the first:`);
console.log(
	`  cold:   median ${median(cold.slice(1)).toFixed(1)} ms, p95 ${p95(cold.slice(1)).toFixed(1)} ms (target < 200 ms)`
);
console.log(
	`  cached: median ${median(warm.slice(1)).toFixed(2)} ms, p95 ${p95(warm.slice(1)).toFixed(2)} ms (target < 20 ms)`
);
await db.close();
await import('./its.bench');
