import { inflateRawSync } from 'node:zlib';
import { Refusal } from '../refusal';

export interface ZipEntry {
	name: string;
	method: number;
	compressedSize: number;
	size: number;
	offset: number;
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

/** Reads a ZIP's central directory (the archive must fit in memory; uploads are capped anyway). */
export function zipEntries(zip: Buffer): ZipEntry[] {
	const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
	if (end < 0)
		throw new Refusal(
			'The file looks like a ZIP archive or workbook but is damaged (no central directory). Export it again.'
		);
	const count = zip.readUInt16LE(end + 10);
	let cursor = zip.readUInt32LE(end + 16);
	const entries: ZipEntry[] = [];
	let total = 0;
	for (let i = 0; i < count; i += 1) {
		if (zip.readUInt32LE(cursor) !== 0x02014b50)
			throw new Refusal('The ZIP archive is damaged (a directory entry is unreadable). Export it again.');
		const entry: ZipEntry = {
			method: zip.readUInt16LE(cursor + 10),
			compressedSize: zip.readUInt32LE(cursor + 20),
			size: zip.readUInt32LE(cursor + 24),
			offset: zip.readUInt32LE(cursor + 42),
			name: zip.toString('utf8', cursor + 46, cursor + 46 + zip.readUInt16LE(cursor + 28))
		};
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
		cursor += 46 + zip.readUInt16LE(cursor + 28) + zip.readUInt16LE(cursor + 30) + zip.readUInt16LE(cursor + 32);
	}
	return entries;
}

/** One entry's bytes, never inflating past the size its directory entry declares. */
export function readZipEntry(zip: Buffer, entry: ZipEntry): Buffer {
	const local = entry.offset;
	if (zip.readUInt32LE(local) !== 0x04034b50)
		throw new Refusal(`The archive entry ${entry.name} is damaged. Export it again.`);
	const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
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
