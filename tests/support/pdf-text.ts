import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** The text of each page of a PDF, read with Mozilla's pdf.js (an independent PDF reader). */
export async function pdfPages(bytes: Uint8Array): Promise<string[]> {
	const document = await getDocument({ data: bytes, useSystemFonts: true, isEvalSupported: false }).promise;
	const pages: string[] = [];
	for (let number = 1; number <= document.numPages; number += 1) {
		const page = await document.getPage(number);
		const content = await page.getTextContent();
		pages.push(
			content.items
				.map((item) => ('str' in item ? item.str : ''))
				.join(' ')
				.replace(/\s+/g, ' ')
		);
	}
	await document.destroy();
	return pages;
}
