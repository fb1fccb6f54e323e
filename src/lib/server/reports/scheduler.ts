import { can } from '../../domain/roles';
import { describeTiming, libraryToday, retryDelayMs } from '../../domain/report-schedule';
import { formatDateRange, formatDateTime } from '../../format';
import type { Database } from '../db/database';
import { scopedDatabase } from '../db/scoped';
import { findUser } from '../auth/users';
import { recordAudit } from '../auth/audit';
import { getSettings } from '../settings';
import { sendMail } from '../mail/smtp';
import { getReport, readReportFile, recordDelivery, sweepReports, type ArchivedReport } from './archive';
import { generateReport, readReportParams, reportFileName } from './generate';
import { getTemplate, templateQuery } from './templates';
import { dueAt, listSchedules, recordScheduleOutcome, type ReportSchedule } from './schedules';

export interface SchedulerOptions {
	/** where this Lantern serves its print page to itself on loopback (read at each run: it is set after start-up) */
	baseUrl: () => string;
}

export interface RunOutcome {
	scheduleId: number;
	status: 'sent' | 'retrying' | 'failed';
	reportId: number | null;
	error: string | null;
}

let running: Promise<RunOutcome[]> | null = null;

/**
 * One pass of the scheduler at `now`: every enabled schedule that is due (its next run, or the retry
 * of a failed one) is made, kept in the archive and e-mailed. A run missed while Lantern was stopped
 * is due at the first pass after start and runs once, however many were missed. Passes never overlap.
 */
export function runDueSchedules(db: Database, now: Date, options: SchedulerOptions): Promise<RunOutcome[]> {
	running ??= (async () => {
		try {
			const { timeZone } = await getSettings(db);
			const outcomes: RunOutcome[] = [];
			for (const schedule of await listSchedules(db)) {
				if (!schedule.enabled || dueAt(schedule, timeZone).getTime() > now.getTime()) continue;
				outcomes.push(await runSchedule(db, schedule, now, timeZone, options));
			}
			return outcomes;
		} finally {
			running = null;
		}
	})();
	return running;
}

async function runSchedule(
	db: Database,
	schedule: ReportSchedule,
	now: Date,
	timeZone: string,
	options: SchedulerOptions
): Promise<RunOutcome> {
	let report: ArchivedReport | null = schedule.pendingReportId ? await getReport(db, schedule.pendingReportId) : null;
	try {
		const template = await getTemplate(db, schedule.templateId);
		if (!template) throw new Error('Its template was removed. Choose another template for this schedule.');
		const owner = schedule.ownerUserId === null ? null : await findUser(db, { userId: schedule.ownerUserId });
		if (schedule.ownerUserId !== null && (!owner || owner.disabled || !can(owner.role, 'report')))
			throw new Error(
				`${schedule.owner}, who set up this schedule, can no longer make reports. Someone who can should save the schedule again to take it over.`
			);
		let bytes = report?.status === 'ready' ? await readReportFile(db, report) : null;
		if (!report || !bytes) {
			// A retry makes the same period again, into the same archive entry; a new run takes today's period.
			const newestBefore = await newestReportId(db);
			try {
				const made = await generateReport({
					db: scopedDatabase(db, owner?.branches ?? null),
					params: report?.params ?? templateQuery(template, libraryToday(now.getTime(), timeZone)),
					format: 'pdf',
					baseUrl: options.baseUrl(),
					renderAs: owner ? `user:${owner.userId}` : 'local-admin',
					owner: `schedule:${schedule.scheduleId}`,
					actor: `schedule:${schedule.scheduleId} (${schedule.owner})`,
					source: 'schedule',
					templateId: template.templateId,
					scheduleId: schedule.scheduleId,
					retryOf: report?.reportId
				});
				report = made.report;
				bytes = made.bytes;
			} catch (cause) {
				// The failed entry is kept, so the retry fills it in instead of adding another.
				report = report
					? await getReport(db, report.reportId)
					: await failedSince(db, schedule.scheduleId, newestBefore);
				throw cause;
			}
		}
		const { libraryName } = await getSettings(db);
		const period = readReportParams(report.params);
		try {
			await sendMail(db, {
				to: schedule.recipients,
				subject: `${libraryName}: ${template.name}, ${formatDateRange(period.from, period.to)}`,
				text: [
					`Attached is ${libraryName}'s board report for ${formatDateRange(period.from, period.to)} ("${template.name}").`,
					'',
					`Lantern made it on ${formatDateTime(report.finishedAt, timeZone)} from the data as it stood then (${report.dataVersion}).`,
					`This report is sent ${describeTiming(schedule).replace(/^./, (c) => c.toLowerCase())} (${timeZone}). To change who receives it, ask ${schedule.owner.replace(/^user:/, '')} or a Lantern admin.`
				].join('\n'),
				attachments: [{ filename: reportFileName(report), content: bytes, contentType: 'application/pdf' }]
			});
		} catch (cause) {
			await recordDelivery(
				db,
				report.reportId,
				schedule.recipients,
				cause instanceof Error ? cause.message : String(cause)
			);
			throw cause;
		}
		await recordDelivery(db, report.reportId, schedule.recipients, null);
		await recordScheduleOutcome(db, schedule.scheduleId, { status: 'sent', now });
		await recordAudit(
			db,
			`schedule:${schedule.scheduleId}`,
			'report e-mailed',
			`report ${report.reportId} to ${schedule.recipients.join(', ')}`
		);
		return { scheduleId: schedule.scheduleId, status: 'sent', reportId: report.reportId, error: null };
	} catch (cause) {
		const error = cause instanceof Error ? cause.message : String(cause);
		const failures = schedule.failures + 1;
		const delay = retryDelayMs(failures);
		const reportId = report?.reportId ?? null;
		if (delay === null) {
			await recordScheduleOutcome(db, schedule.scheduleId, {
				status: 'failed',
				now,
				error: `Gave up after ${failures} tries: ${error}`
			});
			return { scheduleId: schedule.scheduleId, status: 'failed', reportId, error };
		}
		await recordScheduleOutcome(db, schedule.scheduleId, {
			status: 'retrying',
			now,
			error,
			failures,
			retryAt: new Date(now.getTime() + delay),
			pendingReportId: reportId
		});
		return { scheduleId: schedule.scheduleId, status: 'retrying', reportId, error };
	}
}

async function newestReportId(db: Database): Promise<number> {
	const [row] = await db.query<{ n: number | null }>('SELECT max(report_id) AS n FROM report_archive');
	return row?.n ?? 0;
}

/** The archive entry a failed render of this schedule just left (generateReport keeps it as failed). */
async function failedSince(db: Database, scheduleId: number, after: number): Promise<ArchivedReport | null> {
	const [row] = await db.query<{ report_id: number | null }>(
		'SELECT max(report_id) AS report_id FROM report_archive WHERE schedule_id = $1 AND report_id > $2',
		[scheduleId, after]
	);
	return row?.report_id ? getReport(db, row.report_id) : null;
}

const TICK_MS = 60_000;

/**
 * Starts the server's scheduler: a pass at start (catching up on runs missed while stopped), then
 * one a minute. Returns a function that stops it.
 */
export function startReportScheduler(getDb: () => Promise<Database>, options: SchedulerOptions): () => void {
	const pass = async () => {
		try {
			await runDueSchedules(await getDb(), new Date(), options);
		} catch (error) {
			console.error('Lantern: the report scheduler failed a pass:', error);
		}
	};
	void getDb()
		.then((db) => sweepReports(db))
		.catch((error: unknown) => console.error('Lantern: could not tidy the report archive:', error))
		.then(pass);
	const timer = setInterval(() => void pass(), TICK_MS);
	timer.unref();
	return () => clearInterval(timer);
}
