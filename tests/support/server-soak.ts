/**
 * The soak's server kills: Lantern started as `npm start` starts it (node scripts/start.cjs on a built
 * app, the demo library, its own port, database and temp folder), then SIGKILLed at a random moment of
 * an upload through the upload route, of relinking (removing an import), or of a board report's PDF.
 * After each kill the server starts again, serves a page and stops; then the database must open as it
 * was left, every import all or nothing, links and labels equal to a full relink, no temp, spill or
 * upload file left, and no report marked ready without its whole file.
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuild } from '../../scripts/ensure-build.js';
import { startLantern, signIn, type LanternServer } from './lantern-server';
import { seededRandom } from './mutate-exports';

export type KillMoment = 'upload' | 'relink' | 'report';
/** The order kills cycle through, so even two kills cover an upload and a report. */
const MOMENTS: readonly KillMoment[] = ['upload', 'report', 'relink'];

export interface ServerKillSoak {
	kills: number;
	killedDuring: Record<KillMoment, number>;
	/** kills that landed before the action answered (the rest hit the server idle just after) */
	killedMidway: number;
	restartedAfter: number;
	openedAfter: number;
	partial: number;
	inconsistentDerived: number;
	leftovers: number;
	halfWrittenReports: number;
	/** Chromium or other children still running 5 s after their server was killed */
	orphanedProcesses: number;
	/** Playwright's empty per-launch artifacts folders in the temp folder at the end (not counted as leftovers) */
	emptyArtifactFolders: number;
	importsCommitted: number;
	reportsReady: number;
	failures: string[];
}

const ADMIN = { email: 'soak@library.example', password: 'soak admin password 1' };

type Running = LanternServer;

/** `npm start`'s script with PORT, LANTERN_DB and a temp folder of the soak's own. */
function startServer(repoRoot: string, database: string, temp: string): Promise<Running> {
	return startLantern({
		root: repoRoot,
		database,
		// Its own process group, so a kill reaches Chromium and any other child too.
		detached: true,
		env: {
			HOST: '127.0.0.1',
			TMPDIR: temp,
			TZ: 'America/Chicago',
			LANTERN_ADMIN_EMAIL: ADMIN.email,
			LANTERN_ADMIN_PASSWORD: ADMIN.password
		}
	});
}

function exited(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Every process below `pid`, read from /proc (Chromium and its helpers under the server). */
function descendants(pid: number): number[] {
	const parents = new Map<number, number>();
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			// The command name may hold spaces; the parent's id is the second field after its ')'.
			const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			parents.set(Number(entry), ppid);
		} catch {
			// exited meanwhile
		}
	}
	const found: number[] = [];
	const queue = [pid];
	while (queue.length > 0) {
		const parent = queue.pop()!;
		for (const [child, ppid] of parents)
			if (ppid === parent) {
				found.push(child);
				queue.push(child);
			}
	}
	return found;
}

const alive = (pid: number) => {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
};

/** SIGKILLs the server's whole process group; returns its children that outlived it by 5 s (then kills them). */
async function killServer(server: Running): Promise<number> {
	const pid = server.child.pid!;
	const children = descendants(pid);
	const done = exited(server.child);
	try {
		process.kill(-pid, 'SIGKILL');
	} catch {
		server.child.kill('SIGKILL');
	}
	await done;
	await new Promise((resolve) => setTimeout(resolve, 5_000));
	const left = children.filter(alive);
	for (const child of left) process.kill(child, 'SIGKILL');
	return left.length;
}

/** An X post export of `rows` posts, numbered from `offset` so each file is new to the library. */
export function xPostExport(rows: number, offset: number): Buffer {
	const header =
		'"Tweet id","Tweet permalink","Tweet text","time","impressions","engagements","engagement rate","retweets","replies","likes","user profile clicks","url clicks","hashtag clicks","detail expands","permalink clicks","app opens","app installs","follows","email tweet","dial phone","media views","media engagements"';
	const lines = [header];
	const start = Date.UTC(2026, 4, 1) + offset * 60_000 * rows;
	for (let i = 0; i < rows; i += 1) {
		const id = String(1_950_000_000_000_000_000n + BigInt(offset * rows + i));
		const time = new Date(start + i * 60_000).toISOString().replace('T', ' ').slice(0, 16);
		const text =
			i % 3 === 0 ? 'Summer reading starts June 1 #MapleSummerReads' : 'New staff picks on the shelf #MVPLreads';
		lines.push(
			`"${id}","https://twitter.com/mvpl/status/${id}","${text}","${time} +0000","${100 + (i % 50)}","${i % 9}","0.01","0","0","${i % 5}","0","0","0","0","0","0","0","0","0","0","0","0"`
		);
	}
	return Buffer.from(`${lines.join('\n')}\n`);
}

interface Session {
	base: string;
	cookie: string;
}

/** Uploads through the upload route, as the Uploads page sends a file; returns the import's id, if any. */
async function upload(session: Session, body: Buffer, offset: number): Promise<number | null> {
	const response = await fetch(
		`${session.base}/api/imports?name=${encodeURIComponent(`tweet_activity_metrics_soak_${offset}.csv`)}`,
		{
			method: 'POST',
			headers: { cookie: session.cookie, origin: session.base, 'content-type': 'text/csv' },
			body: new Uint8Array(body)
		}
	);
	const answer = (await response.json()) as { importId?: number; status?: string; message?: string };
	if (response.status !== 200)
		throw new Error(`the upload answered ${response.status}: ${JSON.stringify(answer).slice(0, 400)}`);
	return answer.importId ?? null;
}

/** Removes an import through the Uploads page's confirmed form: its rows go, then links and labels are relinked. */
async function removeImport(session: Session, importId: number): Promise<void> {
	const response = await fetch(`${session.base}/uploads?/remove`, {
		method: 'POST',
		headers: {
			cookie: session.cookie,
			origin: session.base,
			accept: 'application/json',
			'x-sveltekit-action': 'true',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams({ importId: String(importId), confirmed: 'yes' })
	});
	const answer = (await response.json()) as { type?: string };
	if (answer.type !== 'success') throw new Error(`removing import ${importId} answered ${JSON.stringify(answer)}`);
}

async function boardReport(session: Session): Promise<void> {
	const response = await fetch(`${session.base}/reports/board.pdf`, { headers: { cookie: session.cookie } });
	const bytes = Buffer.from(await response.arrayBuffer());
	if (response.status !== 200 || !bytes.subarray(0, 5).toString().startsWith('%PDF'))
		throw new Error(`the board report answered ${response.status}`);
}

/**
 * Files in the server's temp folder that are not Lantern's to keep: raw uploads, Chromium profiles.
 * Playwright's per-launch artifacts folder is empty unless a trace or download is asked for (Lantern
 * asks for neither) and cannot be told from a live one's, so an empty one is counted apart.
 */
function tempLeftovers(temp: string): { left: string[]; emptyArtifactFolders: number } {
	const left: string[] = [];
	let emptyArtifactFolders = 0;
	for (const entry of readdirSync(temp)) {
		if (entry.startsWith('playwright-artifacts-') && readdirSync(join(temp, entry)).length === 0) {
			emptyArtifactFolders += 1;
			continue;
		}
		if (entry === 'lantern-uploads') {
			const uploads = join(temp, entry);
			for (const name of readdirSync(uploads))
				if (!(name === 'held' && readdirSync(join(uploads, name)).length === 0)) left.push(`${entry}/${name}`);
		} else left.push(entry);
	}
	return { left, emptyArtifactFolders };
}

interface NextStart {
	opened: boolean;
	error?: string;
	partial: number[];
	derivedConsistent: boolean;
	leftovers: string[];
	imports: number;
	halfWrittenReports: string[];
	reportsReady: number;
}

export async function soakServerKills(
	repoRoot: string,
	kills: number,
	options: { rows?: number; seed?: number; log?: (line: string) => void } = {}
): Promise<ServerKillSoak> {
	const { rows = 20_000, seed = 13, log = () => undefined } = options;
	ensureBuild({ log });
	const random = seededRandom(seed);
	const dir = mkdtempSync(join(tmpdir(), 'lantern-server-kill-'));
	const database = join(dir, 'lantern.duckdb');
	const temp = join(dir, 'tmp');
	mkdirSync(temp);
	const figures: ServerKillSoak = {
		kills,
		killedDuring: { upload: 0, relink: 0, report: 0 },
		killedMidway: 0,
		restartedAfter: 0,
		openedAfter: 0,
		partial: 0,
		inconsistentDerived: 0,
		leftovers: 0,
		halfWrittenReports: 0,
		orphanedProcesses: 0,
		emptyArtifactFolders: 0,
		importsCommitted: 0,
		reportsReady: 0,
		failures: []
	};
	let offset = 0;
	let server = await startServer(repoRoot, database, temp);
	try {
		const session: Session = { base: server.base, cookie: await signIn(server.base, ADMIN) };
		// One of each, left to finish, sets each moment's time scale: kills land anywhere in 110% of it.
		const timed = async (work: () => Promise<unknown>) => {
			const started = performance.now();
			await work();
			return performance.now() - started;
		};
		const body = () => xPostExport(rows, (offset += 1));
		let lastImport: number | null = null;
		const scale: Record<KillMoment, number> = {
			upload: await timed(async () => (lastImport = await upload(session, body(), offset))),
			relink: await timed(() => removeImport(session, lastImport!)),
			report: await timed(() => boardReport(session))
		};
		log(`time scales (ms): ${JSON.stringify(scale)}`);
		for (let k = 0; k < kills; k += 1) {
			const moment = MOMENTS[k % MOMENTS.length]!;
			session.base = server.base;
			// Relinking needs an import to remove: one uploaded whole first.
			const target = moment === 'relink' ? await upload(session, body(), offset) : null;
			const file = moment === 'upload' ? body() : null;
			const delay = Math.floor(random() * scale[moment] * 1.1);
			let answered = false;
			const action = (
				moment === 'upload'
					? upload(session, file!, offset)
					: moment === 'relink'
						? removeImport(session, target!)
						: boardReport(session)
			).then(
				() => (answered = true),
				() => undefined // the kill cut the connection
			);
			await new Promise((resolve) => setTimeout(resolve, delay));
			if (!answered) figures.killedMidway += 1;
			figures.killedDuring[moment] += 1;
			const orphans = await killServer(server);
			await action;
			if (orphans > 0) {
				figures.orphanedProcesses += orphans;
				figures.failures.push(`kill ${k} (${moment}, ${delay} ms): ${orphans} child processes outlived the server`);
			}
			const label = `kill ${k} (${moment} after ${delay} ms)`;
			// The next start: the server's own start-up repairs what it can; it must then serve and stop.
			try {
				server = await startServer(repoRoot, database, temp);
				const page = await fetch(`${server.base}/overview`, { headers: { cookie: session.cookie } });
				if (page.status !== 200) throw new Error(`/overview answered ${page.status}`);
				figures.restartedAfter += 1;
			} catch (error) {
				figures.failures.push(`${label}: the server did not start again: ${(error as Error).message.slice(0, 400)}`);
				break;
			}
			await server.stop();
			const run = spawnSync(
				process.execPath,
				['--import', 'tsx', join(repoRoot, 'tests/unit/support/next-start.ts'), database, '--as-left'],
				{ cwd: repoRoot, encoding: 'utf8', timeout: 300_000 }
			);
			let report: NextStart;
			try {
				report = JSON.parse(run.stdout) as NextStart;
			} catch {
				const why = run.signal ? `was stopped by ${run.signal} (over 300 s)` : `printed ${run.stdout.slice(0, 200)}`;
				figures.failures.push(`${label}: the check ${why} ${run.stderr.slice(0, 400)}`);
				if (k < kills - 1) server = await startServer(repoRoot, database, temp);
				continue;
			}
			if (report.opened) figures.openedAfter += 1;
			else figures.failures.push(`${label}: the database did not open: ${report.error}`);
			// The check stopped part way: what it did not reach is unknown, not inconsistent.
			if (report.opened && report.error) figures.failures.push(`${label}: the check failed: ${report.error}`);
			if (report.partial.length > 0) {
				figures.partial += 1;
				figures.failures.push(`${label}: imports ${report.partial.join(', ')} are partial`);
			}
			if (report.opened && !report.error && !report.derivedConsistent) {
				figures.inconsistentDerived += 1;
				figures.failures.push(`${label}: links and labels differ from a full relink`);
			}
			const temporary = tempLeftovers(temp);
			figures.emptyArtifactFolders = temporary.emptyArtifactFolders;
			const left = [...report.leftovers, ...temporary.left];
			if (left.length > 0) {
				figures.leftovers += 1;
				figures.failures.push(`${label}: left ${left.join(', ')}`);
			}
			if (report.halfWrittenReports.length > 0) {
				figures.halfWrittenReports += 1;
				figures.failures.push(`${label}: ${report.halfWrittenReports.join('; ')}`);
			}
			figures.importsCommitted = report.imports;
			figures.reportsReady = report.reportsReady;
			// The figures so far after every kill, so a run stopped early still says what it proved.
			log(
				`${label}: ${left.length === 0 && report.derivedConsistent ? 'ok' : 'FAILED'}; so far ${JSON.stringify({ ...figures, failures: figures.failures.length })}`
			);
			for (const failure of figures.failures.filter((line) => line.startsWith(label))) log(`  - ${failure}`);
			if (k < kills - 1) server = await startServer(repoRoot, database, temp);
		}
	} finally {
		if (server.child.exitCode === null && server.child.signalCode === null) await server.stop();
		// A failed run keeps its database and temp folder for a person to look at.
		if (figures.failures.length > 0) log(`kept for inspection: ${dir}`);
		else if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
	}
	return figures;
}
