import type { ImportResult } from '../../domain/imports';
import { importCampaignsFile } from '../campaigns';
import { relinkCampaigns } from '../campaign-links';
import type { Database } from '../db/database';
import { removeImports } from './import-log';
import { importFile, type ImportOptions } from './pipeline';

/**
 * Routes a file to its importer (campaign definitions in .json, exports otherwise), then re-derives
 * campaign membership, strategy labels and program promotions when something was added.
 */
export async function importAny(db: Database, path: string, options: ImportOptions & { fileName: string; relink?: boolean }): Promise<ImportResult> {
	const result = /\.json$/i.test(options.fileName) ? await importCampaignsFile(db, path, options) : await importFile(db, path, options);
	if (result.status === 'imported' && options.relink !== false) await relinkCampaigns(db);
	return result;
}

/** Removes imports with every row they loaded, then re-derives what depended on them. */
export async function removeImportsAndRelink(db: Database, importIds: number[]): Promise<number> {
	const removed = await removeImports(db, importIds);
	if (removed > 0) await relinkCampaigns(db);
	return removed;
}
