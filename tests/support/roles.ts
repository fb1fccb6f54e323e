import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Role } from '../../src/lib/domain/roles';

/** Where the setup spec keeps each role's signed-in browser state for the other specs. */
export const AUTH_DIR = join(process.cwd(), '.test-output', 'auth');
export const stateOf = (who: Role | 'scoped') => join(AUTH_DIR, `${who}.json`);

/** The people the setup spec creates, one per role, plus a staff member scoped to one branch. */
export const PEOPLE = {
	admin: { name: 'Ari Admin', email: 'admin@maplevalley.example', password: 'admin password for tests' },
	director: { name: 'Dana Director', email: 'director@maplevalley.example', password: 'director password for tests' },
	staff: { name: 'Sam Staff', email: 'staff@maplevalley.example', password: 'staff password for tests' },
	viewer: { name: 'Terry Trustee', email: 'trustee@maplevalley.example', password: 'trustee password for tests' },
	scoped: { name: 'Eli Eastside', email: 'eastside@maplevalley.example', password: 'eastside password for tests' }
} as const;

/** The `lantern_session` cookie of a role's saved state, for requests made outside the browser. */
export function sessionCookie(who: Role | 'scoped'): string {
	const state = JSON.parse(readFileSync(stateOf(who), 'utf8')) as { cookies: { name: string; value: string }[] };
	const cookie = state.cookies.find((c) => c.name === 'lantern_session');
	if (!cookie) throw new Error(`No session saved for ${who}; the setup spec must run first.`);
	return `lantern_session=${cookie.value}`;
}

/** The one-time setup link the server wrote beside its database (and printed on its console). */
export function setupLink(): string {
	return readFileSync(join(dirname(process.env.LANTERN_E2E_DB!), 'setup-link.txt'), 'utf8').trim();
}

/** Signs `who` in through the sign-in page at `origin` (cookies belong to one host name). */
export async function signInAt(
	page: import('@playwright/test').Page,
	origin: string,
	who: keyof typeof PEOPLE
): Promise<void> {
	await page.goto(`${origin}/login`);
	await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true');
	await page.getByLabel('E-mail').fill(PEOPLE[who].email);
	await page.getByLabel('Password').fill(PEOPLE[who].password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL(/\/overview/);
}
