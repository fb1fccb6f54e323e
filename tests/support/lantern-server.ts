/**
 * Lantern started as `npm start` starts it (node scripts/start.cjs, only PORT, LANTERN_DB and the
 * settings a caller names set), for the end-to-end specs, the soak and the benchmarks that need a
 * server of their own; and the two requests they all make: a timed one and signing in.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository this file is in: where scripts/start.cjs is. */
const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..');

/** A port nothing listens on at the moment, on the loopback interface. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

export interface LanternServer {
	child: ChildProcess;
	port: number;
	/** `http://127.0.0.1:PORT` */
	base: string;
	/** the last 20,000 characters the server printed */
	output: () => string;
	/** SIGTERM, resolved once it has exited */
	stop: () => Promise<void>;
}

export interface StartOptions {
	database: string;
	/** settings beside PORT and LANTERN_DB (TZ, TMPDIR, LANTERN_ADMIN_EMAIL, …) */
	env?: Record<string, string>;
	/** the checkout to start (default: this one) */
	root?: string;
	/** its own process group, so that a kill of the group reaches Chromium too */
	detached?: boolean;
	timeoutMs?: number;
}

/** Resolves once the server says it is running; rejects with what it printed if it stops first. */
export async function startLantern(options: StartOptions): Promise<LanternServer> {
	const port = await freePort();
	const root = options.root ?? ROOT;
	const child = spawn(process.execPath, [join(root, 'scripts', 'start.cjs')], {
		cwd: root,
		detached: options.detached ?? false,
		env: { ...process.env, ...options.env, PORT: String(port), LANTERN_DB: options.database },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	const timeoutMs = options.timeoutMs ?? 300_000;
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(
			() => reject(new Error(`Lantern did not start in ${timeoutMs / 1000} s:\n${output.slice(-3000)}`)),
			timeoutMs
		);
		const read = (chunk: Buffer) => {
			output = (output + chunk.toString()).slice(-20_000);
			if (output.includes('Lantern is running')) {
				clearTimeout(timer);
				resolve();
			}
		};
		child.stdout.on('data', read);
		child.stderr.on('data', read);
		child.once('exit', (code, signal) => {
			clearTimeout(timer);
			reject(new Error(`Lantern stopped (${code ?? signal}):\n${output.slice(-3000)}`));
		});
	});
	child.removeAllListeners('exit');
	return {
		child,
		port,
		base: `http://127.0.0.1:${port}`,
		output: () => output,
		stop: () => {
			if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
			const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
			child.kill('SIGTERM');
			return exited;
		}
	};
}

export interface Answer {
	status: number;
	headers: IncomingHttpHeaders;
	/** the body as sent (no decompression) */
	body: Buffer;
	/** from sending to the last byte */
	ms: number;
}

export interface SendOptions {
	method?: string;
	headers?: Record<string, string>;
	body?: Buffer | string;
	timeoutMs?: number;
	agent?: Agent;
}

/** One request to the server on `port`, timed to its last byte. */
export function send(port: number, path: string, options: SendOptions = {}): Promise<Answer> {
	return new Promise((resolve, reject) => {
		const started = performance.now();
		const req = httpRequest(
			{
				host: '127.0.0.1',
				port,
				path,
				method: options.method ?? 'GET',
				headers: options.headers,
				agent: options.agent
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (chunk: Buffer) => chunks.push(chunk));
				res.on('end', () =>
					resolve({
						status: res.statusCode ?? 0,
						headers: res.headers,
						body: Buffer.concat(chunks),
						ms: performance.now() - started
					})
				);
				res.on('error', reject);
			}
		);
		req.setTimeout(options.timeoutMs ?? 600_000, () => req.destroy(new Error('no answer in time')));
		req.on('error', reject);
		req.end(options.body);
	});
}

/**
 * Signs in through the sign-in form as a browser posts it (an Origin header naming the server unless
 * `headers` say otherwise, as a proxy's would); returns the session cookie, or throws with the form's message.
 */
export async function signIn(
	base: string,
	credentials: { email: string; password: string },
	headers: Record<string, string> = { origin: base }
): Promise<string> {
	const response = await fetch(`${base}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', ...headers },
		body: new URLSearchParams({ ...credentials, next: '/overview' })
	});
	const cookie = response.headers
		.getSetCookie()
		.map((line) => line.split(';')[0])
		.join('; ');
	if (response.status !== 303 || !cookie) {
		const text = await response.text();
		const alert = /role="alert"[^>]*>([^<]*)/.exec(text)?.[1] ?? '';
		throw new Error(`signing in answered ${response.status} ${alert}`.trim());
	}
	return cookie;
}
