import { queryRows, type Database } from '../db/database';
import { listImports, type ImportRecord } from './import-log';
import { getSettings } from '../settings';

/** What the imports list says for an upload whose uploader's name is no longer kept, or not shown. */
export const FORGOTTEN_UPLOADER = 'a staff member';
const SWEEP_EVERY_MS = 60 * 60 * 1000;

/**
 * Forgets the uploader's name of every import older than the library's retention setting (the
 * demo library's "demo" stays). Returns how many names it forgot.
 */
export async function forgetUploaderNames(db: Database, now = new Date()): Promise<number> {
	const { uploaderNamesKeptDays } = await getSettings(db);
	const cutoff = new Date(now.getTime() - uploaderNamesKeptDays * 86_400_000).toISOString();
	const where = 'imported_by IS NOT NULL AND NOT is_demo AND imported_at < CAST($1 AS TIMESTAMPTZ)';
	const forgotten = await db.withConnection(async (connection) => {
		const [row] = await queryRows<{ n: number }>(
			connection,
			`SELECT CAST(count(*) AS INTEGER) AS n FROM import_log WHERE ${where}`,
			[cutoff]
		);
		if (!row?.n) return 0;
		await connection.run(`UPDATE import_log SET imported_by = NULL WHERE ${where}`, [cutoff]);
		return row.n;
	});
	if (forgotten > 0) db.markChanged();
	return forgotten;
}

let sweeping: ReturnType<typeof setInterval> | null = null;

/** Forgets expired names now and every hour, without keeping the process alive. */
export function startUploaderNameSweeps(db: Database): void {
	if (sweeping) return;
	const sweep = () =>
		void forgetUploaderNames(db).catch((error: unknown) =>
			console.error('Lantern: forgetting uploader names failed', error)
		);
	sweep();
	sweeping = setInterval(sweep, SWEEP_EVERY_MS);
	sweeping.unref();
}

/**
 * The uploader as a person with this role sees it: the name for those who manage imports (remove
 * anyone's), "you" for one's own uploads, otherwise "a staff member".
 */
export function uploaderAsSeen(
	importedBy: string | null,
	viewer: { actor: string | null; managesImports: boolean }
): string {
	if (importedBy === null) return FORGOTTEN_UPLOADER;
	if (viewer.managesImports) return importedBy;
	if (importedBy === viewer.actor) return 'you';
	return importedBy === 'demo' ? 'demo' : FORGOTTEN_UPLOADER;
}

/** The imports list as this person may see it, with `mine` marking their own uploads. */
export async function importsAsSeen(
	db: Database,
	viewer: { actor: string | null; managesImports: boolean }
): Promise<(ImportRecord & { mine: boolean })[]> {
	return (await listImports(db)).map((item) => ({
		...item,
		importedBy: uploaderAsSeen(item.importedBy, viewer),
		mine: item.importedBy !== null && item.importedBy === viewer.actor
	}));
}
