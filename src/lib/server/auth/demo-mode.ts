import type { Database } from '../db/database';

let cached: { key: string; demoMode: boolean } | null = null;
let accountsVersion = 0;

/** Call after any change to accounts, so demo mode is worked out again. */
export function accountsChanged(): void {
	accountsVersion += 1;
}

/**
 * Demo mode: nobody has an account yet and every stored import is the demo's. Then anyone may look
 * around (the newcomer's first `npm start`), and the UI says so; nothing can be changed until the
 * admin account exists. Once there is an account, or real data arrived (from the command line),
 * every page needs signing in.
 */
export async function isDemoMode(db: Database): Promise<boolean> {
	const key = `${db.path}:${db.dataVersion}:${accountsVersion}`;
	if (cached?.key === key) return cached.demoMode;
	const [row] = await db.query<{ users: number; own: number }>(
		`SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM import_log WHERE NOT is_demo AND status = 'imported') AS own`
	);
	const demoMode = row!.users === 0 && row!.own === 0;
	cached = { key, demoMode };
	return demoMode;
}
