import { withReportPage } from './browser';
import { RENDER_HEADER, renderPass, type RenderAs } from '../auth/render-pass';

export interface HtmlReportRequest {
	/** where this Lantern serves /print/board-report to itself on loopback */
	baseUrl: string;
	/** the print page's query string, as stored */
	params: string;
	renderAs: RenderAs;
	owner?: string;
}

const RENDER_TIMEOUT_MS = 60_000;

/**
 * The board report as one HTML file that opens anywhere, offline: the print page once its charts
 * have rendered, with its style sheets, fonts and images written into the file as data and its
 * scripts removed (the charts are already SVG in the page), so it makes no request of its own.
 */
export async function renderBoardReportHtml(request: HtmlReportRequest): Promise<Buffer> {
	return withReportPage(async (page) => {
		const url = new URL(`/print/board-report?${request.params}`, request.baseUrl);
		await page.route('**/*', (route) =>
			new URL(route.request().url()).origin === url.origin ? route.continue() : route.abort('blockedbyclient')
		);
		await page.setExtraHTTPHeaders({ [RENDER_HEADER]: renderPass(request.renderAs) });
		await page.goto(url.toString(), { waitUntil: 'load', timeout: RENDER_TIMEOUT_MS });
		await page.waitForFunction(() => document.documentElement.dataset.renderState === 'complete', undefined, {
			timeout: RENDER_TIMEOUT_MS
		});
		const html = await page.evaluate(inlineEverything);
		return Buffer.from(html, 'utf8');
	}, request.owner ?? request.renderAs);
}

/** Runs inside the page: every outside resource becomes part of the document. */
async function inlineEverything(): Promise<string> {
	const asDataUrl = async (address: string): Promise<string> => {
		const blob = await (await fetch(address)).blob();
		return new Promise((resolve, reject) => {
			const reader = new FileReader();
			reader.onload = () => resolve(reader.result as string);
			reader.onerror = () => reject(new Error(`Could not read ${address}`));
			reader.readAsDataURL(blob);
		});
	};
	const inlineUrls = async (css: string, base: string): Promise<string> => {
		let out = css;
		for (const match of css.matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g)) {
			const target = match[2]!;
			if (target.startsWith('data:') || target.startsWith('#')) continue;
			out = out.replace(match[0], `url("${await asDataUrl(new URL(target, base).href)}")`);
		}
		return out;
	};
	for (const link of Array.from(document.querySelectorAll('link'))) {
		if (link.rel === 'stylesheet') {
			const style = document.createElement('style');
			style.textContent = await inlineUrls(await (await fetch(link.href)).text(), link.href);
			link.replaceWith(style);
		} else if (link.rel.includes('icon')) {
			link.href = await asDataUrl(link.href);
		} else {
			link.remove();
		}
	}
	for (const style of Array.from(document.querySelectorAll('style')))
		style.textContent = await inlineUrls(style.textContent ?? '', location.href);
	for (const script of Array.from(document.querySelectorAll('script'))) script.remove();
	for (const image of Array.from(document.querySelectorAll('img')))
		if (image.src && !image.src.startsWith('data:')) image.src = await asDataUrl(image.src);
	// Links back into Lantern would lead nowhere from a file; their text stays.
	for (const anchor of Array.from(document.querySelectorAll('a[href^="/"]'))) anchor.removeAttribute('href');
	return `<!doctype html>\n${document.documentElement.outerHTML}`;
}
