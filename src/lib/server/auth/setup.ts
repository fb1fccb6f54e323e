import { timingSafeEqual } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Database } from '../db/database';
import { recordAudit } from './audit';
import { Password } from './passwords';
import { newToken } from './tokens';
import { countUsers, createUser, Email } from './users';

/**
 * The first admin. Either the operator names one in LANTERN_ADMIN_EMAIL and LANTERN_ADMIN_PASSWORD,
 * or Lantern prints a one-time link on the console (and writes it beside the database, readable by
 * the operator only): whoever can read the server's console or files creates the admin, not
 * whoever reaches the port first.
 */
let setupToken: string | null = null;

export function setupLinkPath(db: Database): string {
	return join(dirname(db.path), 'setup-link.txt');
}

function publicBase(): string {
	return process.env.ORIGIN ?? `http://localhost:${process.env.PORT ?? 3000}`;
}

export async function prepareFirstAdmin(db: Database, log: (line: string) => void = console.log): Promise<void> {
	if ((await countUsers(db)) > 0) {
		rmSync(setupLinkPath(db), { force: true });
		return;
	}
	const email = process.env.LANTERN_ADMIN_EMAIL;
	const password = process.env.LANTERN_ADMIN_PASSWORD;
	if (email && password) {
		const parsedEmail = Email.safeParse(email);
		const parsedPassword = Password.safeParse(password);
		if (!parsedEmail.success) throw new Error(`LANTERN_ADMIN_EMAIL ${parsedEmail.error.issues[0]!.message}.`);
		if (!parsedPassword.success) throw new Error(`LANTERN_ADMIN_PASSWORD ${parsedPassword.error.issues[0]!.message}.`);
		await createUser(
			db,
			{
				email: parsedEmail.data,
				name: process.env.LANTERN_ADMIN_NAME ?? 'Administrator',
				role: 'admin',
				branches: null
			},
			password
		);
		await recordAudit(db, 'system', 'user created', `${parsedEmail.data} as admin, from LANTERN_ADMIN_EMAIL`);
		log(`Lantern: created the admin account ${parsedEmail.data} (LANTERN_ADMIN_EMAIL).`);
		return;
	}
	setupToken = newToken();
	const link = `${publicBase()}/setup/${setupToken}`;
	writeFileSync(setupLinkPath(db), `${link}\n`, { mode: 0o600 });
	log(`Lantern has no admin account yet. Create it with this one-time link (also in ${setupLinkPath(db)}):\n  ${link}`);
}

export function isSetupToken(token: string): boolean {
	if (!setupToken || token.length !== setupToken.length) return false;
	return timingSafeEqual(Buffer.from(token), Buffer.from(setupToken));
}

/** Called once the admin exists: the link stops working and its file is removed. */
export function finishSetup(db: Database): void {
	setupToken = null;
	rmSync(setupLinkPath(db), { force: true });
}
