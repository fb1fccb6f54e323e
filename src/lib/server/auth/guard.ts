import type { RequestEvent } from '@sveltejs/kit';
import { can, DEMO_MODE_PERMISSIONS, ROLE_LABELS, type Role } from '../../domain/roles';
import type { Database } from '../db/database';
import { isDemoMode } from './demo-mode';
import { isAllowedHost } from './hosts';
import { ruleFor, type Rule } from './policy';
import { readRenderPass, RENDER_HEADER } from './render-pass';
import { SESSION_COOKIE, sessionUser } from './sessions';
import { findUser, withoutPassword } from './users';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Every request passes here before any route runs: the Host must be one of ours, a request that
 * changes anything must come from our own pages, and the route's rule (policy.ts) must allow the
 * person. Returns a refusal, or null and fills `event.locals`.
 */
export async function guard(event: RequestEvent, db: Database): Promise<Response | null> {
	const { request, url } = event;
	if (!isAllowedHost(request.headers.get('host')) || !forwardedHostAllowed(request)) {
		return plain(421, 'This Lantern does not answer to that address. Its operator can add the name to LANTERN_HOSTS.');
	}
	if (WRITES.has(request.method) && !sameOrigin(request, url)) {
		return plain(403, 'Refused: this request did not come from a Lantern page (cross-site request).');
	}

	event.locals.demoMode = await isDemoMode(db);
	const pass = readRenderPass(request.headers.get(RENDER_HEADER), event.getClientAddress());
	if (pass) {
		event.locals.user = null;
		event.locals.role = pass === 'demo' ? null : 'admin';
		event.locals.actor = pass === 'local-admin' ? 'cli:local-admin' : pass;
		if (pass.startsWith('user:')) await signInAs(event, db, Number(pass.slice(5)));
	} else {
		const user = await sessionUser(db, event.cookies.get(SESSION_COOKIE));
		event.locals.user = user;
		event.locals.role = user?.role ?? null;
		event.locals.actor = user ? `user:${user.email}` : 'anonymous';
	}

	if (!event.route.id) return null; // SvelteKit answers 404 itself
	const rule = ruleFor(event.route.id, request.method, url.search, !isEndpoint(event));
	if (rule && allows(rule, event.locals)) return null;
	if (!event.locals.user && event.locals.role === null && rule !== null) return signInFirst(event);
	const role = event.locals.role;
	return forbidden(
		event,
		role
			? `Your role (${ROLE_LABELS[role]}) cannot do this. Ask an admin if you need it.`
			: 'This address is not part of Lantern.'
	);
}

async function signInAs(event: RequestEvent, db: Database, userId: number): Promise<void> {
	const user = await findUser(db, { userId });
	event.locals.user = user && !user.disabled ? withoutPassword(user) : null;
	event.locals.role = event.locals.user?.role ?? null;
	event.locals.actor = event.locals.user ? `user:${event.locals.user.email}` : 'anonymous';
}

export function allows(rule: Rule, locals: { role: Role | null; user: unknown; demoMode: boolean }): boolean {
	if (rule === 'public') return true;
	if (rule === 'signedIn') return locals.user !== null;
	if (locals.role) return can(locals.role, rule);
	return locals.demoMode && DEMO_MODE_PERMISSIONS.includes(rule);
}

function isEndpoint(event: RequestEvent): boolean {
	// Endpoints here are the API, the PDF and CSV downloads, and sign-out; pages are everything else.
	const id = event.route.id ?? '';
	return id.startsWith('/api/') || id.endsWith('.pdf') || id.endsWith('.csv') || id === '/logout';
}

/** Browsers send Origin on every POST; `Sec-Fetch-Site` is the fallback for those that do not. */
function sameOrigin(request: Request, url: URL): boolean {
	const origin = request.headers.get('origin');
	if (origin) return origin === url.origin;
	return request.headers.get('sec-fetch-site') === 'same-origin';
}

function forwardedHostAllowed(request: Request): boolean {
	const header = process.env.HOST_HEADER?.toLowerCase();
	return !header || request.headers.get(header) === null || isAllowedHost(request.headers.get(header));
}

function signInFirst(event: RequestEvent): Response {
	const wantsPage = event.request.method === 'GET' && (event.request.headers.get('accept') ?? '').includes('text/html');
	if (wantsPage) {
		const next = event.url.pathname + event.url.search;
		return new Response(null, { status: 303, headers: { location: `/login?next=${encodeURIComponent(next)}` } });
	}
	return plain(401, 'Sign in to Lantern first.');
}

function forbidden(event: RequestEvent, message: string): Response {
	const wantsPage = (event.request.headers.get('accept') ?? '').includes('text/html') && event.request.method === 'GET';
	if (!wantsPage) return plain(403, message);
	const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not allowed · Lantern</title><meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main><h1>Not allowed</h1><p>${escapeHtml(message)}</p><p><a href="/overview">Back to the overview</a></p></main></body></html>`;
	return new Response(html, { status: 403, headers: { 'content-type': 'text/html; charset=utf-8' } });
}

function plain(status: number, message: string): Response {
	return new Response(JSON.stringify({ message }), { status, headers: { 'content-type': 'application/json' } });
}

function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
