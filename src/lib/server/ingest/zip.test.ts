import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readZipEntry, zipEntries } from './zip';

/** A one-entry ZIP built by hand, with a size field that may lie. */
function zipOf(name: string, content: Buffer, declaredSize = content.length): Buffer {
	const data = deflateRawSync(content);
	const nameBytes = Buffer.from(name);
	const local = Buffer.alloc(30);
	local.writeUInt32LE(0x04034b50, 0);
	local.writeUInt16LE(8, 8);
	local.writeUInt32LE(data.length, 18);
	local.writeUInt32LE(declaredSize, 22);
	local.writeUInt16LE(nameBytes.length, 26);
	const central = Buffer.alloc(46);
	central.writeUInt32LE(0x02014b50, 0);
	central.writeUInt16LE(8, 10);
	central.writeUInt32LE(data.length, 20);
	central.writeUInt32LE(declaredSize, 24);
	central.writeUInt16LE(nameBytes.length, 28);
	central.writeUInt32LE(0, 42);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(1, 8);
	end.writeUInt16LE(1, 10);
	end.writeUInt32LE(46 + nameBytes.length, 12);
	end.writeUInt32LE(30 + nameBytes.length + data.length, 16);
	return Buffer.concat([local, nameBytes, data, central, nameBytes, end]);
}

describe('zip reader', () => {
	it('reads an entry', () => {
		const zip = zipOf('a.csv', Buffer.from('x,y\n1,2\n'));
		const [entry] = zipEntries(zip);
		expect(readZipEntry(zip, entry!).toString()).toBe('x,y\n1,2\n');
	});

	it('refuses a ZIP bomb before inflating it', () => {
		const zeros = Buffer.alloc(50 * 1024 * 1024);
		expect(() => zipEntries(zipOf('bomb.csv', zeros))).toThrow(/ZIP bomb/);
	});

	it('never inflates past the size an entry declares', () => {
		const zip = zipOf('liar.csv', Buffer.alloc(200_000, 65), 1000);
		const [entry] = zipEntries(zip);
		expect(() => readZipEntry(zip, entry!)).toThrow(/damaged or larger than it claims/);
	});
});
