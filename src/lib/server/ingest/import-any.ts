import type { ImportResult } from '../../domain/imports';
import { importCampaignsFile, relinkCampaigns, relinkUnfinished, type RelinkDecision } from '../campaigns';
import type { Database } from '../db/database';
import { importArchive, importWorkbookSheets, isExportArchive } from './archive';
import { removeImports } from './import-log';
import { isWorkbook, readHead } from './readers';
import { Refusal } from './refusal';
import { SOURCES } from './sources';
import { importFile, knownFormats, type ImportOptions } from './pipeline';

/**
 * Routes a file to its importer (campaign definitions in .json, exports otherwise), then re-derives
 * campaign membership, strategy labels and program promotions when something was added.
 */
export async function importAny(
	db: Database,
	path: string,
	options: ImportOptions & { fileName: string; relink?: boolean }
): Promise<ImportResult> {
	const result = (await isCampaignsFile(path, options.fileName))
		? await importCampaignsFile(db, path, options)
		: await importFile(db, path, options);
	if (options.relink !== false) await relinkAfter(db);
	return result;
}

/** Tables no campaign link, strategy label or program promotion reads. */
const UNLINKED_TARGETS = new Set<string>([
	'usage_records',
	'literacy_records',
	'account_daily_records',
	'x_account_sightings',
	'survey_records',
	'pls_records'
]);

/** Post exports, whose new posts are relinked on their own (a stories export may carry a few posts). */
const POST_TARGETS = new Set<string>(['post_observations', 'story_records']);

/**
 * Re-derives what the imports not yet relinked can change (the ones just made, and any whose
 * relinking a crash cut short): nothing for library statistics, only their own posts for post
 * exports, only the promotions their programs reach for program exports, everything for
 * campaigns, full texts and column mappings. Also run at start, to finish what a crash left.
 */
export async function relinkAfter(db: Database): Promise<void> {
	await relinkUnfinished(db, whatImportsChange);
}

function whatImportsChange(imports: readonly { importId: number; source: string | null }[]): RelinkDecision {
	const targets = imports.map(({ source }) => SOURCES.find((spec) => spec.id === source)?.target ?? null);
	if (targets.every((target) => target !== null && UNLINKED_TARGETS.has(target))) return 'nothing';
	const linked = (target: string) => POST_TARGETS.has(target) || target === 'program_records';
	if (targets.some((target) => target === null || (!UNLINKED_TARGETS.has(target) && !linked(target))))
		return 'everything';
	const of = (wanted: (target: string) => boolean) =>
		imports.filter((_, i) => wanted(targets[i]!)).map(({ importId }) => importId);
	return {
		postsOfImports: of((target) => POST_TARGETS.has(target)),
		programsOfImports: of((target) => target === 'program_records')
	};
}

/**
 * Imports one upload, which may be an export ZIP holding several files: one result per file read.
 * A damaged or bomb-like archive is refused as a whole.
 */
export async function importUpload(
	db: Database,
	path: string,
	options: ImportOptions & { fileName: string }
): Promise<ImportResult[]> {
	const head = await readHead(path);
	if (isWorkbook(head, options.fileName)) {
		const sheets = await importWorkbookSheets(path, options.fileName, await knownFormats(db), (file, fileName, sheet) =>
			importAny(db, file, { ...options, fileName, sheet, relink: false })
		);
		if (sheets) {
			await relinkAfter(db);
			return sheets;
		}
	}
	if (!isExportArchive(head, options.fileName)) return [await importAny(db, path, options)];
	try {
		const results = await importArchive(db, path, options.fileName, (database, file, fileName) =>
			importAny(database, file, { ...options, fileName, relink: false })
		);
		await relinkAfter(db);
		return results;
	} catch (error) {
		const message =
			error instanceof Refusal ? error.message : `Lantern could not open the archive: ${(error as Error).message}`;
		return [
			{
				importId: null,
				fileName: options.fileName,
				source: null,
				sourceLabel: null,
				status: 'rejected',
				rowsLoaded: 0,
				errors: [{ row: null, column: null, message }],
				errorCount: 1,
				summary: 'The archive was refused; nothing was stored.'
			}
		];
	}
}

/** A .json file is campaign definitions unless it is a Mastodon outbox (ActivityPub `orderedItems`). */
async function isCampaignsFile(path: string, fileName: string): Promise<boolean> {
	if (!/\.json$/i.test(fileName)) return false;
	const head = await readHead(path, 4096);
	return !/"orderedItems"|"@context"/.test(head.toString('utf8'));
}

/** Removes imports with every row they loaded, then re-derives what depended on them. */
export async function removeImportsAndRelink(db: Database, importIds: number[]): Promise<number> {
	const removed = await removeImports(db, importIds);
	if (removed > 0) await relinkCampaigns(db);
	return removed;
}
