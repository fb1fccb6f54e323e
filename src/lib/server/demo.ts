import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ImportResult } from '../domain/imports';
import { queryRows, type Database } from './db/database';
import { relinkCampaigns } from './campaigns';
import { importAny, removeImportsAndRelink } from './ingest/import-any';
import { getSettings, saveSettings } from './settings';

export const DEMO_LIBRARY_NAME = 'Maple Valley Public Library';
const DEMO_TIME_ZONE = 'America/Chicago';
/** Maple Valley's key in the demo's PLS file (pls_fy2024_ae_pud24i.csv). */
export const DEMO_FSCSKEY = 'IL0420';

export function demoDirectory(): string {
	return resolve(process.env.LANTERN_DEMO_DIR ?? 'data/demo');
}

/** Loads the demo library's sample exports through the same import path people use. */
export async function loadDemoLibrary(db: Database, directory = demoDirectory()): Promise<ImportResult[]> {
	const files = (await readdir(directory))
		.filter((name) => /\.(csv|json)$/i.test(name) && name !== 'effects.json')
		.sort();
	if (files.length === 0)
		throw new Error(`No demo files found in ${directory}. Run \`npm run demo:generate\` to create them.`);
	await saveSettings(db, { libraryName: DEMO_LIBRARY_NAME, timeZone: DEMO_TIME_ZONE, plsFscskey: DEMO_FSCSKEY });
	const results: ImportResult[] = [];
	for (const name of files) {
		const path = join(directory, name);
		results.push(await importAny(db, path, { fileName: name, isDemo: true, importedBy: 'demo', relink: false }));
	}
	await relinkCampaigns(db);
	await saveSettings(db, { demoState: 'loaded' });
	return results;
}

/** Removes every demo import and its rows; the demo is not loaded again on later starts. */
export async function removeDemoLibrary(db: Database): Promise<number> {
	const rows = await db.query<{ import_id: number }>('SELECT import_id FROM import_log WHERE is_demo');
	const removed = await removeImportsAndRelink(
		db,
		rows.map((row) => row.import_id)
	);
	const settings = await getSettings(db);
	await saveSettings(db, {
		demoState: 'removed',
		...(settings.libraryName === DEMO_LIBRARY_NAME ? { libraryName: 'My library' } : {}),
		...(settings.plsFscskey === DEMO_FSCSKEY ? { plsFscskey: '' } : {})
	});
	return removed;
}

/** On a server's first start with an empty database, load the demo unless LANTERN_DEMO=0. */
export async function loadDemoOnFirstStart(db: Database): Promise<boolean> {
	if (process.env.LANTERN_DEMO === '0') return false;
	const settings = await getSettings(db);
	if (settings.demoState !== 'never') return false;
	const [count] = await db.withConnection((connection) =>
		queryRows<{ n: number }>(connection, 'SELECT count(*) AS n FROM import_log')
	);
	if ((count?.n ?? 0) > 0) return false;
	await loadDemoLibrary(db);
	return true;
}
