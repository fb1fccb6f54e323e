import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pdfPages } from '../support/pdf-text';

// Lantern as an operator starts it behind a reverse proxy (README, "Behind a reverse proxy"), each
// with an empty library of its own. The proxy itself is not needed: it only forwards these headers.

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

/** Starts `node scripts/start.js` with `env` and resolves once it says it is running. */
async function startLantern(env: Record<string, string>): Promise<{ base: string; stop: () => void }> {
	const port = await freePort();
	const database = join(mkdtempSync(join(tmpdir(), 'lantern-proxy-')), 'lantern.duckdb');
	const child: ChildProcess = spawn(process.execPath, ['scripts/start.js'], {
		env: { ...process.env, PORT: String(port), LANTERN_DB: database, LANTERN_DEMO: '0', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	await new Promise<void>((resolve, reject) => {
		let output = '';
		const collect = (chunk: Buffer) => {
			output += chunk.toString();
			if (output.includes('Lantern is running')) resolve();
		};
		child.stdout!.on('data', collect);
		child.stderr!.on('data', collect);
		child.once('exit', (code) => reject(new Error(`Lantern exited with ${code}: ${output}`)));
	});
	return { base: `http://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
}

/** Posts the Settings form the way a browser does, with the headers a proxy would forward. */
async function saveSettings(base: string, headers: Record<string, string>): Promise<number> {
	const response = await fetch(`${base}/settings`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', 'x-sveltekit-action': 'true', ...headers },
		body: new URLSearchParams({ libraryName: 'Behind the proxy', timeZone: 'UTC' })
	});
	return response.status;
}

test.describe('behind a reverse proxy', () => {
	test('with ORIGIN set, forms from the public https address pass and others are refused; the PDF still renders', async () => {
		const lantern = await startLantern({ ORIGIN: 'https://lantern.example.org' });
		try {
			expect(await saveSettings(lantern.base, { origin: 'https://lantern.example.org' })).toBe(200);
			expect(await saveSettings(lantern.base, { origin: 'http://evil.example' })).toBe(403);
			const pdf = await fetch(`${lantern.base}/reports/board.pdf?from=2026-01-01&to=2026-01-31`);
			expect(pdf.status).toBe(200);
			const pages = await pdfPages(new Uint8Array(await pdf.arrayBuffer()));
			expect(pages[0]).toContain('Behind the proxy');
		} finally {
			lantern.stop();
		}
	});

	test('with PROTOCOL_HEADER and HOST_HEADER, the forwarded scheme and host make the origin', async () => {
		const lantern = await startLantern({ PROTOCOL_HEADER: 'x-forwarded-proto', HOST_HEADER: 'x-forwarded-host' });
		try {
			const forwarded = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'lantern.example.org' };
			expect(await saveSettings(lantern.base, { ...forwarded, origin: 'https://lantern.example.org' })).toBe(200);
			expect(await saveSettings(lantern.base, { ...forwarded, origin: 'http://lantern.example.org' })).toBe(403);
		} finally {
			lantern.stop();
		}
	});

	test('without either, the scheme is the connection’s own: a client cannot claim https', async () => {
		const lantern = await startLantern({});
		try {
			const port = new URL(lantern.base).port;
			expect(await saveSettings(lantern.base, { origin: lantern.base })).toBe(200);
			expect(await saveSettings(lantern.base, { origin: `https://127.0.0.1:${port}`, 'x-lantern-connection-protocol': 'https' })).toBe(403);
		} finally {
			lantern.stop();
		}
	});
});
