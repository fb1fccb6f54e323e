import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { uploadDirectory } from './upload';

const HELD = join(uploadDirectory(), 'held');
/**
 * An unrecognised upload is raw staff data (it may hold patrons' names): kept an hour, long enough
 * to map its columns, then removed by the sweep. Uploads still being read are minutes old at most,
 * so a file an hour old in the upload folder was left by a server that died mid-import.
 */
export const KEEP_MS = 60 * 60 * 1000;
const SWEEP_EVERY_MS = 10 * 60 * 1000;
const TOKEN = /^[0-9a-f-]{36}$/;

/** Keeps an unrecognised upload for an hour so its columns can be mapped without sending it again. */
export async function holdUpload(path: string, fileName: string): Promise<string> {
	await mkdir(HELD, { recursive: true, mode: 0o700 });
	await sweepUploads();
	const token = randomUUID();
	await mkdir(join(HELD, token), { mode: 0o700 });
	await rename(path, join(HELD, token, safeName(fileName)));
	return token;
}

/** The held upload, unless it is unknown or older than an hour (the sweep may not have run yet). */
export async function heldUpload(token: string, now = Date.now()): Promise<{ path: string; fileName: string } | null> {
	if (!TOKEN.test(token)) return null;
	try {
		const info = await stat(join(HELD, token));
		if (now - info.mtimeMs > KEEP_MS) return null;
		const [name] = await readdir(join(HELD, token));
		return name ? { path: join(HELD, token, name), fileName: name } : null;
	} catch {
		return null;
	}
}

export async function releaseUpload(token: string): Promise<void> {
	if (TOKEN.test(token)) await rm(join(HELD, token), { recursive: true, force: true });
}

/**
 * Whether the process that received an upload (its name starts with that process's id) has gone: a
 * server killed while receiving or importing it. The folder is shared by every Lantern on the machine,
 * so a live one's upload is never touched; an old name without an id waits for the hour.
 */
function receiverGone(name: string): boolean {
	// `<pid>-<uuid>.upload`, as saveUpload names it. A bare UUID may begin with eight digits
	// ("12581105-c9be-…"): that is no process's number.
	const pid = Number(/^(\d+)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.upload$/.exec(name)?.[1]);
	if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid) return false;
	try {
		process.kill(pid, 0);
		return false;
	} catch (error) {
		// EPERM: the id is alive under another user, so not a Lantern that left this file.
		return (error as NodeJS.ErrnoException).code === 'ESRCH';
	}
}

/**
 * Removes held uploads older than an hour, and raw uploads a crashed server left behind (killed while
 * receiving or importing a file, neither `finally` ran): at once when the process that received it is
 * gone, else after an hour. Returns how many it removed.
 */
export async function sweepUploads(now = Date.now()): Promise<number> {
	let removed = 0;
	const removeIfOld = async (path: string, orphaned = false) => {
		const info = await stat(path).catch(() => null);
		if (info && (orphaned || now - info.mtimeMs > KEEP_MS)) {
			await rm(path, { recursive: true, force: true });
			removed++;
		}
	};
	for (const token of await readdir(HELD).catch(() => [] as string[])) await removeIfOld(join(HELD, token));
	for (const name of await readdir(uploadDirectory()).catch(() => [] as string[]))
		if (name.endsWith('.upload')) await removeIfOld(join(uploadDirectory(), name), receiverGone(name));
	return removed;
}

let sweeping: ReturnType<typeof setInterval> | null = null;

/** Sweeps now (at start: what a crash left) and every ten minutes, without keeping the process alive. */
export function startUploadSweeps(): void {
	if (sweeping) return;
	const sweep = () =>
		void sweepUploads().catch((error: unknown) => console.error('Lantern: upload sweep failed', error));
	sweep();
	sweeping = setInterval(sweep, SWEEP_EVERY_MS);
	sweeping.unref();
}

const safeName = (name: string) => name.replace(/[^\w.\- ]+/g, '_').slice(0, 120) || 'upload';
