import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Database } from '../db/database';

/**
 * Secrets Lantern must send on (the SMTP password) are sealed with AES-256-GCM under a key kept in
 * its own file beside the database, readable by Lantern's user only (0600). A copy of the database
 * (a backup, a file sent with a support question) then holds no usable password.
 */
function keyFile(db: Pick<Database, 'path'>): string | null {
	return db.path === ':memory:' ? null : `${db.path}.key`;
}

const memoryKeys = new Map<string, Buffer>();

function key(db: Pick<Database, 'path'>): Buffer {
	const file = keyFile(db);
	if (!file) {
		if (!memoryKeys.has(db.path)) memoryKeys.set(db.path, randomBytes(32));
		return memoryKeys.get(db.path)!;
	}
	if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
	const bytes = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
	if (bytes.length !== 32)
		throw new Error(`The key file ${file} is damaged: remove it and enter the SMTP password again.`);
	return bytes;
}

/** "v1:<iv>:<tag>:<ciphertext>", base64 parts. */
export function seal(db: Pick<Database, 'path'>, secret: string): string {
	const iv = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', key(db), iv);
	const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
	return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), sealed.toString('base64')].join(':');
}

/** The secret, or null when it was sealed under another key (the key file was replaced). */
export function unseal(db: Pick<Database, 'path'>, sealed: string): string | null {
	const [version, iv, tag, data] = sealed.split(':');
	if (version !== 'v1' || !iv || !tag || data === undefined) return null;
	try {
		const decipher = createDecipheriv('aes-256-gcm', key(db), Buffer.from(iv, 'base64'));
		decipher.setAuthTag(Buffer.from(tag, 'base64'));
		return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8');
	} catch {
		return null;
	}
}
