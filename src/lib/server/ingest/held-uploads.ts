import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const HELD = join(tmpdir(), 'lantern-uploads', 'held');
const KEEP_MS = 24 * 60 * 60 * 1000;
const TOKEN = /^[0-9a-f-]{36}$/;

/** Keeps an unrecognised upload for a day so its columns can be mapped without sending it again. */
export async function holdUpload(path: string, fileName: string): Promise<string> {
	await mkdir(HELD, { recursive: true, mode: 0o700 });
	await forgetOldUploads();
	const token = randomUUID();
	await mkdir(join(HELD, token), { mode: 0o700 });
	await rename(path, join(HELD, token, safeName(fileName)));
	return token;
}

export async function heldUpload(token: string): Promise<{ path: string; fileName: string } | null> {
	if (!TOKEN.test(token)) return null;
	try {
		const [name] = await readdir(join(HELD, token));
		return name ? { path: join(HELD, token, name), fileName: name } : null;
	} catch {
		return null;
	}
}

export async function releaseUpload(token: string): Promise<void> {
	if (TOKEN.test(token)) await rm(join(HELD, token), { recursive: true, force: true });
}

async function forgetOldUploads(): Promise<void> {
	for (const token of await readdir(HELD).catch(() => [] as string[])) {
		const info = await stat(join(HELD, token)).catch(() => null);
		if (info && Date.now() - info.mtimeMs > KEEP_MS) await rm(join(HELD, token), { recursive: true, force: true });
	}
}

const safeName = (name: string) => name.replace(/[^\w.\- ]+/g, '_').slice(0, 120) || 'upload';
