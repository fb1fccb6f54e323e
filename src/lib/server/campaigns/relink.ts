import type { DuckDBConnection } from '@duckdb/node-api';
import { tempTableWriter, queryColumns } from '../db/append';
import { inTransaction, type Database } from '../db/database';
import { oneAtATime } from '../db/write-lock';
import { getSettings } from '../settings';
import { loadLabelInputs, relabelPosts, storeLabels } from './relink-labels';
import { loadPromotionOverrides, repromotePosts, storePromotions } from './relink-promotions';
import { recordRelinked, unrelinkedImports } from './relink-state';

/** What an import can change, and so what relinking after it re-derives; everything when absent. */
export interface RelinkScope {
	/**
	 * These imports' posts: their campaign links, strategy labels and promotions. Every link, label
	 * and promotion depends on its own post alone, so the other posts' stand as they are.
	 */
	postsOfImports?: number[];
	/**
	 * These imports' programs: the promotions of the posts they can reach (published in one of their
	 * windows, or linked to or decided on for one of them before); links and labels stand.
	 */
	programsOfImports?: number[];
}

export interface RelinkTotals {
	assigned: number;
	labelled: number;
	promotions: number;
}

/** Posts published this long before a program starts cannot promote it (21 calendar days, plus a zone's offset). */
const LONGEST_LEAD_MS = 23 * 86_400_000;

/**
 * Rebuilds which posts belong to which campaign, every post's strategy label and which posts
 * promoted which programs, from the current posts, campaigns, programs and staff decisions, for
 * every post or for what `scope` names. Run after anything that changes them; the result lives in
 * campaign_posts, post_strategies and program_promotions, and commits in one transaction with the
 * record of the imports it covered (relink-state.ts).
 */
export function relinkCampaigns(db: Database, scope?: RelinkScope): Promise<RelinkTotals> {
	const covers = scope ? [...(scope.postsOfImports ?? []), ...(scope.programsOfImports ?? [])] : 'all';
	return oneRelinkAtATime(db, () => relinkNow(db, scope ?? null, covers));
}

/** What relinking the imports not yet relinked takes: a scope, everything, or nothing but their record. */
export type RelinkDecision = RelinkScope | 'everything' | 'nothing';

/**
 * Relinks every import whose rows are stored but not yet relinked: the imports just made, and any
 * whose relinking a crash cut short. `decide` says what they can change (the importer knows which
 * formats feed which tables). Returns null when there was nothing to do.
 */
export function relinkUnfinished(
	db: Database,
	decide: (imports: { importId: number; source: string | null }[]) => RelinkDecision
): Promise<RelinkTotals | null> {
	return oneRelinkAtATime(db, async () => {
		const { imports, everything } = await db.withConnection(unrelinkedImports);
		// With nothing imported, nothing to relink, unless links a removal left behind remain.
		if (imports.length === 0 && (!everything || !(await anyDerived(db)))) return null;
		const ids = imports.map((i) => i.importId);
		const decision = everything ? 'everything' : decide(imports);
		if (decision === 'everything') return relinkNow(db, null, 'all');
		if (decision !== 'nothing') return relinkNow(db, decision, ids);
		await db.withConnection((connection) => inTransaction(connection, () => recordRelinked(connection, ids, false)));
		return null;
	});
}

async function anyDerived(db: Database): Promise<boolean> {
	const [row] = await db.query<{ found: boolean }>(
		`SELECT EXISTS (FROM campaign_post_links) OR EXISTS (FROM post_strategy_labels) OR EXISTS (FROM program_promotion_links) AS found`
	);
	return row?.found ?? false;
}

/** Relinks run one at a time: two at once would delete and insert the same rows. */
const oneRelinkAtATime = oneAtATime();

/**
 * Works out the new links, labels and promotions into temporary tables first, outside any
 * transaction (DuckDB reads a transaction's own new rows far slower), then swaps them in and records
 * the imports covered in one short transaction. Imports committed meanwhile are not recorded, so
 * they are relinked by their own turn.
 */
async function relinkNow(db: Database, scope: RelinkScope | null, covers: readonly number[] | 'all') {
	const { timeZone } = await getSettings(db);
	const labelInputs = await loadLabelInputs(db, timeZone);
	const overrides = await loadPromotionOverrides(db);
	const totals = await db.withConnection(async (connection) => {
		// Read before the posts, so an import committed in between is never recorded without its posts.
		const covered = covers === 'all' ? await allImports(connection) : covers;
		await selectPosts(connection, scope);
		await relabelPosts(connection, labelInputs);
		await repromotePosts(connection, overrides, timeZone);
		return inTransaction(connection, async () => {
			await clearDerived(connection, scope);
			const { assigned, labelled } = await storeLabels(connection);
			const promotions = await storePromotions(connection);
			await recordRelinked(connection, covered, covers === 'all');
			return { assigned, labelled, promotions };
		});
	});
	db.markChanged();
	return totals;
}

async function allImports(connection: DuckDBConnection): Promise<number[]> {
	return (await queryColumns<{ import_id: number[] }>(connection, 'SELECT import_id FROM import_log')).import_id;
}

const importList = (ids: readonly number[]) => `[${ids.map((id) => Math.trunc(id)).join(',')}]`;

/**
 * relink_posts: the posts to relink with what relinking reads of them, marked `relabel` (links and
 * labels; `by_hand` when staff decided on its campaigns or corrected its strategy) and `promote`
 * (promotions). Its rowid numbers the posts for the steps that follow.
 */
async function selectPosts(connection: DuckDBConnection, scope: RelinkScope | null): Promise<void> {
	const ofImports = scope?.postsOfImports?.length
		? `(platform, post_id) IN (SELECT platform, post_id FROM post_observations WHERE list_contains(${importList(scope.postsOfImports)}::INTEGER[], import_id))`
		: 'false';
	const reached = scope?.programsOfImports?.length ? await reachedBy(connection, scope.programsOfImports) : 'false';
	const relabel = scope ? ofImports : 'true';
	const promote = scope ? `(${ofImports}) OR (${reached})` : 'true';
	await connection.run(
		`CREATE OR REPLACE TEMP TABLE relink_posts AS
		SELECT platform, post_id, published_at, text, hashtags, post_type, collaborator, ${relabel} AS relabel, ${promote} AS promote,
			(platform, post_id) IN (SELECT platform, post_id FROM campaign_post_decisions)
				OR (platform, post_id) IN (SELECT platform, post_id FROM strategy_corrections) AS by_hand,
			CAST(NULL AS VARCHAR) AS day
		FROM posts ${scope ? `WHERE (${relabel}) OR (${promote})` : ''}`
	);
	if (scope?.programsOfImports?.length) await connection.run('DROP TABLE relink_windows');
}

/**
 * The condition on a post that these imports' programs can change its promotions: published in
 * one of their windows (their starts, merged into spans), or promoting or decided on for one of
 * their program IDs already (an earlier version of the program, replaced now).
 */
async function reachedBy(connection: DuckDBConnection, importIds: readonly number[]): Promise<string> {
	const ofThese = `SELECT source, program_id FROM program_records WHERE list_contains(${importList(importIds)}::INTEGER[], import_id)`;
	const starts = await queryColumns<{ ms: bigint[] }>(
		connection,
		`SELECT DISTINCT epoch_ms(starts_at) AS ms FROM program_records
		WHERE list_contains(${importList(importIds)}::INTEGER[], import_id) AND title IS NOT NULL AND starts_at IS NOT NULL ORDER BY ms`
	);
	const windows = await tempTableWriter(connection, 'relink_windows', { lo: 'bigint', hi: 'bigint' });
	let open: [number, number] | null = null;
	for (const start of starts.ms.map(Number)) {
		if (open && start - LONGEST_LEAD_MS <= open[1]) open[1] = start;
		else {
			if (open) windows.row(...open);
			open = [start - LONGEST_LEAD_MS, start];
		}
	}
	if (open) windows.row(...open);
	windows.close();
	return `EXISTS (SELECT 1 FROM relink_windows w WHERE epoch_ms(published_at) BETWEEN w.lo AND w.hi)
		OR (platform, post_id) IN (SELECT platform, post_id FROM program_promotion_links WHERE (program_source, program_id) IN (${ofThese}))
		OR (platform, post_id) IN (SELECT platform, post_id FROM promotion_decisions WHERE (program_source, program_id) IN (${ofThese}))`;
}

async function clearDerived(connection: DuckDBConnection, scope: RelinkScope | null): Promise<void> {
	if (!scope) {
		await connection.run(
			'DELETE FROM campaign_post_links; DELETE FROM post_strategy_labels; DELETE FROM program_promotion_links'
		);
		return;
	}
	const marked = (mark: string) => `(platform, post_id) IN (SELECT platform, post_id FROM relink_posts WHERE ${mark})`;
	await connection.run(`DELETE FROM campaign_post_links WHERE ${marked('relabel')}`);
	await connection.run(`DELETE FROM post_strategy_labels WHERE ${marked('relabel')}`);
	await connection.run(`DELETE FROM program_promotion_links WHERE ${marked('promote')}`);
}
