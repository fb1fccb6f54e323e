// `npm start`: build when needed, then serve Lantern on PORT (default 3000) with its DuckDB file.
//
// How Lantern learns its own address (README, "Behind a reverse proxy"): ORIGIN when the operator
// sets it, or PROTOCOL_HEADER/HOST_HEADER sent by a proxy. With neither, the scheme is the
// connection's own (plain http here) and the host is the one the browser asked for, so forms posted
// from http://localhost:3000, http://127.0.0.1:3000 or the machine's LAN name all pass SvelteKit's
// same-origin check. (adapter-node alone would assume https and refuse every form.)
import { createServer } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureBuild, ROOT } from './ensure-build.js';
import { ensureChromium } from '../src/lib/server/reports/chromium.js';

process.chdir(ROOT);
process.env.PORT ??= '3000';
process.env.LANTERN_DB ??= join(ROOT, 'data', 'lantern.duckdb');
// The app enforces LANTERN_UPLOAD_LIMIT_MB itself with a clear message; adapter-node's own
// limit must sit above it.
const uploadLimitMb = Number(process.env.LANTERN_UPLOAD_LIMIT_MB ?? 200);
process.env.BODY_SIZE_LIMIT ??= String(Math.ceil((uploadLimitMb + 1) * 1024 * 1024));

const CONNECTION_PROTOCOL = 'x-lantern-connection-protocol';
const protocolFromConnection = !process.env.ORIGIN && !process.env.PROTOCOL_HEADER;
if (protocolFromConnection) process.env.PROTOCOL_HEADER = CONNECTION_PROTOCOL;

ensureBuild();
/** @type {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, next: () => void) => void} */
let handler = (_req, res) => {
	res.statusCode = 503;
	res.end('Lantern is starting.');
};

/** @type {import('node:http').RequestListener} */
function serve(req, res) {
	// Set on every request, so a client cannot claim another scheme by sending the header itself.
	if (protocolFromConnection) req.headers[CONNECTION_PROTOCOL] = 'http';
	handler(req, res, () => {
		res.statusCode = 404;
		res.end('Not found');
	});
}

/** @param {import('node:http').Server} server @param {number} port @param {string} host @returns {Promise<number>} */
function listen(server, port, host) {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => resolve(/** @type {import('node:net').AddressInfo} */ (server.address()).port));
	});
}

// Chromium renders the board report from this loopback-only listener, whatever HOST, ORIGIN or the
// request's headers say (src/lib/server/reports/render-origin.ts). It listens before the app starts,
// because the start-up publishes its address for `lantern backup` (src/lib/server/db/backup-control.ts).
const renderServer = createServer(serve);
const renderPort = await listen(renderServer, 0, '127.0.0.1');
process.env.LANTERN_RENDER_ORIGIN = `http://127.0.0.1:${renderPort}`;

// Importing the handler runs the app's start-up (migrations, the demo library on first start).
/** @type {unknown} */
const build = await import(pathToFileURL(join(ROOT, 'build', 'handler.js')).href);
handler = /** @type {{ handler: typeof handler }} */ (build).handler;

const publicServer = createServer(serve);
// Longer than the 60 s idle timeout of common proxies and clients, so a connection is never closed
// by Lantern just as a client sends its next request on it (ECONNRESET).
publicServer.keepAliveTimeout = 65_000;
publicServer.headersTimeout = 66_000;
try {
	await listen(publicServer, Number(process.env.PORT), process.env.HOST ?? '0.0.0.0');
} catch (error) {
	const code = /** @type {NodeJS.ErrnoException} */ (error).code;
	console.error(
		code === 'EADDRINUSE'
			? `Lantern could not start: port ${process.env.PORT} is already in use (another Lantern?). Stop it, or start with another port: PORT=3001 npm start`
			: `Lantern could not start: ${/** @type {Error} */ (error).message}`
	);
	process.exit(1);
}
console.log(`Lantern is running at http://localhost:${process.env.PORT} (database ${process.env.LANTERN_DB})`);

// Unpack the PDF renderer now, not when a director first presses "Board report (PDF)".
ensureChromium().catch((/** @type {Error} */ error) =>
	console.warn(`Lantern: PDF reports are unavailable. ${error.message}`)
);

/** @param {string} signal */
function shutDown(signal) {
	publicServer.closeIdleConnections();
	renderServer.closeIdleConnections();
	let open = 2;
	const closed = () => {
		open -= 1;
		if (open === 0) process.exit(0);
	};
	publicServer.close(closed);
	renderServer.close(closed);
	setTimeout(() => process.exit(0), 10_000).unref();
	console.log(`Lantern: stopping (${signal}).`);
}
process.once('SIGINT', () => shutDown('SIGINT'));
process.once('SIGTERM', () => shutDown('SIGTERM'));
