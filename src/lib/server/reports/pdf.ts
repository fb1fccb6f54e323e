import { chromium, type Browser } from 'playwright-core';
import { formatDateRange } from '../../format';
import { CHROMIUM_ARGS, CHROMIUM_MISSING_MESSAGE, findChromium } from './chromium.js';

export class ChromiumMissingError extends Error {
	constructor() {
		super(CHROMIUM_MISSING_MESSAGE);
	}
}

export interface BoardReportRequest {
	/** where the running Lantern serves /print/board-report */
	baseUrl: string;
	from: string;
	to: string;
	libraryName: string;
}

const RENDER_TIMEOUT_MS = 60_000;

/**
 * Renders the board report's print route to a Letter PDF with page numbers, once the page says
 * every chart has rendered and its fonts have loaded.
 */
export async function renderBoardReportPdf(request: BoardReportRequest): Promise<Buffer> {
	const executablePath = findChromium();
	if (!executablePath) throw new ChromiumMissingError();
	let browser: Browser | null = null;
	try {
		browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
		const page = await browser.newPage();
		const url = new URL('/print/board-report', request.baseUrl);
		url.searchParams.set('from', request.from);
		url.searchParams.set('to', request.to);
		await page.goto(url.toString(), { waitUntil: 'load', timeout: RENDER_TIMEOUT_MS });
		await page.waitForFunction(() => document.documentElement.dataset.renderState === 'complete', undefined, { timeout: RENDER_TIMEOUT_MS });
		const heading = escapeHtml(`${request.libraryName} · Board report · ${formatDateRange(request.from, request.to)}`);
		return await page.pdf({
			format: 'Letter',
			printBackground: true,
			displayHeaderFooter: true,
			margin: { top: '0.8in', bottom: '0.7in', left: '0.6in', right: '0.6in' },
			headerTemplate: `<div style="font-size:8pt;width:100%;padding:0 0.6in;color:#444;font-family:sans-serif;">${heading}</div>`,
			footerTemplate: `<div style="font-size:8pt;width:100%;padding:0 0.6in;color:#444;font-family:sans-serif;text-align:right;">Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>`
		});
	} finally {
		await browser?.close();
	}
}

function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
