import type { ImportResult } from '../../domain/imports';
import { importCampaignsFile } from '../campaigns';
import type { Database } from '../db/database';
import { importFile, type ImportOptions } from './pipeline';

/** Routes a file to its importer: campaign definitions (.json) or an export (everything else). */
export function importAny(db: Database, path: string, options: ImportOptions & { fileName: string }): Promise<ImportResult> {
	return /\.json$/i.test(options.fileName) ? importCampaignsFile(db, path, options) : importFile(db, path, options);
}
