import { z } from 'zod';
import { ScheduleTiming, nextRun, type Cadence } from '../../domain/report-schedule';
import { listValue } from '@duckdb/node-api';
import type { Database } from '../db/database';
import { Recipients } from '../mail/smtp';

export interface ReportSchedule extends ScheduleTiming {
	scheduleId: number;
	templateId: number;
	templateName: string | null;
	recipients: string[];
	/** whose view of the data the reports show (the person who set the schedule up) */
	ownerUserId: number | null;
	owner: string;
	enabled: boolean;
	createdAt: string;
	/** runs due up to here are done or given up */
	handledThrough: string;
	failures: number;
	retryAt: string | null;
	pendingReportId: number | null;
	lastRunAt: string | null;
	lastStatus: 'sent' | 'retrying' | 'failed' | null;
	lastError: string | null;
}

export const ScheduleForm = ScheduleTiming.extend({
	scheduleId: z.coerce.number().int().positive().optional(),
	templateId: z.coerce.number().int().positive('choose a template'),
	recipients: Recipients,
	enabled: z.preprocess((v) => v !== 'false' && v !== false, z.boolean())
});
export type ScheduleForm = z.infer<typeof ScheduleForm>;

const ts = (column: string) => `strftime(s.${column} AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS ${column}`;
const COLUMNS = `s.schedule_id, s.template_id, t.name AS template_name, s.cadence, s.day_of_month, s.weekday, s.hour,
	s.recipients, s.owner_user_id, s.owner, s.enabled, s.failures, s.pending_report_id, s.last_status, s.last_error,
	${['created_at', 'handled_through', 'retry_at', 'last_run_at'].map(ts).join(', ')}`;

function fromRow(row: Record<string, unknown>): ReportSchedule {
	return {
		scheduleId: row.schedule_id as number,
		templateId: row.template_id as number,
		templateName: (row.template_name as string | null) ?? null,
		cadence: row.cadence as Cadence,
		dayOfMonth: row.day_of_month as number,
		weekday: row.weekday as number,
		hour: row.hour as number,
		recipients: row.recipients as string[],
		ownerUserId: (row.owner_user_id as number | null) ?? null,
		owner: row.owner as string,
		enabled: row.enabled as boolean,
		createdAt: row.created_at as string,
		handledThrough: row.handled_through as string,
		failures: row.failures as number,
		retryAt: (row.retry_at as string | null) ?? null,
		pendingReportId: (row.pending_report_id as number | null) ?? null,
		lastRunAt: (row.last_run_at as string | null) ?? null,
		lastStatus: (row.last_status as ReportSchedule['lastStatus']) ?? null,
		lastError: (row.last_error as string | null) ?? null
	};
}

const FROM = 'report_schedules s LEFT JOIN report_templates t USING (template_id)';

export async function listSchedules(db: Database): Promise<ReportSchedule[]> {
	return (await db.query(`SELECT ${COLUMNS} FROM ${FROM} ORDER BY s.schedule_id`)).map(fromRow);
}

export async function getSchedule(db: Database, scheduleId: number): Promise<ReportSchedule | null> {
	const [row] = await db.query(`SELECT ${COLUMNS} FROM ${FROM} WHERE s.schedule_id = $1`, [scheduleId]);
	return row ? fromRow(row) : null;
}

/**
 * Creates a schedule (its first run is the first time due after now), or changes one: a changed
 * timing counts from now, so editing never sends a report at once for a day already past.
 */
export async function saveSchedule(
	db: Database,
	form: ScheduleForm,
	owner: { userId: number | null; actor: string },
	now: Date
): Promise<ReportSchedule> {
	const values = [
		form.templateId,
		form.cadence,
		form.dayOfMonth,
		form.weekday,
		form.hour,
		listValue(form.recipients),
		form.enabled,
		now.toISOString()
	];
	if (form.scheduleId) {
		const [row] = await db.query<{ schedule_id: number }>(
			`UPDATE report_schedules SET template_id = $1, cadence = $2, day_of_month = $3, weekday = $4, hour = $5,
				recipients = $6::VARCHAR[], enabled = $7, handled_through = CAST($8 AS TIMESTAMPTZ), failures = 0, retry_at = NULL,
				pending_report_id = NULL, owner_user_id = $9, owner = $10
			 WHERE schedule_id = $11 RETURNING schedule_id`,
			[...values, owner.userId, owner.actor, form.scheduleId]
		);
		if (!row) throw new Error(`Schedule ${form.scheduleId} no longer exists.`);
		return (await getSchedule(db, row.schedule_id))!;
	}
	const [row] = await db.query<{ schedule_id: number }>(
		`INSERT INTO report_schedules (template_id, cadence, day_of_month, weekday, hour, recipients, enabled, created_at,
			handled_through, owner_user_id, owner)
		 VALUES ($1, $2, $3, $4, $5, $6::VARCHAR[], $7, CAST($8 AS TIMESTAMPTZ), CAST($8 AS TIMESTAMPTZ), $9, $10) RETURNING schedule_id`,
		[...values, owner.userId, owner.actor]
	);
	return (await getSchedule(db, row!.schedule_id))!;
}

export async function removeSchedule(db: Database, scheduleId: number): Promise<boolean> {
	return (
		(await db.query('DELETE FROM report_schedules WHERE schedule_id = $1 RETURNING schedule_id', [scheduleId])).length >
		0
	);
}

/** When the schedule runs next: its retry, or its next regular run. */
export function dueAt(schedule: ReportSchedule, timeZone: string): Date {
	if (schedule.retryAt) return new Date(schedule.retryAt);
	return nextRun(schedule, Date.parse(schedule.handledThrough), timeZone);
}

export async function recordScheduleOutcome(
	db: Database,
	scheduleId: number,
	outcome:
		| { status: 'sent'; now: Date }
		| { status: 'retrying'; now: Date; error: string; retryAt: Date; failures: number; pendingReportId: number | null }
		| { status: 'failed'; now: Date; error: string }
): Promise<void> {
	const now = outcome.now.toISOString();
	if (outcome.status === 'retrying') {
		await db.query(
			`UPDATE report_schedules SET failures = $2, retry_at = CAST($3 AS TIMESTAMPTZ), pending_report_id = $4,
				last_run_at = CAST($5 AS TIMESTAMPTZ), last_status = 'retrying', last_error = $6 WHERE schedule_id = $1`,
			[scheduleId, outcome.failures, outcome.retryAt.toISOString(), outcome.pendingReportId, now, outcome.error]
		);
		return;
	}
	// Sent, or given up after the last retry: this run is done, and the next is the first after now.
	await db.query(
		`UPDATE report_schedules SET handled_through = CAST($2 AS TIMESTAMPTZ), failures = 0, retry_at = NULL,
			pending_report_id = NULL, last_run_at = CAST($2 AS TIMESTAMPTZ), last_status = $3, last_error = $4
		 WHERE schedule_id = $1`,
		[scheduleId, now, outcome.status, outcome.status === 'failed' ? outcome.error : null]
	);
}
