import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatCount } from '../../format';

export class UploadTooLarge extends Error {
	constructor(limitBytes: number) {
		super(`The file is larger than the upload limit of ${formatCount(limitBytes / 1024 / 1024)} MB. Split the export into smaller date ranges, or ask your administrator to raise LANTERN_UPLOAD_LIMIT_MB.`);
	}
}

/** Streams an upload to a private temporary file, stopping as soon as it passes `limitBytes`. */
export async function saveUpload(body: ReadableStream<Uint8Array>, limitBytes: number): Promise<string> {
	const directory = join(tmpdir(), 'lantern-uploads');
	await mkdir(directory, { recursive: true, mode: 0o700 });
	const path = join(directory, `${randomUUID()}.upload`);
	const file = createWriteStream(path, { mode: 0o600 });
	let written = 0;
	try {
		const reader = body.getReader();
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			written += value.byteLength;
			if (written > limitBytes) {
				await reader.cancel();
				throw new UploadTooLarge(limitBytes);
			}
			if (!file.write(value)) await new Promise<void>((resolve) => file.once('drain', () => resolve()));
		}
		await new Promise<void>((resolve, reject) => file.end((error?: Error | null) => (error ? reject(error) : resolve())));
		return path;
	} catch (error) {
		file.destroy();
		await rm(path, { force: true });
		throw error;
	}
}
