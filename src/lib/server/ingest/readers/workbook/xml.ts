import { Refusal } from '../../refusal';

export type XmlAttributes = Record<string, string>;

/** What a workbook part's reader does with each tag and run of text, in document order. */
export interface XmlVisitor {
	open(name: string, attributes: XmlAttributes, selfClosing: boolean): void;
	close(name: string): void;
	/** character data between tags, still encoded; CDATA sections arrive with `cdata` set */
	text(xml: Buffer, start: number, end: number, cdata: boolean): void;
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const isSpace = (byte: number | undefined) => byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;

const damaged = (part: string) =>
	new Refusal(
		`The workbook is damaged: its part ${part} is not well-formed XML. Open it in Excel and save it again, or save the sheet as CSV.`
	);

/**
 * Walks one XML part of a workbook tag by tag. Each byte is looked at a bounded number of times, so
 * no input can make it backtrack: the regular expressions it replaces took 13.6 s over 1.7 KB of
 * unclosed `<row>` tags. Namespace prefixes are dropped from names (`<x:row>` is `row`, `r:id` is
 * `id`), as some .NET writers prefix every element. A document type declaration is refused, so no
 * entity is ever expanded beyond the five XML predefines and character references.
 */
export function scanXml(xml: Buffer, part: string, visitor: XmlVisitor): void {
	let position = 0;
	while (position < xml.length) {
		const lt = xml.indexOf(LT, position);
		const textEnd = lt < 0 ? xml.length : lt;
		if (textEnd > position) visitor.text(xml, position, textEnd, false);
		if (lt < 0) return;
		const next = xml[lt + 1];
		if (next === SLASH) {
			const gt = xml.indexOf(GT, lt + 2);
			if (gt < 0) throw damaged(part);
			visitor.close(localName(xml.toString('latin1', lt + 2, gt).trim()));
			position = gt + 1;
		} else if (next === 0x3f /* ? */) {
			position = skipPast(xml, '?>', lt + 2, part);
		} else if (next === 0x21 /* ! */) {
			if (startsWith(xml, lt, '<!--')) position = skipPast(xml, '-->', lt + 4, part);
			else if (startsWith(xml, lt, '<![CDATA[')) {
				const end = xml.indexOf(']]>', lt + 9);
				if (end < 0) throw damaged(part);
				visitor.text(xml, lt + 9, end, true);
				position = end + 3;
			} else {
				throw new Refusal(
					`The workbook's part ${part} declares a document type, which Excel never writes. Lantern does not read it; open the file in Excel and save it again.`
				);
			}
		} else {
			position = readStartTag(xml, lt + 1, part, visitor);
		}
	}
}

function readStartTag(xml: Buffer, from: number, part: string, visitor: XmlVisitor): number {
	let cursor = from;
	while (cursor < xml.length && !isSpace(xml[cursor]) && xml[cursor] !== GT && xml[cursor] !== SLASH) cursor += 1;
	const name = localName(xml.toString('latin1', from, cursor));
	const attributes: XmlAttributes = {};
	for (;;) {
		while (isSpace(xml[cursor])) cursor += 1;
		const byte = xml[cursor];
		if (byte === undefined) throw damaged(part);
		if (byte === GT) {
			visitor.open(name, attributes, false);
			return cursor + 1;
		}
		if (byte === SLASH) {
			if (xml[cursor + 1] !== GT) throw damaged(part);
			visitor.open(name, attributes, true);
			return cursor + 2;
		}
		const nameStart = cursor;
		while (cursor < xml.length && xml[cursor] !== 0x3d /* = */ && !isSpace(xml[cursor]) && xml[cursor] !== GT)
			cursor += 1;
		const attribute = localName(xml.toString('latin1', nameStart, cursor));
		while (isSpace(xml[cursor])) cursor += 1;
		if (xml[cursor] !== 0x3d) throw damaged(part);
		cursor += 1;
		while (isSpace(xml[cursor])) cursor += 1;
		const quote = xml[cursor];
		if (quote !== 0x22 && quote !== 0x27) throw damaged(part);
		const close = xml.indexOf(quote, cursor + 1);
		if (close < 0) throw damaged(part);
		attributes[attribute] = decodeXmlText(xml, cursor + 1, close);
		cursor = close + 1;
	}
}

const localName = (qualified: string) => qualified.slice(qualified.indexOf(':') + 1);

const startsWith = (xml: Buffer, at: number, prefix: string) =>
	xml.toString('latin1', at, at + prefix.length) === prefix;

function skipPast(xml: Buffer, marker: string, from: number, part: string): number {
	const end = xml.indexOf(marker, from);
	if (end < 0) throw damaged(part);
	return end + marker.length;
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Text as written between tags or in an attribute, with its entity and character references decoded. */
export function decodeXmlText(xml: Buffer, start: number, end: number): string {
	const raw = xml.toString('utf8', start, end);
	if (!raw.includes('&')) return raw;
	return raw.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,4});/gi, (whole, entity: string) => {
		if (entity[0] !== '#') return NAMED[entity] ?? whole;
		const code = entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
		return code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : '\uFFFD';
	});
}
