import { openDatabase, defaultDatabasePath, type Database } from './db/database';
import { scopedDatabase } from './db/scoped';
import { pageFigures, type PageFigures } from './db/version-cache';

/** The web server's database: LANTERN_DB or data/lantern.duckdb, opened once. */
export function getDatabase(): Promise<Database> {
	return openDatabase(defaultDatabasePath());
}

/** The database as the person making the request may see it: only their branches, if they have a list. */
export async function databaseFor(locals: { user: { branches: string[] | null } | null }): Promise<Database> {
	return scopedDatabase(await getDatabase(), locals.user?.branches ?? null);
}

/**
 * A dashboard page's figures for the person asking (their branches), once per data version
 * (pageFigures): `updating` says they are from before a change whose figures are still being computed.
 */
export async function dashboardFigures<T>(
	locals: { user: { branches: string[] | null } | null; reader: string | null },
	page: string,
	args: unknown,
	compute: (db: Database) => Promise<T>
): Promise<PageFigures<T>> {
	const db = await databaseFor(locals);
	return pageFigures(db, page, args, () => compute(db), { reader: locals.reader });
}

/** Largest upload accepted, in bytes (LANTERN_UPLOAD_LIMIT_MB, default 200 MB). */
export function uploadLimitBytes(): number {
	const megabytes = Number(process.env.LANTERN_UPLOAD_LIMIT_MB ?? 200);
	return (Number.isFinite(megabytes) && megabytes > 0 ? megabytes : 200) * 1024 * 1024;
}
