import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { saveUpload, uploadDirectory, UploadTooLarge } from './upload';

/** A body that sends `chunks` pieces of `size` bytes, as a chunked upload arrives. */
function body(chunks: number, size: number, failAfter?: number): ReadableStream<Uint8Array> {
	let sent = 0;
	return new ReadableStream({
		pull(controller) {
			if (failAfter !== undefined && sent === failAfter) return controller.error(new Error('the connection was reset'));
			if (sent === chunks) return controller.close();
			sent += 1;
			controller.enqueue(new Uint8Array(size).fill(65));
		}
	});
}

// These tests count the files in the upload folder, so they get a temp folder of their own: the
// soak and the refusal fuzz save uploads in other workers at the same moment.
process.env.TMPDIR = mkdtempSync(join(tmpdir(), 'lantern-upload-test-'));

const uploadsNow = () => (existsSync(uploadDirectory()) ? new Set(readdirSync(uploadDirectory())) : new Set<string>());

describe('saving an upload', () => {
	it('writes the whole body to a private file', async () => {
		const path = await saveUpload(body(3, 1000), 10_000);
		expect(readFileSync(path).length).toBe(3000);
	});

	it('stops a chunked upload past the limit with a clear error, leaves no file, and the process lives on', async () => {
		// Over real HTTP, as the server receives it: the old code crashed the process here
		// ("Controller is already closed" / ERR_STREAM_DESTROYED, nothing listening for the error).
		const before = uploadsNow();
		const server = createServer((req, res) => {
			saveUpload(Readable.toWeb(req) as ReadableStream<Uint8Array>, 5 * 1024 * 1024).then(
				() => res.end('saved'),
				(error: unknown) => {
					res.statusCode = error instanceof UploadTooLarge ? 413 : 500;
					res.end(String(error));
				}
			);
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const { port } = server.address() as AddressInfo;
		const status = await new Promise<number>((resolve, reject) => {
			const req = request(
				{ port, host: '127.0.0.1', method: 'POST', headers: { 'transfer-encoding': 'chunked' } },
				(res) => {
					res.resume();
					resolve(res.statusCode ?? 0);
				}
			);
			req.on('error', reject);
			const chunk = Buffer.alloc(64 * 1024, 65);
			let sent = 0;
			const pump = (): void => {
				while (sent < 20 * 1024 * 1024) {
					sent += chunk.length;
					if (!req.write(chunk)) return void req.once('drain', pump);
				}
				req.end();
			};
			pump();
		}).catch(() => 413);
		server.close();
		expect(status).toBe(413);
		expect([...uploadsNow()].filter((name) => !before.has(name))).toEqual([]);
	});

	it('an upload cut off halfway fails and leaves no file', async () => {
		const before = uploadsNow();
		await expect(saveUpload(body(10, 1000, 4), 1_000_000)).rejects.toThrow('reset');
		expect([...uploadsNow()].filter((name) => !before.has(name))).toEqual([]);
	});
});
