import { randomBytes, timingSafeEqual } from 'node:crypto';
import { rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import type { BackupManifest } from './backup';
import { BackupError } from './backup';

/**
 * While the web server runs it holds the database file's lock, so `lantern backup` asks the server
 * to write the snapshot. The server leaves its loopback address and a random token in a file beside
 * the database, readable only by Lantern's user (who can read the database anyway); the backup
 * endpoint answers only a request carrying that token.
 */
export const controlPath = (databasePath: string) => `${databasePath}.control.json`;
export const CONTROL_HEADER = 'x-lantern-control';

let token: string | null = null;

/** Called at server start: publishes the loopback address and a fresh token. */
export async function publishBackupControl(databasePath: string, origin: string | undefined): Promise<void> {
	if (!origin) return;
	token = randomBytes(32).toString('hex');
	await writeFile(controlPath(databasePath), JSON.stringify({ origin, token, pid: process.pid }), { mode: 0o600 });
	// Synchronously: an 'exit' listener's promise never settles, which left the file after every stop.
	process.once('exit', () => {
		try {
			rmSync(controlPath(databasePath), { force: true });
		} catch {
			// A file the next start overwrites.
		}
	});
}

export function isControlToken(candidate: string | null): boolean {
	if (!token || !candidate || candidate.length !== token.length) return false;
	return timingSafeEqual(Buffer.from(candidate), Buffer.from(token));
}

/** Asks the running server to write the snapshot into `folder`. */
export async function requestServerBackup(databasePath: string, folder: string): Promise<BackupManifest> {
	let control: { origin: string; token: string };
	try {
		control = JSON.parse(await readFile(controlPath(databasePath), 'utf8')) as typeof control;
	} catch {
		throw new BackupError(
			`The database ${databasePath} is in use, and the process using it is not a Lantern web server that can write a backup. Stop it and run the backup again.`
		);
	}
	const response = await fetch(`${control.origin}/api/backup`, {
		method: 'POST',
		// The server refuses a write that names no origin of its own (guard.ts); the token is what authorises it.
		headers: { 'content-type': 'application/json', origin: control.origin, [CONTROL_HEADER]: control.token },
		body: JSON.stringify({ folder })
	}).catch(() => null);
	if (!response) throw new BackupError('The Lantern web server did not answer; is it still running?');
	const body = (await response.json().catch(() => ({}))) as { manifest?: BackupManifest; message?: string };
	if (!response.ok || !body.manifest)
		throw new BackupError(body.message ?? `The server could not write the backup (${response.status}).`);
	return body.manifest;
}
