// Each page of a PDF as a PNG, drawn by pdf.js inside Lantern's own Chromium: the machine has no
// pdftoppm, and this needs nothing that is not already installed.
//   npx tsx tests/support/pdf-images.ts report.pdf out/page [dpi]  →  out/page-1.png, out/page-2.png, …
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumEnvironment, ensureChromium } from '../../src/lib/server/reports/chromium.js';

const ORIGIN = 'http://pdf-pages.invalid';

export async function pdfPageImages(pdf: Uint8Array, dpi = 60): Promise<Buffer[]> {
	const build = join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'build');
	const executablePath = await ensureChromium();
	const browser = await chromium.launch({
		executablePath,
		args: CHROMIUM_ARGS,
		env: chromiumEnvironment(executablePath)
	});
	try {
		const page = await browser.newPage();
		await page.route(`${ORIGIN}/**`, (route) => {
			const path = new URL(route.request().url()).pathname;
			if (path === '/report.pdf') return route.fulfill({ body: Buffer.from(pdf), contentType: 'application/pdf' });
			if (path.endsWith('.mjs'))
				return route.fulfill({ body: readFileSync(join(build, path.slice(1))), contentType: 'text/javascript' });
			return route.fulfill({ body: '<!doctype html><body style="margin:0"></body>', contentType: 'text/html' });
		});
		await page.goto(`${ORIGIN}/`);
		const count = await page.evaluate(
			async ({ scale }) => {
				// pdf.js as the page loads it from the route above (typed by the package's own declarations).
				const module = '/pdf.mjs';
				const pdfjs = (await import(module)) as typeof import('pdfjs-dist');
				pdfjs.GlobalWorkerOptions.workerSrc = '/pdf.worker.mjs';
				const doc = await pdfjs.getDocument('/report.pdf').promise;
				for (let n = 1; n <= doc.numPages; n += 1) {
					const p = await doc.getPage(n);
					const viewport = p.getViewport({ scale });
					const canvas = document.createElement('canvas');
					canvas.width = Math.ceil(viewport.width);
					canvas.height = Math.ceil(viewport.height);
					canvas.style.display = 'block';
					canvas.id = `page-${n}`;
					document.body.append(canvas);
					await p.render({ canvasContext: canvas.getContext('2d') as CanvasRenderingContext2D, viewport }).promise;
				}
				return doc.numPages;
			},
			{ scale: dpi / 72 }
		);
		const images: Buffer[] = [];
		for (let n = 1; n <= count; n += 1) images.push(await page.locator(`#page-${n}`).screenshot());
		return images;
	} finally {
		await browser.close();
	}
}

if (process.argv[1]?.endsWith('pdf-images.ts')) {
	const [input, prefix, dpi] = process.argv.slice(2);
	const images = await pdfPageImages(new Uint8Array(readFileSync(input!)), Number(dpi ?? 60));
	images.forEach((image, i) => writeFileSync(`${prefix}-${i + 1}.png`, image));
	console.log(`${images.length} pages`);
}
