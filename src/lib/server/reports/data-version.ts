import type { Database } from '../db/database';

/**
 * Which data a report was made from, kept with it: the newest import and a fingerprint of every
 * import, campaign and staff decision, and the settings a report reads (never Lantern's own bookkeeping in the settings table), so "12 imports, newest #34 · 3f9a2c" tells two reports of the same
 * period apart after an upload, a removal or a campaign edit. (db.dataVersion counts only this
 * process's writes and starts again at 0 on every start.)
 */
export async function dataVersion(db: Database): Promise<string> {
	const [row] = await db.query<{ imports: number; newest: number | null; fingerprint: string }>(`
		SELECT
			(SELECT count(*) FROM import_log WHERE status = 'imported') AS imports,
			(SELECT max(import_id) FROM import_log WHERE status = 'imported') AS newest,
			md5(concat_ws('|',
				(SELECT string_agg(import_id::VARCHAR, ',' ORDER BY import_id) FROM import_log WHERE status = 'imported'),
				(SELECT string_agg(md5(c::VARCHAR), ',' ORDER BY campaign_id) FROM campaign_records c),
				(SELECT count(*) || ':' || coalesce(max(decided_at)::VARCHAR, '') FROM campaign_post_decisions),
				(SELECT count(*) || ':' || coalesce(max(corrected_at)::VARCHAR, '') FROM strategy_corrections),
				(SELECT count(*) || ':' || coalesce(max(decided_at)::VARCHAR, '') FROM promotion_decisions),
				(SELECT string_agg(key || '=' || value, ',' ORDER BY key) FROM settings
					WHERE key IN ('libraryName', 'timeZone', 'gateCountsBidirectional', 'plsFscskey', 'plsPeers'))
			)) AS fingerprint`);
	const imports = row?.imports ?? 0;
	const fingerprint = (row?.fingerprint ?? '').slice(0, 6);
	if (imports === 0) return `no imports · ${fingerprint}`;
	return `${imports} import${imports === 1 ? '' : 's'}, newest #${row!.newest} · ${fingerprint}`;
}
