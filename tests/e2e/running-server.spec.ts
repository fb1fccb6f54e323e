import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeAll, openDatabase } from '../../src/lib/server/db/database';
import { importAny } from '../../src/lib/server/ingest/import-any';
import { saveSettings } from '../../src/lib/server/settings';
import { signIn, startLantern, type LanternServer } from '../support/lantern-server';
import { xPostExport } from '../support/server-soak';

// What only a running server does: the uploader-name sweep at start and on saving Settings, and
// `lantern backup` asking the server (which holds the database's lock) to write the snapshot.
// One server of its own, started as `npm start` starts it, on a library made before it starts.

const ADMIN = { email: 'retention@library.example', password: 'retention admin password 1' };

let dir: string;
let database: string;
let server: LanternServer | undefined;
let base: string;
let cookie: string;

/** The library before the server starts: two imports by Sam, one 40 days ago and one 10 days ago. */
async function prepareLibrary(): Promise<void> {
	const db = await openDatabase(database);
	await saveSettings(db, { uploaderNamesKeptDays: 30 });
	for (const [offset, daysAgo] of [
		[1, 40],
		[2, 10]
	] as const) {
		const file = join(dir, `tweet_activity_metrics_retention_${offset}.csv`);
		writeFileSync(file, xPostExport(20, offset));
		const result = await importAny(db, file, { fileName: `tweet_activity_metrics_retention_${offset}.csv` });
		await db.query(
			`UPDATE import_log SET imported_by = 'sam@library.example', imported_at = now() - INTERVAL (${daysAgo}) DAY WHERE import_id = $1`,
			[result.importId]
		);
	}
	await closeAll();
}

test.beforeAll(async () => {
	test.setTimeout(240_000);
	dir = mkdtempSync(join(tmpdir(), 'lantern-running-'));
	database = join(dir, 'lantern.duckdb');
	await prepareLibrary();
	const temp = join(dir, 'tmp');
	mkdirSync(temp);
	server = await startLantern({
		database,
		env: {
			LANTERN_DEMO: '0',
			TMPDIR: temp,
			LANTERN_ADMIN_EMAIL: ADMIN.email,
			LANTERN_ADMIN_PASSWORD: ADMIN.password
		}
	});
	base = server.base;
	cookie = await signIn(base, ADMIN);
});

test.afterAll(async () => {
	await server?.stop();
	rmSync(dir, { recursive: true, force: true });
});

/** Uploaders as the admin sees them on the imports list, oldest first. */
async function uploaders(): Promise<string[]> {
	const response = await fetch(`${base}/api/imports`, { headers: { cookie } });
	expect(response.status).toBe(200);
	const imports = (await response.json()) as { importId: number; importedBy: string }[];
	return imports.sort((a, b) => a.importId - b.importId).map((item) => item.importedBy);
}

test('the server forgets uploader names past the retention setting at start, and at once when Settings shortens it', async () => {
	// Kept 30 days: the start's sweep forgot the 40-day-old name, not the 10-day-old one.
	expect(await uploaders()).toEqual(['a staff member', 'sam@library.example']);

	const saved = await fetch(`${base}/settings`, {
		method: 'POST',
		headers: {
			cookie,
			origin: base,
			accept: 'application/json',
			'x-sveltekit-action': 'true',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams({ libraryName: 'Retention library', timeZone: 'UTC', uploaderNamesKeptDays: '7' })
	});
	expect(((await saved.json()) as { type: string }).type).toBe('success');
	expect(await uploaders()).toEqual(['a staff member', 'a staff member']);
});

test('`lantern backup` while the server runs writes the snapshot through the server, and it restores whole', async () => {
	const cli = (...args: string[]) =>
		spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args, '--json'], {
			encoding: 'utf8',
			timeout: 120_000
		});
	const folder = join(dir, 'backup');
	const backup = cli('backup', folder, '--db', database);
	expect(backup.stderr, backup.stdout).toBe('');
	expect(backup.stdout).toContain('"byServer": true');
	const written = JSON.parse(backup.stdout) as { byServer: boolean; tables: Record<string, number> };
	expect(written.byServer).toBe(true);
	expect(written.tables.post_observations).toBe(40);
	expect(written.tables.import_log).toBe(2);

	// Restoring over the database the server holds is refused; into a new file it brings every row back.
	const refused = cli('restore', folder, '--db', database);
	expect(refused.status).not.toBe(0);
	const copy = join(dir, 'restored', 'lantern.duckdb');
	const restored = cli('restore', folder, '--db', copy);
	expect(restored.stderr).toBe('');
	expect((JSON.parse(restored.stdout) as { tables: Record<string, number> }).tables).toEqual(written.tables);
	expect(existsSync(copy)).toBe(true);
	const db = await openDatabase(copy);
	const [row] = await db.query<{ n: number }>('SELECT count(*) AS n FROM posts');
	expect(row!.n).toBe(40);
	await closeAll();

	// The server still answers, its database untouched by either command.
	const page = await fetch(`${base}/overview`, { headers: { cookie } });
	expect(page.status).toBe(200);
});
