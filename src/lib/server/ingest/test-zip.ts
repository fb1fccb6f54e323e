import { deflateRawSync } from 'node:zlib';

/**
 * A ZIP of several deflated entries, written by hand (local headers, central directory, end record).
 * `declaredSizes` makes an entry lie about its inflated size, as a damaged or hostile file would.
 */
export function zipOf(files: Record<string, Buffer>, declaredSizes: Record<string, number> = {}): Buffer {
	const locals: Buffer[] = [];
	const centrals: Buffer[] = [];
	let offset = 0;
	for (const [name, content] of Object.entries(files)) {
		const data = deflateRawSync(content);
		const size = declaredSizes[name] ?? content.length;
		const nameBytes = Buffer.from(name);
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(8, 8);
		local.writeUInt32LE(data.length, 18);
		local.writeUInt32LE(size, 22);
		local.writeUInt16LE(nameBytes.length, 26);
		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt16LE(8, 10);
		central.writeUInt32LE(data.length, 20);
		central.writeUInt32LE(size, 24);
		central.writeUInt16LE(nameBytes.length, 28);
		central.writeUInt32LE(offset, 42);
		locals.push(local, nameBytes, data);
		centrals.push(central, nameBytes);
		offset += 30 + nameBytes.length + data.length;
	}
	const directory = Buffer.concat(centrals);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(Object.keys(files).length, 8);
	end.writeUInt16LE(Object.keys(files).length, 10);
	end.writeUInt32LE(directory.length, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...locals, directory, end]);
}

/** A minimal .xlsx: each sheet's rows as inline strings (numbers as numbers). */
export function xlsxOf(sheets: Record<string, (string | number)[][]>): Buffer {
	const names = Object.keys(sheets);
	const column = (i: number) => String.fromCharCode(65 + i);
	const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
	const files: Record<string, Buffer> = {
		'xl/workbook.xml': Buffer.from(`<?xml version="1.0"?><workbook xmlns:r="r"><sheets>${names.map((n, i) => `<sheet name="${escape(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`),
		'xl/_rels/workbook.xml.rels': Buffer.from(`<?xml version="1.0"?><Relationships>${names.map((_, i) => `<Relationship Id="rId${i + 1}" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}</Relationships>`)
	};
	names.forEach((name, i) => {
		const rows = sheets[name]!.map((row, r) => `<row r="${r + 1}">${row.map((cell, c) => (typeof cell === 'number' ? `<c r="${column(c)}${r + 1}"><v>${cell}</v></c>` : `<c r="${column(c)}${r + 1}" t="inlineStr"><is><t>${escape(cell)}</t></is></c>`)).join('')}</row>`);
		files[`xl/worksheets/sheet${i + 1}.xml`] = Buffer.from(`<?xml version="1.0"?><worksheet><dimension ref="A1"/><sheetData>${rows.join('')}</sheetData></worksheet>`);
	});
	return zipOf(files);
}
