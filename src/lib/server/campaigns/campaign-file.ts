import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { CampaignFile } from '../../domain/campaigns';
import type { ImportResult } from '../../domain/imports';
import { issuePath } from '../../domain/zod-message';
import { inTransaction, type Database } from '../db/database';
import { findImportByHash, hashFile, logImport } from '../ingest/import-log';

const SOURCE = 'lantern-campaigns';
/** A JSON list parameter as VARCHAR[] (the node client cannot bind an empty list's type). */
const list = (n: number) => `CAST(CAST($${n} AS JSON) AS VARCHAR[])`;

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
			for (const c of campaigns) {
				await connection.run(
					`INSERT INTO campaign_records (import_id, name, strategy, starts_on, ends_on, branches, hashtags, outcome_metrics, description,
						keywords, link_domains, utm_campaigns, partner_accounts, budget)
					 VALUES ($1, $2, $3, CAST($4 AS DATE), CAST($5 AS DATE), ${list(6)}, ${list(7)}, ${list(8)}, $9, ${list(10)}, ${list(11)}, ${list(12)}, ${list(13)}, $14)`,
					[
						id,
						c.name,
						c.strategy,
						c.starts_on,
						c.ends_on,
						JSON.stringify(c.branches),
						JSON.stringify(c.hashtags),
						JSON.stringify(c.outcome_metrics),
						c.description ?? null,
						JSON.stringify(c.keywords),
						JSON.stringify(c.link_domains),
						JSON.stringify(c.utm_campaigns),
						JSON.stringify(c.partner_accounts),
						c.budget ?? null
					]
				);
			}
			return id;
		});
		db.markChanged();
		return { ...base, importId, status: 'imported', rowsLoaded: campaigns.length };
	});
}
