/**
 * Sets a PDF's document information (title, author, subject, keywords) by an incremental update:
 * a new Info object and a one-entry cross-reference section appended after the file Chromium wrote,
 * which every reader applies on top of the original (PDF 1.7, 7.5.6). Chromium itself sets only the
 * title, and this saves a dependency for four strings.
 */
export interface PdfInfo {
	title: string;
	author?: string;
	subject?: string;
	keywords?: string;
	creator?: string;
}

/** A PDF text string: UTF-16BE with a byte-order mark, written in hex, so any character survives. */
function textString(text: string): string {
	let hex = 'FEFF';
	for (let i = 0; i < text.length; i += 1) hex += text.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
	return `<${hex}>`;
}

export function withPdfInfo(pdf: Buffer, info: PdfInfo): Buffer {
	const tail = pdf.subarray(Math.max(0, pdf.length - 4096)).toString('latin1');
	const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
	const trailer = tail.lastIndexOf('trailer');
	if (!startxref || trailer < 0) return pdf; // a cross-reference stream: leave the file as Chromium wrote it
	const dictionary = tail.slice(trailer);
	const size = /\/Size\s+(\d+)/.exec(dictionary);
	const root = /\/Root\s+(\d+\s+\d+\s+R)/.exec(dictionary);
	if (!size || !root) return pdf;
	const id = Number(size[1]);
	const fields = Object.entries({
		Title: info.title,
		Author: info.author,
		Subject: info.subject,
		Keywords: info.keywords,
		Creator: info.creator
	})
		.filter(([, value]) => value)
		.map(([key, value]) => `/${key} ${textString(value!)}`)
		.join(' ');
	const separator = pdf[pdf.length - 1] === 0x0a ? '' : '\n';
	const objectOffset = pdf.length + separator.length;
	const object = `${id} 0 obj\n<< ${fields} /Producer (Lantern) >>\nendobj\n`;
	const xrefOffset = objectOffset + Buffer.byteLength(object, 'latin1');
	const update =
		`${separator}${object}xref\n0 1\n0000000000 65535 f \n${id} 1\n${String(objectOffset).padStart(10, '0')} 00000 n \n` +
		`trailer\n<< /Size ${id + 1} /Root ${root[1]} /Info ${id} 0 R /Prev ${startxref[1]} >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
	return Buffer.concat([pdf, Buffer.from(update, 'latin1')]);
}
