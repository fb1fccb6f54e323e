import type { Database } from '../db/database';
import { hashToken, newToken } from './tokens';
import { findUser, withoutPassword, type User } from './users';

export const SESSION_COOKIE = 'lantern_session';
/** A session ends 14 days after sign-in, or after 3 days without use, whichever comes first. */
const ABSOLUTE_MS = 14 * 24 * 3600_000;
const IDLE_MS = 3 * 24 * 3600_000;
/** last_seen_at is written at most this often, so browsing does not write on every request. */
const TOUCH_EVERY_MS = 10 * 60_000;

/** Starts a session for `userId`; returns the cookie value (only its hash is stored). */
export async function createSession(
	db: Database,
	userId: number,
	now = new Date()
): Promise<{ token: string; expiresAt: Date }> {
	const token = newToken();
	const expiresAt = new Date(now.getTime() + ABSOLUTE_MS);
	await db.query(
		'INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $3, $4)',
		[hashToken(token), userId, now.toISOString(), expiresAt.toISOString()]
	);
	return { token, expiresAt };
}

/** The signed-in person for a cookie value, or null when the session is unknown, expired, idle too long or the account is disabled. */
export async function sessionUser(db: Database, token: string | undefined, now = new Date()): Promise<User | null> {
	if (!token || token.length > 100) return null;
	const tokenHash = hashToken(token);
	const [session] = await db.query<{ user_id: number; last_seen_at: Date; expires_at: Date }>(
		'SELECT user_id, last_seen_at, expires_at FROM sessions WHERE token_hash = $1',
		[tokenHash]
	);
	if (!session) return null;
	if (session.expires_at.getTime() <= now.getTime() || now.getTime() - session.last_seen_at.getTime() > IDLE_MS) {
		await db.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
		return null;
	}
	const user = await findUser(db, { userId: session.user_id });
	if (!user || user.disabled) return null;
	if (now.getTime() - session.last_seen_at.getTime() > TOUCH_EVERY_MS) await touch(db, tokenHash, now);
	return withoutPassword(user);
}

/** Touches under way, by session: a browser's parallel requests share one write. */
const touching = new Map<string, Promise<void>>();

/**
 * Records that a session was used. A page's parallel requests after a quiet spell all find it due:
 * they share one UPDATE, and a conflict with a touch from elsewhere (another process, a request that
 * read the row before this one wrote) means the session was just touched, which is all that was wanted.
 */
function touch(db: Database, tokenHash: string, now: Date): Promise<void> {
	const under = touching.get(tokenHash);
	if (under) return under;
	const write = db
		.query('UPDATE sessions SET last_seen_at = greatest(last_seen_at, CAST($2 AS TIMESTAMPTZ)) WHERE token_hash = $1', [
			tokenHash,
			now.toISOString()
		])
		.then(
			() => undefined,
			(error: unknown) => {
				if (!/Conflict on update/i.test(String(error))) throw error;
			}
		)
		.finally(() => touching.delete(tokenHash));
	touching.set(tokenHash, write);
	return write;
}

export async function endSession(db: Database, token: string | undefined): Promise<void> {
	if (token) await db.query('DELETE FROM sessions WHERE token_hash = $1', [hashToken(token)]);
}

/** Signs a person out on every device (after a password change, a reset, or on request). */
export async function endAllSessions(db: Database, userId: number): Promise<void> {
	await db.query('DELETE FROM sessions WHERE user_id = $1', [userId]);
}

/** Drops sessions that can no longer be used. */
export async function pruneSessions(db: Database, now = new Date()): Promise<void> {
	await db.query('DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at < $2', [
		now.toISOString(),
		new Date(now.getTime() - IDLE_MS).toISOString()
	]);
}
