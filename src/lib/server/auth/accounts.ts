import type { Cookies } from '@sveltejs/kit';
import type { Database } from '../db/database';
import { recordAudit } from './audit';
import { accountsChanged } from './demo-mode';
import { Password, verifyPassword } from './passwords';
import { createSession, endAllSessions, endSession, SESSION_COOKIE } from './sessions';
import { finishSetup, isSetupToken } from './setup';
import { accountThrottle, addressThrottle } from './throttle';
import { hashToken, newToken } from './tokens';
import {
	countActiveAdmins,
	createUser,
	findUser,
	setPassword,
	updateUser,
	withoutPassword,
	type NewUser,
	type User
} from './users';

/** Reset links work for a day, once. */
const RESET_LINK_MS = 24 * 3600_000;

export type SignInResult = { ok: true; user: User } | { ok: false; message: string; status: number };

/** Sets the session cookie: HttpOnly, SameSite=Lax, Secure whenever Lantern is served over https. */
export async function startSession(db: Database, cookies: Cookies, secure: boolean, userId: number): Promise<void> {
	// A new session at every sign-in (the old cookie's session, if any, is ended): no fixation.
	await endSession(db, cookies.get(SESSION_COOKIE));
	const { token, expiresAt } = await createSession(db, userId);
	cookies.set(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure, expires: expiresAt });
}

export async function signOut(db: Database, cookies: Cookies): Promise<void> {
	await endSession(db, cookies.get(SESSION_COOKIE));
	cookies.delete(SESSION_COOKIE, { path: '/' });
}

export async function signIn(db: Database, email: string, password: string, address: string): Promise<SignInResult> {
	const key = email.trim().toLowerCase();
	const wait = Math.max(accountThrottle.retryAfter(key), addressThrottle.retryAfter(address));
	if (wait > 0)
		return {
			ok: false,
			status: 429,
			message: `Too many failed sign-ins. Try again in ${Math.ceil(wait / 60_000)} minute${wait > 60_000 ? 's' : ''}, or ask an admin for a reset link.`
		};
	const user = await findUser(db, { email: key });
	const valid = await verifyPassword(user?.passwordHash ?? null, password);
	if (!user || !valid || user.disabled) {
		accountThrottle.fail(key);
		addressThrottle.fail(address);
		if (user)
			await recordAudit(
				db,
				`user:${user.email}`,
				'sign-in refused',
				user.disabled ? 'account disabled' : 'wrong password'
			);
		return {
			ok: false,
			status: 400,
			message: user?.disabled
				? 'This account is disabled. Ask an admin.'
				: 'That e-mail and password do not match an account.'
		};
	}
	accountThrottle.succeed(key);
	await recordAudit(db, `user:${user.email}`, 'signed in');
	return { ok: true, user: withoutPassword(user) };
}

/** The first admin, from the one-time setup link. */
export async function completeSetup(
	db: Database,
	token: string,
	admin: { email: string; name: string; password: string }
): Promise<User | null> {
	if (!isSetupToken(token)) return null;
	const user = await createUser(
		db,
		{ email: admin.email, name: admin.name, role: 'admin', branches: null },
		admin.password
	);
	finishSetup(db);
	accountsChanged();
	await recordAudit(db, `user:${user.email}`, 'user created', `${user.email} as admin, from the setup link`);
	return user;
}

export async function addUser(db: Database, actor: string, user: NewUser): Promise<{ user: User; resetLink: string }> {
	const created = await createUser(db, user);
	accountsChanged();
	await recordAudit(
		db,
		actor,
		'user created',
		`${created.email} as ${created.role}${created.branches ? ` (branches: ${created.branches.join(', ')})` : ''}`
	);
	return { user: created, resetLink: await issueResetLink(db, actor, created.userId) };
}

export async function changeUser(
	db: Database,
	actor: string,
	userId: number,
	changes: Parameters<typeof updateUser>[2]
): Promise<string | null> {
	const user = await findUser(db, { userId });
	if (!user) return 'That account no longer exists.';
	const losesAdmin =
		user.role === 'admin' &&
		!user.disabled &&
		((changes.role && changes.role !== 'admin') || changes.disabled === true);
	if (losesAdmin && (await countActiveAdmins(db)) <= 1)
		return 'Lantern needs at least one admin: make someone else admin first.';
	await updateUser(db, userId, changes);
	if (changes.disabled) await endAllSessions(db, userId);
	accountsChanged();
	await recordAudit(db, actor, 'user changed', `${user.email}: ${JSON.stringify(changes)}`);
	return null;
}

/** A one-time link, valid for a day, with which a person sets their password. Returns the path. */
export async function issueResetLink(db: Database, actor: string, userId: number): Promise<string> {
	const token = newToken();
	await db.query('DELETE FROM password_resets WHERE user_id = $1', [userId]);
	await db.query('INSERT INTO password_resets (token_hash, user_id, expires_at) VALUES ($1, $2, $3)', [
		hashToken(token),
		userId,
		new Date(Date.now() + RESET_LINK_MS).toISOString()
	]);
	const user = await findUser(db, { userId });
	await recordAudit(db, actor, 'reset link issued', user?.email);
	return `/reset/${token}`;
}

export async function resetLinkUser(db: Database, token: string): Promise<User | null> {
	const [row] = await db.query<{ user_id: number }>(
		'SELECT user_id FROM password_resets WHERE token_hash = $1 AND expires_at > now()',
		[hashToken(token)]
	);
	const user = row ? await findUser(db, { userId: row.user_id }) : null;
	return user && !user.disabled ? withoutPassword(user) : null;
}

/** Sets the password from a reset link: the link is used up and every other session ends. */
export async function resetPassword(db: Database, token: string, password: string): Promise<User | null> {
	const user = await resetLinkUser(db, token);
	if (!user) return null;
	await setPassword(db, user.userId, password);
	await db.query('DELETE FROM password_resets WHERE user_id = $1', [user.userId]);
	await endAllSessions(db, user.userId);
	await recordAudit(db, `user:${user.email}`, 'password set', 'from a reset link');
	return user;
}

export async function changePassword(db: Database, user: User, current: string, next: string): Promise<string | null> {
	const stored = await findUser(db, { userId: user.userId });
	if (!(await verifyPassword(stored?.passwordHash ?? null, current))) return 'The current password is not right.';
	await setPassword(db, user.userId, next);
	await endAllSessions(db, user.userId);
	await recordAudit(db, `user:${user.email}`, 'password changed');
	return null;
}

export { endAllSessions, Password };
