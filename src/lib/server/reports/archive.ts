import { mkdirSync } from 'node:fs';
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { listValue } from '@duckdb/node-api';
import type { Database } from '../db/database';

export const REPORT_FORMATS = ['pdf', 'html', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export const CONTENT_TYPES: Record<ReportFormat, string> = {
	pdf: 'application/pdf',
	html: 'text/html; charset=utf-8',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
};
export const FORMAT_LABELS: Record<ReportFormat, string> = {
	pdf: 'PDF',
	html: 'Web page (HTML)',
	xlsx: 'Excel workbook'
};

/** Where a report came from: the Overview's button, the Reports page, the command line, or a schedule. */
export type ReportSource = 'button' | 'page' | 'cli' | 'schedule';

export interface ArchivedReport {
	reportId: number;
	format: ReportFormat;
	/** the print page's query string it was rendered from */
	params: string;
	title: string;
	fileName: string | null;
	dataVersion: string | null;
	/** the branches the person who made it sees; null: every branch */
	scope: string[] | null;
	generatedBy: string;
	renderAs: string;
	source: ReportSource;
	templateId: number | null;
	scheduleId: number | null;
	requestedAt: string;
	finishedAt: string | null;
	bytes: number | null;
	pages: number | null;
	status: 'rendering' | 'ready' | 'failed';
	error: string | null;
	emailedTo: string[] | null;
	emailedAt: string | null;
	emailError: string | null;
}

/**
 * Report files live in a folder beside the database (data/lantern-reports/ for data/lantern.duckdb),
 * not as BLOBs in it: a board packet is ~0.5–2 MB and a year of weekly ones would double a typical
 * library's database, which Lantern copies whole before each migration and reads under a 640 MB
 * memory limit; DuckDB also keeps a deleted BLOB's space until a full rewrite, a deleted file frees it now.
 */
export function reportsFolder(db: Pick<Database, 'path'>): string {
	const folder =
		db.path === ':memory:'
			? join(tmpdir(), `lantern-reports-${process.pid}`)
			: join(dirname(db.path), `${basename(db.path).replace(/\.duckdb$/, '')}-reports`);
	mkdirSync(folder, { recursive: true });
	return folder;
}

const COLUMNS = `report_id, format, params, title, file_name, data_version, scope, generated_by, render_as, source,
	template_id, schedule_id, bytes, pages, status, error, emailed_to, email_error,
	strftime(requested_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS requested_at,
	strftime(finished_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS finished_at,
	strftime(emailed_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS emailed_at`;

function fromRow(row: Record<string, unknown>): ArchivedReport {
	return {
		reportId: row.report_id as number,
		format: row.format as ReportFormat,
		params: row.params as string,
		title: row.title as string,
		fileName: (row.file_name as string | null) ?? null,
		dataVersion: (row.data_version as string | null) ?? null,
		scope: (row.scope as string[] | null) ?? null,
		generatedBy: row.generated_by as string,
		renderAs: row.render_as as string,
		source: row.source as ReportSource,
		templateId: (row.template_id as number | null) ?? null,
		scheduleId: (row.schedule_id as number | null) ?? null,
		requestedAt: row.requested_at as string,
		finishedAt: (row.finished_at as string | null) ?? null,
		bytes: (row.bytes as number | null) ?? null,
		pages: (row.pages as number | null) ?? null,
		status: row.status as ArchivedReport['status'],
		error: (row.error as string | null) ?? null,
		emailedTo: (row.emailed_to as string[] | null) ?? null,
		emailedAt: (row.emailed_at as string | null) ?? null,
		emailError: (row.email_error as string | null) ?? null
	};
}

export interface NewReport {
	format: ReportFormat;
	params: string;
	title: string;
	dataVersion: string;
	scope: readonly string[] | null;
	generatedBy: string;
	renderAs: string;
	source: ReportSource;
	templateId?: number | null;
	scheduleId?: number | null;
}

/**
 * This process writes the archive's rows one statement at a time. A guard: in one end-to-end run, six
 * reports asked for at once (two made, four refused and removed) failed three with DuckDB's
 * "Conflict on update" and a 500; that was not reproduced in-process, so the cause is not proven.
 */
const archiveWrites = new WeakMap<Database, Promise<unknown>>();
function writeArchive<T>(db: Database, write: () => Promise<T>): Promise<T> {
	const root = db.base ?? db;
	const next = (archiveWrites.get(root) ?? Promise.resolve()).catch(() => undefined).then(write);
	archiveWrites.set(
		root,
		next.catch(() => undefined)
	);
	return next;
}

/** Notes a report as being made, before the renderer starts, so a failure is kept too. */
export async function startReport(db: Database, report: NewReport): Promise<number> {
	const [row] = await writeArchive(db, () =>
		db.query<{ report_id: number }>(
			`INSERT INTO report_archive (format, params, title, data_version, scope, generated_by, render_as, source,
			template_id, schedule_id, requested_at, status)
		 VALUES ($1, $2, $3, $4, $5::VARCHAR[], $6, $7, $8, $9, $10, now(), 'rendering') RETURNING report_id`,
			[
				report.format,
				report.params,
				report.title,
				report.dataVersion,
				report.scope ? listValue([...report.scope]) : null,
				report.generatedBy,
				report.renderAs,
				report.source,
				report.templateId ?? null,
				report.scheduleId ?? null
			]
		)
	);
	return row!.report_id;
}

/** Writes the file (whole or not at all: a temporary name renamed) and marks the report ready. */
export async function finishReport(
	db: Database,
	reportId: number,
	format: ReportFormat,
	bytes: Uint8Array,
	pages: number | null
): Promise<void> {
	const fileName = `report-${reportId}.${format}`;
	const path = join(reportsFolder(db), fileName);
	await writeFile(`${path}.partial`, bytes);
	await rename(`${path}.partial`, path);
	await writeArchive(db, () =>
		db.query(
			`UPDATE report_archive SET status = 'ready', error = NULL, file_name = $2, bytes = $3, pages = $4, finished_at = now()
		 WHERE report_id = $1`,
			[reportId, fileName, bytes.length, pages]
		)
	);
}

export async function failReport(db: Database, reportId: number, message: string): Promise<void> {
	await writeArchive(db, () =>
		db.query(`UPDATE report_archive SET status = 'failed', error = $2, finished_at = now() WHERE report_id = $1`, [
			reportId,
			message
		])
	);
}

/** Back to "being made" for a retry of the same run (a schedule's). */
export async function restartReport(db: Database, reportId: number, dataVersion: string): Promise<void> {
	await writeArchive(db, () =>
		db.query(
			`UPDATE report_archive SET status = 'rendering', error = NULL, data_version = $2, requested_at = now() WHERE report_id = $1`,
			[reportId, dataVersion]
		)
	);
}

export async function recordDelivery(
	db: Database,
	reportId: number,
	recipients: string[],
	error: string | null
): Promise<void> {
	await writeArchive(db, () =>
		db.query(
			`UPDATE report_archive SET emailed_to = $2::VARCHAR[], emailed_at = CASE WHEN $3 IS NULL THEN now() ELSE emailed_at END,
			email_error = $3 WHERE report_id = $1`,
			[reportId, listValue(recipients), error]
		)
	);
}

/** Whether someone who sees `branches` (null: all) may see a report made with `scope`: only within their branches. */
export function canSee(scope: readonly string[] | null, branches: readonly string[] | null | undefined): boolean {
	if (!branches || branches.length === 0) return true;
	return scope !== null && scope.every((branch) => branches.includes(branch));
}

export async function listReports(
	db: Database,
	options: { branches?: readonly string[] | null; limit?: number } = {}
): Promise<ArchivedReport[]> {
	const rows = await db.query(`SELECT ${COLUMNS} FROM report_archive ORDER BY report_id DESC LIMIT $1`, [
		options.limit ?? 500
	]);
	return rows.map(fromRow).filter((report) => canSee(report.scope, options.branches));
}

export async function getReport(db: Database, reportId: number): Promise<ArchivedReport | null> {
	const [row] = await db.query(`SELECT ${COLUMNS} FROM report_archive WHERE report_id = $1`, [reportId]);
	return row ? fromRow(row) : null;
}

/** The report's bytes, or null when it has none (failed, still rendering, or its file is gone). */
export async function readReportFile(db: Database, report: ArchivedReport): Promise<Buffer | null> {
	if (report.status !== 'ready' || !report.fileName) return null;
	return readFile(join(reportsFolder(db), report.fileName)).catch(() => null);
}

/** Removes the row first, then the file: a crash in between leaves a stray file the sweep removes. */
export async function removeReport(db: Database, reportId: number): Promise<boolean> {
	const report = await getReport(db, reportId);
	if (!report) return false;
	await writeArchive(db, () => db.query('DELETE FROM report_archive WHERE report_id = $1', [reportId]));
	if (report.fileName) await rm(join(reportsFolder(db), report.fileName), { force: true });
	return true;
}

/**
 * At start: a report left "being made" by a stopped server failed, and files no row names (a crash
 * between the two steps of a removal or a render) are removed.
 */
export async function sweepReports(db: Database): Promise<void> {
	await writeArchive(db, () =>
		db.query(
			`UPDATE report_archive SET status = 'failed', error = 'Lantern stopped while this report was being made. Regenerate it.', finished_at = now()
		 WHERE status = 'rendering'`
		)
	);
	const named = new Set(
		(await db.query<{ file_name: string }>('SELECT file_name FROM report_archive WHERE file_name IS NOT NULL')).map(
			(row) => row.file_name
		)
	);
	const folder = reportsFolder(db);
	for (const file of await readdir(folder)) {
		if (!named.has(file)) await rm(join(folder, file), { force: true });
	}
}

/** How many pages a Chromium PDF has: one `/Type /Page` object each (its page tree is `/Pages`). */
export function countPdfPages(pdf: Uint8Array): number {
	return (
		Buffer.from(pdf)
			.toString('latin1')
			.match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0
	);
}
