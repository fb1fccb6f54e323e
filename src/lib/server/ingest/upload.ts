import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { formatCount } from '../../format';

export class UploadTooLarge extends Error {
	constructor(limitBytes: number) {
		super(
			`The file is larger than the upload limit of ${formatCount(limitBytes / 1024 / 1024)} MB. Split the export into smaller date ranges, or ask your administrator to raise LANTERN_UPLOAD_LIMIT_MB.`
		);
	}
}

/** Where uploads wait while they are checked and imported (private to Lantern's user). */
export function uploadDirectory(): string {
	return join(tmpdir(), 'lantern-uploads');
}

/**
 * Streams an upload to a private temporary file, stopping as soon as it passes `limitBytes`. One
 * pipeline owns the three streams, so an over-long or aborted body ends them all and removes the
 * file without an unhandled stream error (which used to stop the whole server).
 */
export async function saveUpload(body: ReadableStream<Uint8Array>, limitBytes: number): Promise<string> {
	const directory = uploadDirectory();
	await mkdir(directory, { recursive: true, mode: 0o700 });
	// Named by the receiving process, so a next start can tell a dead server's upload from a live one's.
	const path = join(directory, `${process.pid}-${randomUUID()}.upload`);
	let written = 0;
	const limit = new Transform({
		transform(chunk: Buffer, _encoding, done) {
			written += chunk.byteLength;
			if (written > limitBytes) done(new UploadTooLarge(limitBytes));
			else done(null, chunk);
		}
	});
	try {
		await pipeline(
			Readable.fromWeb(body as WebReadableStream<Uint8Array>),
			limit,
			createWriteStream(path, { mode: 0o600 })
		);
		return path;
	} catch (error) {
		await rm(path, { force: true });
		throw error;
	}
}
