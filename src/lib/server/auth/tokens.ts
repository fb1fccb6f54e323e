import { createHash, randomBytes } from 'node:crypto';

/** A secret for a link or cookie: 256 random bits, URL-safe. */
export function newToken(): string {
	return randomBytes(32).toString('base64url');
}

/** Only this is stored, so a copy of the database file opens no session and no reset link. */
export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}
