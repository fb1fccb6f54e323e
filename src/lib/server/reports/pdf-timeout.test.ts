/**
 * A report whose print page does not finish in time (a server busy with a million-row import) is
 * stopped and refused in words, with what to do, instead of a bare 500.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportParamsFromQuery } from './params';
import { closeReportBrowser, renderBoardReportPdf, RenderTimeoutError } from './pdf';

describe('a report that takes too long', () => {
	let server: Server;
	let baseUrl: string;
	const held: import('node:http').ServerResponse[] = [];
	beforeAll(async () => {
		// A print page that never answers, as one stuck behind a long import would be.
		server = createServer((_request, response) => void held.push(response));
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		baseUrl = `http://127.0.0.1:${(server.address() as import('node:net').AddressInfo).port}`;
		process.env.LANTERN_REPORT_TIMEOUT_S = '2';
	});
	afterAll(async () => {
		delete process.env.LANTERN_REPORT_TIMEOUT_S;
		for (const response of held) response.destroy();
		await closeReportBrowser();
		await new Promise((resolve) => server.close(resolve));
	});

	it('is stopped after LANTERN_REPORT_TIMEOUT_S and says so, with what to do', async () => {
		const attempt = renderBoardReportPdf({
			baseUrl,
			params: reportParamsFromQuery(new URLSearchParams('from=2026-01-01&to=2026-03-31')),
			range: { from: '2026-01-01', to: '2026-03-31' },
			libraryName: 'Maple Valley Public Library',
			renderAs: 'local-admin'
		});
		await expect(attempt).rejects.toBeInstanceOf(RenderTimeoutError);
		await expect(attempt).rejects.toThrow(
			'The report took more than 2 seconds to prepare, so Lantern stopped it. The server may be busy'
		);
	}, 120_000);
});
