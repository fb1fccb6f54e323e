/**
 * `npm run bench:browse-during-import`: 30 people browsing the dashboards while staff upload a
 * 1,000,000-row X post export and a director's board report renders.
 *   1. starts the server as `npm start` does (node scripts/start.cjs, its own port, database and temp
 *      folder) on a copy of the ×10 consortium from `npm run bench:dashboard` when it is in the temp
 *      folder, else on a fresh start with the demo library;
 *   2. signs in 30 sessions through the login form;
 *   3. each session requests dashboard pages in a loop (a think time of 0.2–1 s between them), first
 *      for BASELINE seconds with nothing else running, then while the upload (through the upload
 *      route) and the board report (/reports/board.pdf) run, until both have answered;
 *   4. prints errors and p50/p95/max per page for both phases, the upload's and the report's times,
 *      and the server's longest event-loop stall seen from outside (the slowest /login GET, which reads nothing).
 * ROWS (default 1,000,000), USERS (30), BASELINE (20 s). Target: 0 errors, p95 under 500 ms while importing.
 */
import { type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuild } from '../scripts/ensure-build.js';
import { send as request, signIn, startLantern, type SendOptions } from '../tests/support/lantern-server';
import { xPostExport } from '../tests/support/server-soak';
import { loadAverage, printTable } from './support';

const ROWS = Number(process.env.ROWS ?? 1_000_000);
const USERS = Number(process.env.USERS ?? 30);
const BASELINE_S = Number(process.env.BASELINE ?? 20);
const CONSORTIUM = join(tmpdir(), 'lantern-bench-dashboard-v2', 'x10');
// The admin `npm run bench:dashboard` adds to its libraries; on the demo it is made from LANTERN_ADMIN_EMAIL.
const ADMIN = { email: 'admin@bench.example', password: 'bench-admin-password' };

const agent = new Agent({ keepAlive: true, maxSockets: USERS + 4 });
const send = (port: number, path: string, options: SendOptions = {}) =>
	request(port, path, { agent, timeoutMs: 60_000, ...options });

async function startServer(database: string, temp: string): Promise<{ child: ChildProcess; port: number }> {
	const server = await startLantern({
		database,
		env: {
			TMPDIR: temp,
			TZ: 'America/Chicago',
			LANTERN_UPLOAD_LIMIT_MB: '1024',
			LANTERN_ADMIN_EMAIL: ADMIN.email,
			LANTERN_ADMIN_PASSWORD: ADMIN.password
		}
	});
	server.child.once('exit', (code, signal) =>
		console.log(`The server stopped (${code ?? signal}):\n${server.output().slice(-3000)}`)
	);
	return server;
}

const signInAt = (port: number) => signIn(`http://127.0.0.1:${port}`, ADMIN);

function pages(campaignId: number | null): string[] {
	return [
		'/overview',
		'/overview?compare=year',
		'/strategies',
		'/campaigns',
		...(campaignId ? [`/campaigns/${campaignId}`] : []),
		'/explore',
		'/library',
		'/uploads'
	];
}

interface Sample {
	page: string;
	phase: 'baseline' | 'importing';
	/** when the request was sent, in ms from the start of the importing phase (negative before it) */
	at: number;
	ms: number;
	error: string | null;
}

/** The importing phase in windows of WINDOW_S seconds: when, during the import, pages were slow. */
const WINDOW_S = 10;

const quantile = (xs: readonly number[], q: number) => {
	if (xs.length === 0) return NaN;
	const sorted = xs.slice().sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
};

async function main() {
	ensureBuild({ log: console.log });
	const runDir = mkdtempSync(join(tmpdir(), 'lantern-bench-browse-'));
	const temp = join(runDir, 'tmp');
	mkdirSync(temp);
	const database = join(runDir, 'lantern.duckdb');
	let campaignId: number | null = null;
	let libraryName = 'the demo library (fresh start)';
	if (existsSync(`${CONSORTIUM}.duckdb`) && existsSync(`${CONSORTIUM}.json`)) {
		copyFileSync(`${CONSORTIUM}.duckdb`, database);
		campaignId = (JSON.parse(readFileSync(`${CONSORTIUM}.json`, 'utf8')) as { campaignId: number }).campaignId;
		libraryName = `a copy of ${CONSORTIUM}.duckdb (×10 consortium)`;
	}
	const file = xPostExport(ROWS, 7);
	console.log(
		`${USERS} people browsing ${libraryName} while a ${ROWS.toLocaleString('en-US')}-row X export (${(file.length / 1024 / 1024).toFixed(0)} MB) is uploaded and a board report renders`
	);
	console.log(`Load average before: ${loadAverage()}`);
	const server = await startServer(database, temp);
	const samples: Sample[] = [];
	let phase: Sample['phase'] = 'baseline';
	let stop = false;
	let stallMs = 0;
	try {
		const cookies: string[] = [];
		for (let i = 0; i < USERS; i += 1) cookies.push(await signInAt(server.port));
		const list = pages(campaignId);
		let phaseStarted = performance.now() + BASELINE_S * 1000;
		const browse = async (user: number) => {
			for (let n = user; !stop; n += 1) {
				const page = list[n % list.length]!;
				const started = performance.now();
				let error: string | null = null;
				try {
					const answer = await send(server.port, page, { headers: { cookie: cookies[user]! } });
					if (answer.status !== 200) error = `answered ${answer.status}`;
				} catch (cause) {
					error = (cause as Error).message;
				}
				samples.push({ page, phase, at: started - phaseStarted, ms: performance.now() - started, error });
				await new Promise((resolve) => setTimeout(resolve, 200 + Math.random() * 800));
			}
		};
		// The sign-in page reads no data: how long it waits is how long the server's event loop was busy.
		const probe = async () => {
			while (!stop) {
				const answer = await send(server.port, '/login').catch(() => null);
				if (answer && phase === 'importing') stallMs = Math.max(stallMs, answer.ms);
				await new Promise((resolve) => setTimeout(resolve, 250));
			}
		};
		const users = Array.from({ length: USERS }, (_, user) => browse(user));
		const probing = probe();
		await new Promise((resolve) => setTimeout(resolve, BASELINE_S * 1000));
		phase = 'importing';
		const started = performance.now();
		phaseStarted = started;
		const origin = `http://127.0.0.1:${server.port}`;
		const uploading = send(server.port, '/api/imports?name=tweet_activity_metrics_browse_bench.csv', {
			method: 'POST',
			headers: { cookie: cookies[0]!, origin, 'content-type': 'text/csv' },
			body: file,
			timeoutMs: 3_600_000
		}).then(
			(answer) => ({ ms: answer.ms, summary: `${answer.status} ${answer.body.toString().slice(0, 300)}` }),
			(error: Error) => ({ ms: performance.now() - started, summary: `failed: ${error.message}` })
		);
		const rendering = send(server.port, '/reports/board.pdf', {
			headers: { cookie: cookies[1]! },
			timeoutMs: 600_000
		}).then(
			(answer) => ({ ms: answer.ms, summary: `${answer.status}, ${answer.body.length} bytes` }),
			(error: Error) => ({ ms: performance.now() - started, summary: `failed: ${error.message}` })
		);
		const marks: { label: string; at: number }[] = [];
		const mark =
			(label: string) =>
			<T>(value: T): T => {
				marks.push({ label, at: performance.now() - started });
				return value;
			};
		const [uploaded, rendered] = await Promise.all([
			uploading.then(mark('the upload answered')),
			rendering.then(mark('the board report answered'))
		]);
		const importingS = (performance.now() - started) / 1000;
		stop = true;
		await Promise.all([...users, probing]);
		console.log(`Upload: ${(uploaded.ms / 1000).toFixed(1)} s, ${uploaded.summary}`);
		console.log(`Board report: ${(rendered.ms / 1000).toFixed(1)} s, ${rendered.summary}`);
		console.log(
			`Importing phase ${importingS.toFixed(0)} s; slowest /login (event-loop stall) during it ${stallMs.toFixed(0)} ms`
		);
		for (const which of ['baseline', 'importing'] as const) {
			const inPhase = samples.filter((sample) => sample.phase === which);
			console.log(
				`\n${which === 'baseline' ? `Baseline (${BASELINE_S} s, nothing else running)` : 'While importing and rendering'}:`
			);
			const rows = [...list, 'all pages'].map((page) => {
				const mine = page === 'all pages' ? inPhase : inPhase.filter((sample) => sample.page === page);
				const times = mine.filter((sample) => !sample.error).map((sample) => sample.ms);
				return [
					page,
					String(mine.length),
					String(mine.filter((sample) => sample.error).length),
					quantile(times, 0.5).toFixed(0),
					quantile(times, 0.95).toFixed(0),
					quantile(times, 1).toFixed(0)
				];
			});
			printTable(['page', 'requests', 'errors', 'p50 ms', 'p95 ms', 'max ms'], rows);
			const errors = [...new Set(inPhase.filter((sample) => sample.error).map((s) => `${s.page}: ${s.error}`))];
			for (const error of errors.slice(0, 10)) console.log(`  - ${error}`);
		}
		console.log(`\nWhile importing and rendering, by ${WINDOW_S}-second window (from the start of the upload):`);
		const importing = samples.filter((sample) => sample.phase === 'importing');
		const windows = Math.ceil(Math.max(...importing.map((sample) => sample.at + sample.ms), 1) / (WINDOW_S * 1000));
		printTable(
			['window', 'requests', 'errors', 'p50 ms', 'p95 ms', 'max ms', 'slowest page', 'events'],
			Array.from({ length: windows }, (_, w) => {
				const [from, to] = [w * WINDOW_S * 1000, (w + 1) * WINDOW_S * 1000];
				const mine = importing.filter((sample) => sample.at >= from && sample.at < to);
				const times = mine.filter((sample) => !sample.error).map((sample) => sample.ms);
				const slowest = mine.reduce<Sample | null>((a, b) => (a && a.ms >= b.ms ? a : b), null);
				return [
					`${w * WINDOW_S}–${(w + 1) * WINDOW_S} s`,
					String(mine.length),
					String(mine.filter((sample) => sample.error).length),
					quantile(times, 0.5).toFixed(0),
					quantile(times, 0.95).toFixed(0),
					quantile(times, 1).toFixed(0),
					slowest?.page ?? '',
					marks
						.filter((m) => m.at >= from && m.at < to)
						.map((m) => m.label)
						.join('; ')
				];
			})
		);
		console.log(`\nLoad average after: ${loadAverage()}`);
	} finally {
		stop = true;
		if (server.child.exitCode === null && server.child.signalCode === null) {
			server.child.removeAllListeners('exit');
			server.child.kill('SIGTERM');
			await new Promise((resolve) => server.child.once('exit', resolve));
		}
		agent.destroy();
		rmSync(runDir, { recursive: true, force: true });
	}
}

await main();
