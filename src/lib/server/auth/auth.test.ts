import { describe, expect, it } from 'vitest';
import { tempDatabase } from '../db/test-support';
import { changeUser, completeSetup, issueResetLink, resetPassword, signIn } from './accounts';
import { hostOf } from './hosts';
import { readRenderPass, renderPass } from './render-pass';
import { createSession, endAllSessions, sessionUser } from './sessions';
import { isSetupToken, prepareFirstAdmin } from './setup';
import { Throttle } from './throttle';
import { createUser, findUser } from './users';

describe('accounts and sessions', () => {
	it('stores an Argon2id hash, never the password, and signs in only with the right one', async () => {
		const db = await tempDatabase();
		await createUser(
			db,
			{ email: 'Director@Library.org', name: 'Dana', role: 'director', branches: null },
			'correct horse battery'
		);
		const stored = await findUser(db, { email: 'director@library.org' });
		expect(stored?.passwordHash).toMatch(/^\$argon2id\$/);
		expect(stored?.passwordHash).not.toContain('correct horse');
		expect((await signIn(db, 'director@library.org', 'wrong password!!', '10.0.0.1')).ok).toBe(false);
		expect(await signIn(db, ' DIRECTOR@library.org ', 'correct horse battery', '10.0.0.1')).toMatchObject({
			ok: true,
			user: { role: 'director' }
		});
	});

	it('throttles guessing per account: the sixth wrong password in 15 minutes waits, even with the right one', async () => {
		const db = await tempDatabase();
		await createUser(
			db,
			{ email: 'staff@library.org', name: 'Sam', role: 'staff', branches: null },
			'a long enough password'
		);
		for (let i = 0; i < 5; i++)
			expect((await signIn(db, 'staff@library.org', `guess number ${i}`, `10.0.1.${i}`)).ok).toBe(false);
		const blocked = await signIn(db, 'staff@library.org', 'a long enough password', '10.0.2.1');
		expect(blocked).toMatchObject({ ok: false, status: 429 });
	});

	it('counts failures per address too, and forgets them after the window', () => {
		const throttle = new Throttle(3, 1000);
		throttle.fail('a', 0);
		throttle.fail('a', 10);
		expect(throttle.retryAfter('a', 20)).toBe(0);
		throttle.fail('a', 20);
		expect(throttle.retryAfter('a', 30)).toBe(970);
		expect(throttle.retryAfter('a', 1001)).toBe(0);
	});

	it('ends a session after 3 idle days or 14 days in all, and at once for a disabled account', async () => {
		const db = await tempDatabase();
		const admin = await createUser(
			db,
			{ email: 'admin@library.org', name: 'Ari', role: 'admin', branches: null },
			'admin password here'
		);
		const staff = await createUser(
			db,
			{ email: 'staff@library.org', name: 'Sam', role: 'staff', branches: ['Eastside'] },
			'staff password here'
		);
		const start = new Date('2026-11-01T09:00:00Z');
		const idle = await createSession(db, staff.userId, start);
		expect(await sessionUser(db, idle.token, new Date('2026-11-03T09:00:00Z'))).toMatchObject({
			email: 'staff@library.org',
			branches: ['Eastside']
		});
		expect(await sessionUser(db, idle.token, new Date('2026-11-06T10:00:00Z'))).toBeNull();
		const busy = await createSession(db, staff.userId, start);
		for (let day = 2; day <= 14; day += 2)
			expect(
				await sessionUser(db, busy.token, new Date(`2026-11-${String(day).padStart(2, '0')}T09:00:00Z`))
			).not.toBeNull();
		expect(await sessionUser(db, busy.token, new Date('2026-11-15T10:00:00Z'))).toBeNull();
		const later = await createSession(db, staff.userId);
		expect(await changeUser(db, 'user:admin@library.org', staff.userId, { disabled: true })).toBeNull();
		expect(await sessionUser(db, later.token)).toBeNull();
		// The last admin cannot be demoted or disabled.
		expect(await changeUser(db, 'user:admin@library.org', admin.userId, { role: 'viewer' })).toMatch(
			/at least one admin/
		);
	});

	it('a reset link works once, sets the password and signs the person out everywhere', async () => {
		const db = await tempDatabase();
		const user = await createUser(db, { email: 'viewer@library.org', name: 'Trustee', role: 'viewer', branches: null });
		const session = await createSession(db, user.userId);
		const link = await issueResetLink(db, 'user:admin@library.org', user.userId);
		const token = link.split('/').pop()!;
		expect(await resetPassword(db, token, 'trustee password 1')).toMatchObject({ email: 'viewer@library.org' });
		expect(await resetPassword(db, token, 'another password 2')).toBeNull();
		expect(await sessionUser(db, session.token)).toBeNull();
		expect((await signIn(db, 'viewer@library.org', 'trustee password 1', '10.0.3.1')).ok).toBe(true);
		await endAllSessions(db, user.userId);
	});

	it('creates the first admin from the environment, or from a one-time setup link', async () => {
		const fromEnv = await tempDatabase();
		process.env.LANTERN_ADMIN_EMAIL = 'boss@library.org';
		process.env.LANTERN_ADMIN_PASSWORD = 'a very good password';
		await prepareFirstAdmin(fromEnv, () => undefined);
		delete process.env.LANTERN_ADMIN_EMAIL;
		delete process.env.LANTERN_ADMIN_PASSWORD;
		expect(await findUser(fromEnv, { email: 'boss@library.org' })).toMatchObject({ role: 'admin' });

		const fromLink = await tempDatabase();
		const lines: string[] = [];
		await prepareFirstAdmin(fromLink, (line) => lines.push(line));
		const token = lines.join('\n').match(/\/setup\/([\w-]+)/)![1]!;
		expect(isSetupToken('x'.repeat(token.length))).toBe(false);
		expect(
			await completeSetup(fromLink, token, {
				email: 'first@library.org',
				name: 'First',
				password: 'first admin password'
			})
		).toMatchObject({ role: 'admin' });
		expect(
			await completeSetup(fromLink, token, {
				email: 'second@library.org',
				name: 'Second',
				password: 'second admin password'
			})
		).toBeNull();
	});
});

describe('the PDF renderer’s pass', () => {
	it('is honoured only from loopback with this process’s secret', () => {
		const pass = renderPass('user:7');
		expect(readRenderPass(pass, '127.0.0.1')).toBe('user:7');
		expect(readRenderPass(pass, '::1')).toBe('user:7');
		expect(readRenderPass(pass, '192.168.1.20')).toBeNull();
		expect(readRenderPass(`${'a'.repeat(43)} local-admin`, '127.0.0.1')).toBeNull();
		expect(readRenderPass(pass.replace('user:7', 'root'), '127.0.0.1')).toBeNull();
	});
});

describe('host names', () => {
	it('reads the name from a Host header, IPv6 and ports included', () => {
		expect(hostOf('Lantern.Local:3000')).toBe('lantern.local');
		expect(hostOf('[::1]:3000')).toBe('::1');
		expect(hostOf('127.0.0.1')).toBe('127.0.0.1');
	});
});

describe('sessions under parallel requests', () => {
	it('a person whose browser asks for six pages at once after a quiet spell gets all six: the session is touched once, without a write conflict', async () => {
		const db = await tempDatabase();
		const user = await createUser(
			db,
			{ email: 'director@library.org', name: 'Dee', role: 'director', branches: null },
			'director password here'
		);
		const session = await createSession(db, user.userId, new Date('2026-11-01T09:00:00Z'));
		const later = new Date('2026-11-01T10:00:00Z');
		for (let round = 0; round < 5; round += 1) {
			const at = new Date(later.getTime() + round * 3600_000);
			const answers = await Promise.all(Array.from({ length: 6 }, () => sessionUser(db, session.token, at)));
			expect(answers.every((answer) => answer?.email === 'director@library.org')).toBe(true);
		}
		const [row] = await db.query<{ last: string }>(
			`SELECT strftime(last_seen_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M') AS last FROM sessions`
		);
		expect(row!.last).toBe('2026-11-01T14:00');
	});
});
