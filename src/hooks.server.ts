import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/app';
import { guard } from '$lib/server/auth/guard';
import { SESSION_COOKIE } from '$lib/server/auth/sessions';
import { hashToken } from '$lib/server/auth/tokens';
import { prepareFirstAdmin } from '$lib/server/auth/setup';
import { loadDemoOnFirstStart } from '$lib/server/demo';
import { relinkAfter } from '$lib/server/ingest/import-any';
import { startUploadSweeps } from '$lib/server/ingest/held-uploads';
import { publishBackupControl } from '$lib/server/db/backup-control';
import { keepPostsSnapshots } from '$lib/server/db/posts-snapshot';
import { noteChangeBy } from '$lib/server/db/version-cache';
import { keepLensFacts } from '$lib/server/analytics/lens-facts';
import { startUploaderNameSweeps } from '$lib/server/ingest/uploader-retention';
import { startReportScheduler } from '$lib/server/reports/scheduler';
import { sweepBrowserProfiles } from '$lib/server/reports/browser-leftovers';
import { schedulerRenderOrigin } from '$lib/server/reports/render-origin';

export const init: ServerInit = async () => {
	const db = await getDatabase();
	// Finishes the relinking of an import a crash cut short, before the first page reads links and labels.
	await relinkAfter(db);
	if (await loadDemoOnFirstStart(db)) console.log(`Lantern: loaded the demo library into ${db.path}`);
	// The dashboards' copy of the posts, made now and after each burst of data changes, in the background.
	keepPostsSnapshots(db);
	// The Social, Programs and Usage pages' tables (lens-facts.ts), likewise.
	keepLensFacts(db);
	if (process.env.LANTERN_RENDER_ONLY !== '1') {
		await prepareFirstAdmin(db);
		// Raw uploads a crash left, and held ones past their hour, go now and every ten minutes.
		startUploadSweeps();
		// Chromium profiles a killed server left in the temp folder (no running browser names them).
		await sweepBrowserProfiles().catch((error: unknown) =>
			console.error('Lantern: browser profile sweep failed', error)
		);
		// Uploaders' names past the library's retention setting are forgotten now and every hour.
		startUploaderNameSweeps(db);
		// `lantern backup` asks this server for the snapshot while it holds the database.
		await publishBackupControl(db.path, process.env.LANTERN_RENDER_ORIGIN);
		// Scheduled board reports: runs missed while stopped go out now, then each on time.
		startReportScheduler(getDatabase, { baseUrl: schedulerRenderOrigin });
	}
};

/** Headers every answer carries (the Content-Security-Policy itself is set in svelte.config.js). */
const SECURITY_HEADERS = {
	'x-frame-options': 'DENY',
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'same-origin',
	'cross-origin-opener-policy': 'same-origin'
};

/** The print page may be framed by Lantern's own pages (the report builder's live preview), and by nothing else. */
const FRAMED_BY_LANTERN = '/print/board-report';

/** Requests that may change data: whoever sends one sees its effect on every page afterwards (pageFigures). */
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const handle: Handle = async ({ event, resolve }) => {
	const db = await getDatabase();
	const denied = await guard(event, db);
	const session = event.cookies.get(SESSION_COOKIE);
	const reader = (event.locals.reader = session ? hashToken(session) : null);
	const changes = !denied && reader !== null && !READS.has(event.request.method);
	if (changes) noteChangeBy('changing', reader);
	let response: Response;
	try {
		response = denied ?? (await resolve(event));
	} finally {
		if (changes) noteChangeBy(db, reader);
	}
	const framable = event.url.pathname === FRAMED_BY_LANTERN;
	try {
		for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
		if (framable) {
			response.headers.set('x-frame-options', 'SAMEORIGIN');
			const csp = response.headers.get('content-security-policy');
			if (csp)
				response.headers.set(
					'content-security-policy',
					csp.replace("frame-ancestors 'none'", "frame-ancestors 'self'")
				);
		}
	} catch {
		// A response with immutable headers (fetched elsewhere) is passed on as it is.
	}
	return response;
};

/** Unexpected errors are logged with their stack and shown to people as a plain sentence. */
export const handleError: HandleServerError = ({ error, status, message }) => {
	if (status !== 404) console.error(error);
	return {
		message:
			status === 404
				? 'Page not found.'
				: `Something went wrong on the server (${message}). The details are in the server log.`
	};
};
