import type { Comparison } from '../../domain/overview';
import { formatDateRange } from '../../format';
import { CHROMIUM_MISSING_MESSAGE } from './chromium.js';
import { withReportPage } from './browser';
import { RENDER_HEADER, renderPass, type RenderAs } from '../auth/render-pass';

export { closeReportBrowser, RenderQueueFullError } from './browser';

export class ChromiumMissingError extends Error {
	constructor(detail = CHROMIUM_MISSING_MESSAGE) {
		super(detail);
	}
}

export interface BoardReportRequest {
	/** where this Lantern serves /print/board-report to itself on loopback (never taken from a request) */
	baseUrl: string;
	from: string;
	to: string;
	/** what the figures are compared with (the print page states it) */
	compare?: Comparison;
	libraryName: string;
	/** whose view of the data the report shows: the person who asked, or the command line */
	renderAs: RenderAs;
	/** whose turn it is in the queue (a person, or an address in demo mode); renderAs when not given */
	owner?: string;
}

const RENDER_TIMEOUT_MS = 60_000;

/**
 * Renders the board report's print route to a Letter PDF with page numbers, once the page says
 * every chart has rendered and its fonts have loaded.
 */
export async function renderBoardReportPdf(request: BoardReportRequest): Promise<Buffer> {
	try {
		return await withReportPage(async (page) => {
			const url = new URL('/print/board-report', request.baseUrl);
			// The renderer may load this Lantern's own print page and its assets, nothing else.
			await page.route('**/*', (route) =>
				new URL(route.request().url()).origin === url.origin ? route.continue() : route.abort('blockedbyclient')
			);
			await page.setExtraHTTPHeaders({ [RENDER_HEADER]: renderPass(request.renderAs) });
			url.searchParams.set('from', request.from);
			url.searchParams.set('to', request.to);
			url.searchParams.set('compare', request.compare ?? 'previous');
			await page.goto(url.toString(), { waitUntil: 'load', timeout: RENDER_TIMEOUT_MS });
			await page.waitForFunction(() => document.documentElement.dataset.renderState === 'complete', undefined, {
				timeout: RENDER_TIMEOUT_MS
			});
			const heading = escapeHtml(
				`${request.libraryName} · Board report · ${formatDateRange(request.from, request.to)}`
			);
			return await page.pdf({
				format: 'Letter',
				printBackground: true,
				displayHeaderFooter: true,
				margin: { top: '0.8in', bottom: '0.7in', left: '0.6in', right: '0.6in' },
				headerTemplate: `<div style="font-size:8pt;width:100%;padding:0 0.6in;color:#444;font-family:sans-serif;">${heading}</div>`,
				footerTemplate: `<div style="font-size:8pt;width:100%;padding:0 0.6in;color:#444;font-family:sans-serif;text-align:right;">Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>`
			});
		}, request.owner ?? request.renderAs);
	} catch (cause) {
		if (cause instanceof Error && cause.message.includes(CHROMIUM_MISSING_MESSAGE))
			throw new ChromiumMissingError(cause.message);
		throw cause;
	}
}

function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
