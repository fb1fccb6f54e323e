import { expect, test } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signIn as signInAt, startLantern as startServer, type LanternServer } from '../support/lantern-server';
import { pdfPages } from '../support/pdf-text';

// Lantern as an operator starts it behind a reverse proxy (README, "Behind a reverse proxy"), each
// with an empty library of its own. The proxy itself is not needed: it only forwards these headers.

/** Starts `node scripts/start.cjs` with `env` and an empty library of its own. */
function startLantern(env: Record<string, string>): Promise<LanternServer> {
	return startServer({
		database: join(mkdtempSync(join(tmpdir(), 'lantern-proxy-')), 'lantern.duckdb'),
		env: { LANTERN_DEMO: '0', LANTERN_ADMIN_EMAIL: ADMIN.email, LANTERN_ADMIN_PASSWORD: ADMIN.password, ...env }
	});
}

const ADMIN = { email: 'operator@library.example', password: 'operator password 1' };

/** Signs the admin in through the sign-in form, with the headers a proxy would forward; returns the cookie. */
const signIn = (base: string, headers: Record<string, string>) => signInAt(base, ADMIN, headers);

/** Posts the Settings form the way a browser does, with the headers a proxy would forward. */
async function saveSettings(base: string, headers: Record<string, string>): Promise<number> {
	const response = await fetch(`${base}/settings`, {
		method: 'POST',
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			accept: 'application/json',
			'x-sveltekit-action': 'true',
			...headers
		},
		body: new URLSearchParams({ libraryName: 'Behind the proxy', timeZone: 'UTC' })
	});
	return response.status;
}

/** fetch() sets Host itself; a DNS-rebinding request carries the attacker's name, so send it by hand. */
function statusWithHost(base: string, host: string, cookie: string): Promise<number> {
	return new Promise((resolve, reject) => {
		const req = httpRequest(`${base}/overview`, { headers: { host, cookie } }, (res) => {
			res.resume();
			resolve(res.statusCode ?? 0);
		});
		req.on('error', reject);
		req.end();
	});
}

test.describe('behind a reverse proxy', () => {
	test('with ORIGIN set, forms from the public https address pass and others are refused; the PDF still renders', async () => {
		const lantern = await startLantern({ ORIGIN: 'https://lantern.example.org' });
		try {
			const cookie = await signIn(lantern.base, { origin: 'https://lantern.example.org' });
			expect(await saveSettings(lantern.base, { origin: 'https://lantern.example.org', cookie })).toBe(200);
			expect(await saveSettings(lantern.base, { origin: 'http://evil.example', cookie })).toBe(403);
			const pdf = await fetch(`${lantern.base}/reports/board.pdf?from=2026-01-01&to=2026-01-31`, {
				headers: { cookie }
			});
			expect(pdf.status).toBe(200);
			const pages = await pdfPages(new Uint8Array(await pdf.arrayBuffer()));
			expect(pages[0]).toContain('Behind the proxy');
		} finally {
			await lantern.stop();
		}
	});

	test('with PROTOCOL_HEADER and HOST_HEADER, the forwarded scheme and host make the origin', async () => {
		const lantern = await startLantern({
			PROTOCOL_HEADER: 'x-forwarded-proto',
			HOST_HEADER: 'x-forwarded-host',
			LANTERN_HOSTS: 'lantern.example.org'
		});
		try {
			const forwarded = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'lantern.example.org' };
			const cookie = await signIn(lantern.base, { ...forwarded, origin: 'https://lantern.example.org' });
			expect(await saveSettings(lantern.base, { ...forwarded, origin: 'https://lantern.example.org', cookie })).toBe(
				200
			);
			expect(await saveSettings(lantern.base, { ...forwarded, origin: 'http://lantern.example.org', cookie })).toBe(
				403
			);
			// A forwarded name the operator did not list is refused (a proxy for someone else's domain).
			expect(
				await saveSettings(lantern.base, {
					'x-forwarded-proto': 'https',
					'x-forwarded-host': 'attacker.example',
					origin: 'https://attacker.example',
					cookie
				})
			).toBe(421);
		} finally {
			await lantern.stop();
		}
	});

	test('without either, the scheme is the connection’s own: a client cannot claim https', async () => {
		const lantern = await startLantern({});
		try {
			const port = new URL(lantern.base).port;
			const cookie = await signIn(lantern.base, { origin: lantern.base });
			expect(await saveSettings(lantern.base, { origin: lantern.base, cookie })).toBe(200);
			expect(
				await saveSettings(lantern.base, {
					origin: `https://127.0.0.1:${port}`,
					'x-lantern-connection-protocol': 'https',
					cookie
				})
			).toBe(403);
			// DNS rebinding: a page on another domain that resolves to this machine reaches nothing.
			expect(await statusWithHost(lantern.base, `rebind.attacker.example:${port}`, cookie)).toBe(421);
		} finally {
			await lantern.stop();
		}
	});
});
