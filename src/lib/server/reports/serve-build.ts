import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureBuild, ROOT } from '../../../../scripts/ensure-build.js';

type Handler = (req: IncomingMessage, res: ServerResponse, next?: () => void) => void;

/**
 * Serves the production build inside this process on a loopback port, so the command line can
 * render the same print route the web server does. The build shares this process's DuckDB instance.
 */
export async function serveBuild(databasePath: string): Promise<{ baseUrl: string; close: () => Promise<void> }> {
	ensureBuild();
	process.env.LANTERN_DB = databasePath;
	process.env.LANTERN_DEMO = '0';
	// The command line is the local admin: no setup link for a file it renders from.
	process.env.LANTERN_RENDER_ONLY = '1';
	const { handler } = (await import(pathToFileURL(join(ROOT, 'build', 'handler.js')).href)) as { handler: Handler };
	const server = createServer((req, res) =>
		handler(req, res, () => {
			res.statusCode = 404;
			res.end('Not found');
		})
	);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		baseUrl: `http://127.0.0.1:${port}`,
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}
