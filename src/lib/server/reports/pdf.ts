import { formatDateRange } from '../../format';
import type { ReportParams } from '../../domain/report-params';
import { CHROMIUM_MISSING_MESSAGE } from './chromium.js';
import { withReportPage } from './browser';
import { withPdfInfo } from './pdf-info';
import { reportQuery } from './params';
import { RENDER_HEADER, renderPass, type RenderAs } from '../auth/render-pass';

export { closeReportBrowser, RenderQueueFullError } from './browser';

/** A report that took longer than an operator allows (LANTERN_REPORT_TIMEOUT_S), said in words. */
export class RenderTimeoutError extends Error {}

/** How long a report may take to prepare: LANTERN_REPORT_TIMEOUT_S seconds, 180 unless set. */
function renderTimeoutSeconds(): number {
	const seconds = Number(process.env.LANTERN_REPORT_TIMEOUT_S ?? 180);
	return Number.isFinite(seconds) && seconds > 0 ? seconds : 180;
}

export class ChromiumMissingError extends Error {
	constructor(detail = CHROMIUM_MISSING_MESSAGE) {
		super(detail);
	}
}

export interface BoardReportRequest {
	/** where this Lantern serves /print/board-report to itself on loopback (never taken from a request) */
	baseUrl: string;
	/** what the report shows; its query string is the print page's (see params.ts) */
	params: ReportParams;
	/** the period the report covers once resolved, for the running header (the params may leave it open) */
	range: { from: string; to: string };
	libraryName: string;
	/** whose view of the data the report shows: the person who asked, or the command line */
	renderAs: RenderAs;
	/** whose turn it is in the queue (a person, or an address in demo mode); renderAs when not given */
	owner?: string;
	/** the PDF's author: who prepared it (the params' "prepared by", else this) */
	author?: string;
}

const MARGIN_IN = { top: 0.75, bottom: 0.7, left: 0.6, right: 0.6 };
/** Paper sizes in inches, portrait. */
const PAPER_IN = { letter: [8.5, 11], a4: [8.27, 11.69] } as const;

/** The printable width and height in CSS pixels (96 a inch), so charts are drawn at the width they print at. */
export function printableSize(params: Pick<ReportParams, 'paper' | 'orientation'>): { width: number; height: number } {
	const [short, long] = PAPER_IN[params.paper];
	const [w, h] = params.orientation === 'landscape' ? [long, short] : [short, long];
	return {
		width: Math.floor((w - MARGIN_IN.left - MARGIN_IN.right) * 96),
		height: Math.floor((h - MARGIN_IN.top - MARGIN_IN.bottom) * 96)
	};
}

/** The running header or footer: two spans at the page's two edges, in the report's font. */
const band = (html: string) =>
	`<div style="font-family:'Open Sans',sans-serif;font-size:7.5pt;color:#5b6470;width:100%;margin:0 ${MARGIN_IN.left}in;display:flex;justify-content:space-between;">${html}</div>`;

/**
 * Renders the board report's print route to a PDF (Letter or A4, portrait or landscape) with the
 * library and period in the header and "Page X of Y" in the footer, once the page says every chart
 * has rendered and its fonts have loaded; then sets the PDF's title, author and subject.
 */
export async function renderBoardReportPdf(request: BoardReportRequest): Promise<Buffer> {
	const { params } = request;
	const period = formatDateRange(request.range.from, request.range.to);
	const seconds = renderTimeoutSeconds();
	const RENDER_TIMEOUT_MS = seconds * 1000;
	try {
		const pdf = await withReportPage(async (page) => {
			const url = new URL(`/print/board-report?${reportQuery(params)}`, request.baseUrl);
			// The renderer may load this Lantern's own print page and its assets, nothing else.
			await page.route('**/*', (route) =>
				new URL(route.request().url()).origin === url.origin ? route.continue() : route.abort('blockedbyclient')
			);
			await page.setExtraHTTPHeaders({ [RENDER_HEADER]: renderPass(request.renderAs) });
			await page.setViewportSize(printableSize(params));
			await page.emulateMedia({ media: 'print' });
			await page.goto(url.toString(), { waitUntil: 'load', timeout: RENDER_TIMEOUT_MS });
			await page.waitForFunction(() => document.documentElement.dataset.renderState === 'complete', undefined, {
				timeout: RENDER_TIMEOUT_MS
			});
			return await page.pdf({
				format: params.paper === 'a4' ? 'A4' : 'Letter',
				landscape: params.orientation === 'landscape',
				printBackground: true,
				displayHeaderFooter: true,
				margin: {
					top: `${MARGIN_IN.top}in`,
					bottom: `${MARGIN_IN.bottom}in`,
					left: `${MARGIN_IN.left}in`,
					right: `${MARGIN_IN.right}in`
				},
				headerTemplate: band(
					`<span>${escapeHtml(request.libraryName)}</span><span>${escapeHtml(`${params.title} · ${period}`)}</span>`
				),
				footerTemplate: band(
					`<span>Prepared with Lantern</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span>`
				)
			});
		}, request.owner ?? request.renderAs);
		return withPdfInfo(pdf, {
			title: `${params.title}: ${request.libraryName}, ${period}`,
			author: params.preparedBy ?? request.author ?? request.libraryName,
			subject: `${params.title} of ${request.libraryName} for ${period}`,
			keywords: params.sections.join(', '),
			creator: 'Lantern'
		});
	} catch (cause) {
		if (cause instanceof Error && cause.message.includes(CHROMIUM_MISSING_MESSAGE))
			throw new ChromiumMissingError(cause.message);
		// Playwright's TimeoutError: the print page (its figures and estimates) took longer than allowed.
		if (cause instanceof Error && cause.name === 'TimeoutError')
			throw new RenderTimeoutError(
				`The report took more than ${seconds} second${seconds === 1 ? '' : 's'} to prepare, so Lantern stopped it. The server may be busy (a large import or other reports): try again in a few minutes. An operator can allow longer with LANTERN_REPORT_TIMEOUT_S.`
			);
		throw cause;
	}
}

function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
