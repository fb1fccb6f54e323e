import type { Database } from '../db/database';
import { toCsv } from '../../csv-export';

export interface AuditEntry {
	auditId: number;
	at: Date;
	actor: string;
	action: string;
	detail: string | null;
}

/** Who did it: `user:<email>`, `cli:<login>` (the command line acts as the local admin), or `system`. */
export type Actor = string;

export async function recordAudit(db: Database, actor: Actor, action: string, detail?: string): Promise<void> {
	await db.query('INSERT INTO audit_log (happened_at, actor, action, detail) VALUES (now(), $1, $2, $3)', [
		actor,
		action,
		detail ?? null
	]);
}

export async function listAudit(db: Database, limit = 500): Promise<AuditEntry[]> {
	const rows = await db.query<{
		audit_id: number;
		happened_at: Date;
		actor: string;
		action: string;
		detail: string | null;
	}>('SELECT audit_id, happened_at, actor, action, detail FROM audit_log ORDER BY audit_id DESC LIMIT $1', [limit]);
	return rows.map((row) => ({
		auditId: row.audit_id,
		at: row.happened_at,
		actor: row.actor,
		action: row.action,
		detail: row.detail
	}));
}

export async function auditCsv(db: Database): Promise<string> {
	const entries = await listAudit(db, 1_000_000);
	return toCsv(
		['id', 'at (UTC)', 'who', 'action', 'detail'],
		entries.map((e) => [String(e.auditId), e.at.toISOString(), e.actor, e.action, e.detail ?? ''])
	);
}
