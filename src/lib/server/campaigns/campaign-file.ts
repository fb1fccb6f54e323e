import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { CampaignFile } from '../../domain/campaigns';
import type { ImportResult } from '../../domain/imports';
import { issuePath } from '../../domain/zod-message';
import { inTransaction, type Database } from '../db/database';
import { findImportByHash, hashFile, logImport } from '../ingest/import-log';
import { insertCampaign } from './campaign-store';

const SOURCE = 'lantern-campaigns';

/** Imports a campaigns JSON file ({"campaigns": [...]}) as one undoable import. */
export async function importCampaignsFile(
	db: Database,
	path: string,
	options: { fileName?: string; isDemo?: boolean; now?: Date } = {}
): Promise<ImportResult> {
	const fileName = options.fileName ?? basename(path);
	const now = options.now ?? new Date();
	const sha256 = await hashFile(path);
	const base = { fileName, source: SOURCE, sourceLabel: 'Campaigns (JSON)', errors: [], errorCount: 0, rowsLoaded: 0 };
	let parsed;
	try {
		parsed = CampaignFile.safeParse(JSON.parse(await readFile(path, 'utf8')));
	} catch (error) {
		return {
			...base,
			importId: null,
			status: 'rejected',
			errors: [{ row: null, column: null, message: `Not valid JSON: ${(error as Error).message}` }],
			errorCount: 1
		};
	}
	if (!parsed.success) {
		const errors = parsed.error.issues.slice(0, 100).map((issue) => ({
			row: typeof issue.path[1] === 'number' ? issue.path[1] + 1 : null,
			column: issuePath(issue.path.slice(2)) || null,
			message: issue.message
		}));
		return { ...base, importId: null, status: 'rejected', errors, errorCount: parsed.error.issues.length };
	}
	const campaigns = parsed.data.campaigns;
	return db.withConnection(async (connection) => {
		const duplicateOf = await findImportByHash(connection, sha256);
		if (duplicateOf !== null) return { ...base, importId: null, status: 'duplicate', duplicateOf };
		const importId = await inTransaction(connection, async () => {
			const id = await logImport(connection, {
				fileName,
				source: SOURCE,
				sha256,
				status: 'imported',
				rowsLoaded: campaigns.length,
				errors: [],
				errorCount: 0,
				now,
				isDemo: options.isDemo
			});
			for (const campaign of campaigns) await insertCampaign(connection, id, campaign);
			return id;
		});
		db.markChanged();
		return { ...base, importId, status: 'imported', rowsLoaded: campaigns.length };
	});
}
