import { inflateRawSync } from 'node:zlib';
import { Refusal } from '../refusal';

export interface ZipEntry {
	name: string;
	method: number;
	compressedSize: number;
	size: number;
	offset: number;
	/** general-purpose flag bit 0: the entry is encrypted (a password-protected archive) */
	encrypted: boolean;
}

/**
 * Limits that stop a ZIP bomb before it is inflated: how far any entry over 64 KB may expand (real
 * exports compress 5–30×), how far the whole archive may expand, and 512 MB in all. Small entries
 * once skipped the ratio check, so 300 entries of 1 MB each made an 882 KB archive into 300 imports.
 */
export const ZIP_LIMITS = {
	totalBytes: 512 * 1024 * 1024,
	maxRatio: 200,
	minRatioCheckBytes: 64 * 1024,
	maxFilesImported: 100
};

const DAMAGED = 'The ZIP archive is damaged (its directory is unreadable). Download or zip the export again.';
const SIGNATURE = {
	end: 0x06054b50,
	zip64End: 0x06064b50,
	zip64Locator: 0x07064b50,
	central: 0x02014b50,
	local: 0x04034b50
};
/** A 16- or 32-bit field with every bit set means "the real value is in the ZIP64 record". */
const ZIP64_16 = 0xffff;
const ZIP64_32 = 0xffffffff;

/** Reads a number at `offset`, refusing the file in words instead of letting Node throw RangeError. */
function reader(zip: Buffer) {
	const check = (offset: number, bytes: number) => {
		if (!Number.isSafeInteger(offset) || offset < 0 || offset + bytes > zip.length) throw new Refusal(DAMAGED);
	};
	return {
		u16: (offset: number) => (check(offset, 2), zip.readUInt16LE(offset)),
		u32: (offset: number) => (check(offset, 4), zip.readUInt32LE(offset)),
		u64: (offset: number) => (check(offset, 8), Number(zip.readBigUInt64LE(offset)))
	};
}

/** Where the central directory starts and how many entries it has, from the end record (ZIP64 too). */
function directoryOf(zip: Buffer): { count: number; start: number } {
	const read = reader(zip);
	const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
	if (end < 0)
		throw new Refusal(
			'The file looks like a ZIP archive or workbook but is damaged (no central directory). Export it again.'
		);
	let count = read.u16(end + 10);
	let start = read.u32(end + 16);
	if (count === ZIP64_16 || start === ZIP64_32) {
		// ZIP64 (archives over 4 GB or 65,535 files, and some tools always): the locator sits just before the end record.
		const locator = end - 20;
		if (locator < 0 || read.u32(locator) !== SIGNATURE.zip64Locator) throw new Refusal(DAMAGED);
		const record = read.u64(locator + 8);
		if (read.u32(record) !== SIGNATURE.zip64End) throw new Refusal(DAMAGED);
		count = read.u64(record + 32);
		start = read.u64(record + 48);
	}
	return { count, start };
}

/** The 64-bit sizes and offset an entry keeps in its ZIP64 extra field, in the order the spec gives. */
function zip64Values(zip: Buffer, extraStart: number, extraLength: number, wanted: number): number[] {
	const read = reader(zip);
	for (let at = extraStart; at + 4 <= extraStart + extraLength;) {
		const id = read.u16(at);
		const length = read.u16(at + 2);
		if (id === 0x0001)
			return Array.from({ length: Math.min(wanted, Math.floor(length / 8)) }, (_, i) => read.u64(at + 4 + i * 8));
		at += 4 + length;
	}
	throw new Refusal(DAMAGED);
}

/** Reads a ZIP's central directory (the archive must fit in memory; uploads are capped anyway). */
export function zipEntries(zip: Buffer): ZipEntry[] {
	const read = reader(zip);
	const { count, start } = directoryOf(zip);
	let cursor = start;
	const entries: ZipEntry[] = [];
	let total = 0;
	for (let i = 0; i < count; i += 1) {
		if (read.u32(cursor) !== SIGNATURE.central) throw new Refusal(DAMAGED);
		const nameLength = read.u16(cursor + 28);
		const extraLength = read.u16(cursor + 30);
		const entry: ZipEntry = {
			method: read.u16(cursor + 10),
			compressedSize: read.u32(cursor + 20),
			size: read.u32(cursor + 24),
			offset: read.u32(cursor + 42),
			name: zip.toString('utf8', cursor + 46, cursor + 46 + nameLength),
			encrypted: (read.u16(cursor + 8) & 1) === 1
		};
		const needs = [entry.size === ZIP64_32, entry.compressedSize === ZIP64_32, entry.offset === ZIP64_32];
		if (needs.some(Boolean)) {
			const values = zip64Values(zip, cursor + 46 + nameLength, extraLength, needs.filter(Boolean).length);
			if (needs[0]) entry.size = values.shift() ?? entry.size;
			if (needs[1]) entry.compressedSize = values.shift() ?? entry.compressedSize;
			if (needs[2]) entry.offset = values.shift() ?? entry.offset;
		}
		total += entry.size;
		const totalAllowed = Math.min(ZIP_LIMITS.totalBytes, Math.max(zip.length, 1) * ZIP_LIMITS.maxRatio);
		if (
			total > totalAllowed ||
			(entry.size > ZIP_LIMITS.minRatioCheckBytes &&
				entry.size / Math.max(entry.compressedSize, 1) > ZIP_LIMITS.maxRatio)
		) {
			throw new Refusal(
				'This archive would expand far beyond its size (a "ZIP bomb"), so Lantern will not open it. Upload the export files themselves.'
			);
		}
		entries.push(entry);
		cursor += 46 + nameLength + extraLength + read.u16(cursor + 32);
	}
	return entries;
}

/** Files an operating system adds to archives that are not the export: macOS resource forks and folder metadata. */
export function isSystemClutter(name: string): boolean {
	return (
		name.startsWith('__MACOSX/') ||
		/(^|\/)\._[^/]*$/.test(name) ||
		/(^|\/)(\.DS_Store|Thumbs\.db|desktop\.ini)$/i.test(name)
	);
}

/** One entry's bytes, never inflating past the size its directory entry declares. */
export function readZipEntry(zip: Buffer, entry: ZipEntry): Buffer {
	if (entry.encrypted)
		throw new Refusal(
			`The archive entry ${entry.name} is password-protected. Zip the export again without a password, or upload its files themselves.`
		);
	const read = reader(zip);
	const local = entry.offset;
	if (read.u32(local) !== SIGNATURE.local)
		throw new Refusal(`The archive entry ${entry.name} is damaged. Export it again.`);
	const start = local + 30 + read.u16(local + 26) + read.u16(local + 28);
	if (start + entry.compressedSize > zip.length)
		throw new Refusal(`The archive entry ${entry.name} is cut short. Download the export again.`);
	const data = zip.subarray(start, start + entry.compressedSize);
	if (entry.method === 0) return Buffer.from(data);
	if (entry.method !== 8)
		throw new Refusal(`The archive entry ${entry.name} uses a compression Lantern cannot read. Export it again.`);
	try {
		return inflateRawSync(data, { maxOutputLength: Math.max(entry.size, 1) });
	} catch {
		throw new Refusal(`The archive entry ${entry.name} is damaged or larger than it claims. Export it again.`);
	}
}
