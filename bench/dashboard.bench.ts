/**
 * `npm run bench:dashboard`: the dashboard pages as people use them, at the demo library's size, ×10
 * and ×100 (a consortium; see consortium.ts). For each size it
 *   1. builds the library through the import path (importAny, file by file, relinking as uploads do),
 *      adds an admin, and keeps the DuckDB file under the temp folder (reused on the next run);
 *   2. starts the server on a copy of that file exactly as `npm start` does (node scripts/start.cjs with
 *      PORT and LANTERN_DB), and signs in through the login form;
 *   3. requests every page with realistic filters: cold (the first request after a restart, then after
 *      each data change: saving the settings, which bumps the data version) and cached (repeats);
 *   4. measures each page's HTML, the JavaScript it loads (raw, gzipped, and what the server sends
 *      when the browser accepts br/gzip), and the server's peak memory (VmHWM).
 * SCALES=1,10 picks sizes; COLD (default 3) cold rounds, CACHED (default 10) cached repeats.
 * SCALES=174 is the consortium size of issue 14 (≈400,000 posts over five years: 174 demo-sized
 * members); its programs and usage are the members' own (≈2,400 LibCal events, monthly usage), not
 * the 100,000 programs and daily usage of a real consortium. PAGES=social,usage keeps only the pages
 * whose name contains one of the words.
 * Targets at ×100: p95 under 150 ms cold and 20 ms cached; no HTML over 0.5 MB; the largest page's
 * JavaScript under 250 KB gzipped and served compressed; server memory under 1 GB.
 */
import { type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { ensureBuild } from '../scripts/ensure-build.js';
import { closeAll, openDatabase } from '../src/lib/server/db/database';
import { createUser } from '../src/lib/server/auth/users';
import { importAny } from '../src/lib/server/ingest/import-any';
import { saveSettings } from '../src/lib/server/settings';
import { consortiumFiles } from './consortium';
import { send as request, signIn, startLantern, type Answer, type SendOptions } from '../tests/support/lantern-server';
import { loadAverage, printTable, runChild } from './support';

const SCALES = (process.env.SCALES ?? '1,10,100').split(',').map(Number);
const COLD = Number(process.env.COLD ?? 3);
const CACHED = Number(process.env.CACHED ?? 10);
const NOW = new Date('2026-11-26T00:00:00Z');
const LIBRARY = { libraryName: 'Bench consortium', timeZone: 'America/Chicago' };
// An admin: the one role that may save the settings, the data change the cold rounds make.
const ADMIN = { email: 'admin@bench.example', name: 'Bench Admin', password: 'bench-admin-password' };
// Bump when the built library changes shape (consortium.ts, the import path, migrations that rewrite data).
const CACHE_DIR = join(tmpdir(), 'lantern-bench-dashboard-v2');

interface Library {
	/** the campaign with the most posts, and how many */
	campaignId: number;
	campaignPosts: number;
	/** the newest post's day, from which the filters are drawn */
	lastDay: string;
	posts: number;
}

/** Child process: imports the consortium file by file into `dbPath`, as the CLI and uploads do. */
async function build(scale: number, dbPath: string): Promise<void> {
	const library = consortiumFiles(scale);
	const db = await openDatabase(dbPath);
	await saveSettings(db, LIBRARY);
	for (const file of library.files) {
		const result = await importAny(db, file.path, { fileName: file.name, now: NOW });
		if (result.status !== 'imported') throw new Error(`${file.name} was ${result.status}`);
	}
	await createUser(db, { email: ADMIN.email, name: ADMIN.name, role: 'admin', branches: null }, ADMIN.password);
	const [largest] = await db.query<{ campaign_id: number; posts: number }>(
		'SELECT campaign_id, count(*) AS posts FROM campaign_posts GROUP BY campaign_id ORDER BY posts DESC, campaign_id LIMIT 1'
	);
	const [span] = await db.query<{ last_day: string; posts: number }>(
		`SELECT strftime(max(published_at), '%Y-%m-%d') AS last_day, count(*) AS posts FROM posts`
	);
	const out: Library = {
		campaignId: largest!.campaign_id,
		campaignPosts: largest!.posts,
		lastDay: span!.last_day,
		posts: span!.posts
	};
	await closeAll();
	console.log(JSON.stringify(out));
}

/** The built library for `scale`: from the cache, or built now (in a child, so its memory is its own). */
function library(scale: number): { dbPath: string; library: Library } {
	mkdirSync(CACHE_DIR, { recursive: true });
	const dbPath = join(CACHE_DIR, `x${scale}.duckdb`);
	const infoPath = join(CACHE_DIR, `x${scale}.json`);
	if (existsSync(infoPath) && existsSync(dbPath))
		return { dbPath, library: JSON.parse(readFileSync(infoPath, 'utf8')) as Library };
	rmSync(dbPath, { force: true });
	rmSync(`${dbPath}.wal`, { force: true });
	const started = performance.now();
	const built = runChild<Library>(fileURLToPath(import.meta.url), ['build', String(scale), dbPath]);
	console.log(`×${scale} library built through importAny in ${((performance.now() - started) / 1000).toFixed(0)} s`);
	writeFileSync(infoPath, JSON.stringify(built));
	return { dbPath, library: built };
}

const addDays = (day: string, days: number) =>
	new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Every page, with the filters a director uses: the default range, a quarter, a year against the year before, a branch, platform, campaign, strategy or audience. */
function pages(library: Library): { name: string; path: string }[] {
	const last = library.lastDay;
	const year = Number(last.slice(0, 4)) - 1;
	const quarter = `from=${addDays(last, -89)}&to=${last}&compare=previous`;
	const wholeYear = `from=${year}-01-01&to=${year}-12-31&compare=year`;
	const campaign = `/campaigns/${library.campaignId}`;
	return [
		{ name: '/overview', path: '/overview' },
		{ name: '/overview quarter', path: `/overview?${quarter}` },
		{ name: '/overview year vs year', path: `/overview?${wholeYear}` },
		{ name: '/overview Eastside instagram quarter', path: `/overview?${quarter}&branch=Eastside&platform=instagram` },
		{ name: '/overview campaign', path: `/overview?campaign=${library.campaignId}` },
		{ name: '/overview strategy Teens year', path: `/overview?${wholeYear}&strategy=programs_showcase&audience=Teens` },
		{ name: '/strategies', path: '/strategies' },
		{ name: '/strategies x quarter', path: `/strategies?${quarter}&platform=x` },
		{ name: '/campaigns', path: '/campaigns' },
		{ name: '/campaigns Eastside instagram', path: '/campaigns?branch=Eastside&platform=instagram' },
		{ name: `${campaign} (largest)`, path: campaign },
		{ name: `${campaign}?page=2`, path: `${campaign}?page=2` },
		{ name: '/explore', path: '/explore' },
		{ name: '/explore circulation', path: `/explore?metric=usage:circulation&campaign=${library.campaignId}` },
		{ name: '/social instagram quarter', path: `/social?${quarter}&platform=instagram` },
		{ name: '/social year vs year', path: `/social?${wholeYear}` },
		{ name: '/programs Central year', path: `/programs?${wholeYear}&branch=Central` },
		{ name: '/programs', path: '/programs' },
		{ name: '/usage Eastside quarter', path: `/usage?${quarter}&branch=Eastside` },
		{ name: '/usage year vs year', path: `/usage?${wholeYear}` },
		{ name: '/literacy year vs year', path: `/literacy?${wholeYear}` },
		{ name: '/literacy Riverside', path: '/literacy?branch=Riverside' },
		{ name: '/library', path: '/library' },
		{ name: '/uploads', path: '/uploads' },
		{ name: '/print/board-report year', path: `/print/board-report?${wholeYear}` }
	];
}

const agent = new Agent({ keepAlive: true });
const send = (port: number, path: string, options: SendOptions = {}) => request(port, path, { agent, ...options });

interface Server {
	process: ChildProcess;
	port: number;
	stop: () => Promise<void>;
}

/** `npm start` on `dbPath`: the same script, only PORT, LANTERN_DB and the zone set. */
async function startServer(dbPath: string): Promise<Server> {
	const server = await startLantern({ database: dbPath, env: { TZ: 'America/Chicago' } });
	return { process: server.child, port: server.port, stop: server.stop };
}

/** The server's peak resident memory in MB (VmHWM), read from /proc while it runs. */
function serverPeakMb(server: Server): number | null {
	try {
		const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${server.process.pid}/status`, 'utf8'));
		return match ? Number(match[1]) / 1024 : null;
	} catch {
		return null;
	}
}

/** A data change as staff make one: the settings saved (unchanged), which bumps the data version. */
async function changeData(server: Server, cookie: string): Promise<void> {
	const answer = await send(server.port, '/settings', {
		method: 'POST',
		headers: {
			cookie,
			origin: `http://127.0.0.1:${server.port}`,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams(LIBRARY).toString()
	});
	if (answer.status !== 200) throw new Error(`saving the settings answered ${answer.status}`);
}

interface Script {
	raw: number;
	gzip: number;
	/** bytes sent when the browser accepts br and gzip, and the encoding used ('' when none) */
	sent: number;
	encoding: string;
}

const scripts = new Map<string, Script>();

/**
 * The page's JavaScript: the module preloads SvelteKit sends in the `link` header and the start-up
 * imports in the HTML, each fetched once.
 */
async function pageScripts(server: Server, answer: Answer): Promise<Script> {
	const modules = /\/_app\/immutable\/[^"'\s)>]+\.js/g;
	const urls = new Set([
		...(String(answer.headers.link ?? '').match(modules) ?? []),
		...(answer.body.toString('utf8').match(modules) ?? [])
	]);
	const total: Script = { raw: 0, gzip: 0, sent: 0, encoding: '' };
	const encodings = new Set<string>();
	for (const url of urls) {
		let script = scripts.get(url);
		if (!script) {
			const raw = await send(server.port, url);
			const compressed = await send(server.port, url, { headers: { 'accept-encoding': 'br, gzip' } });
			script = {
				raw: raw.body.length,
				gzip: gzipSync(raw.body, { level: 9 }).length,
				sent: compressed.body.length,
				encoding: String(compressed.headers['content-encoding'] ?? '')
			};
			scripts.set(url, script);
		}
		total.raw += script.raw;
		total.gzip += script.gzip;
		total.sent += script.sent;
		encodings.add(script.encoding || 'none');
	}
	total.encoding = [...encodings].sort().join('+');
	return total;
}

interface PageResult {
	name: string;
	status: number;
	cold: number[];
	cached: number[];
	htmlBytes: number;
	script: Script;
}

interface SizeResult {
	scale: number;
	posts: number;
	campaignPosts: number;
	pages: PageResult[];
	peakMb: number | null;
	startSeconds: number;
}

const quantile = (xs: readonly number[], q: number) => {
	const sorted = xs.slice().sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
};

async function measure(scale: number): Promise<SizeResult> {
	const { dbPath, library: built } = library(scale);
	const runDir = mkdtempSync(join(tmpdir(), 'lantern-bench-dashboard-run-'));
	const copy = join(runDir, 'lantern.duckdb');
	copyFileSync(dbPath, copy);
	const started = performance.now();
	const server = await startServer(copy);
	const startSeconds = (performance.now() - started) / 1000;
	try {
		const cookie = await signIn(`http://127.0.0.1:${server.port}`, ADMIN);
		const only = process.env.PAGES?.split(',').filter(Boolean);
		const list = pages(built).filter((page) => !only || only.some((word) => page.name.includes(word)));
		const results: PageResult[] = list.map((page) => ({
			name: page.name,
			status: 0,
			cold: [],
			cached: [],
			htmlBytes: 0,
			script: { raw: 0, gzip: 0, sent: 0, encoding: '' }
		}));
		for (let round = 0; round < COLD; round += 1) {
			// Round 0 follows the restart; the others follow a data change.
			if (round > 0) await changeData(server, cookie);
			for (const [index, page] of list.entries()) {
				const answer = await send(server.port, page.path, { headers: { cookie } });
				results[index]!.cold.push(answer.ms);
				results[index]!.status = answer.status;
			}
		}
		for (const [index, page] of list.entries()) {
			const result = results[index]!;
			for (let run = 0; run < CACHED; run += 1) {
				const answer = await send(server.port, page.path, { headers: { cookie } });
				result.cached.push(answer.ms);
				result.htmlBytes = answer.body.length;
				if (run === 0) result.script = await pageScripts(server, answer);
			}
		}
		return {
			scale,
			posts: built.posts,
			campaignPosts: built.campaignPosts,
			pages: results,
			peakMb: serverPeakMb(server),
			startSeconds
		};
	} finally {
		await server.stop();
		rmSync(runDir, { recursive: true, force: true });
	}
}

const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));
const kb = (bytes: number) => (bytes / 1024).toFixed(bytes >= 100 * 1024 ? 0 : 1);

function report(result: SizeResult, baseline: SizeResult | undefined): void {
	console.log(
		`\n×${result.scale}: ${result.posts.toLocaleString('en-US')} posts; largest campaign ${result.campaignPosts.toLocaleString('en-US')} posts; ` +
			`server started in ${result.startSeconds.toFixed(1)} s; server VmHWM ${result.peakMb?.toFixed(0) ?? '?'} MB` +
			(baseline?.peakMb && result.peakMb ? ` (×${(result.peakMb / baseline.peakMb).toFixed(1)} the ×1)` : '')
	);
	printTable(
		[
			'page',
			'status',
			'cold p50 ms',
			'cold p95 ms',
			'cached p50 ms',
			'cached p95 ms',
			'vs ×1 cold/cached p50',
			'HTML KB',
			'JS KB',
			'JS KB gzip',
			'JS KB sent',
			'sent as'
		],
		result.pages.map((page, index) => {
			// Same list, same order at every size (the largest campaign's id may differ).
			const base = baseline?.pages[index];
			const ratio = base
				? `${(quantile(page.cold, 0.5) / quantile(base.cold, 0.5)).toFixed(1)} / ${(quantile(page.cached, 0.5) / quantile(base.cached, 0.5)).toFixed(1)}`
				: '';
			return [
				page.name,
				String(page.status),
				ms(quantile(page.cold, 0.5)),
				ms(quantile(page.cold, 0.95)),
				ms(quantile(page.cached, 0.5)),
				ms(quantile(page.cached, 0.95)),
				ratio,
				kb(page.htmlBytes),
				kb(page.script.raw),
				kb(page.script.gzip),
				kb(page.script.sent),
				page.script.encoding
			];
		})
	);
}

async function main() {
	const [mode, scale, dbPath] = process.argv.slice(2);
	if (mode === 'build') return build(Number(scale), dbPath!);
	ensureBuild({ log: console.log });
	console.log(`Load average before: ${loadAverage()}`);
	const results: SizeResult[] = [];
	for (const size of SCALES) {
		const result = await measure(size);
		results.push(result);
		report(
			result,
			results.find((r) => r.scale === 1)
		);
	}
	console.log(`\nLoad average after: ${loadAverage()}`);
	agent.destroy();
}

await main();
