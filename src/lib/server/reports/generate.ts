import { DateRangeQuery } from '../../domain/overview';
import { describeZodError } from '../../domain/zod-message';
import { formatDateRange } from '../../format';
import type { Database } from '../db/database';
import type { RenderAs } from '../auth/render-pass';
import { getSettings } from '../settings';
import {
	countPdfPages,
	failReport,
	finishReport,
	getReport,
	removeReport,
	restartReport,
	startReport,
	type ArchivedReport,
	type ReportFormat,
	type ReportSource
} from './archive';
import { dataVersion } from './data-version';
import { InvalidReportParams, reportParamsFromQuery } from './params';
import { RenderQueueFullError, renderBoardReportPdf } from './pdf';
import { renderBoardReportHtml } from './standalone-html';

export class InvalidReportParamsError extends Error {}

/**
 * The board report's parameters read from the print page's query string. Lantern stores that
 * string as it is; only the dates and comparison are read here, to title the report and to call
 * the renderer, and everything else in it travels untouched to the print page.
 */
export function readReportParams(params: string): { from: string; to: string; compare: 'previous' | 'year' } {
	const parsed = DateRangeQuery.safeParse(Object.fromEntries(new URLSearchParams(params)));
	if (!parsed.success)
		throw new InvalidReportParamsError(`The report's dates are not valid: ${describeZodError(parsed.error)}.`);
	const { from, to, compare } = parsed.data;
	if (!from || !to) throw new InvalidReportParamsError('The report needs both dates, from and to.');
	return { from, to, compare };
}

/** Every parameter of the board report (sections, branches, campaigns, paper…), checked. */
function readBoardReportParams(params: string) {
	try {
		return reportParamsFromQuery(new URLSearchParams(params));
	} catch (cause) {
		if (cause instanceof InvalidReportParams)
			throw new InvalidReportParamsError(`The report cannot be made: ${cause.message}`);
		throw cause;
	}
}

/** The query string with its dates (and comparison) written in, other parameters kept in their order. */
export function withDates(params: string, dates: { from: string; to: string; compare?: string }): string {
	const query = new URLSearchParams(params);
	query.set('from', dates.from);
	query.set('to', dates.to);
	if (dates.compare) query.set('compare', dates.compare);
	else if (!query.has('compare')) query.set('compare', 'previous');
	return query.toString();
}

export interface GenerateRequest {
	/** the database as the person sees it (scoped to their branches, if any) */
	db: Database;
	params: string;
	format: ReportFormat;
	/** where this Lantern serves its print page to itself on loopback */
	baseUrl: string;
	renderAs: RenderAs;
	/** whose turn it is in the render queue; renderAs when not given */
	owner?: string;
	/** who asked, as the audit log names them */
	actor: string;
	/** the PDF's author, when a person's name is known (the actor otherwise) */
	author?: string;
	source: ReportSource;
	templateId?: number | null;
	scheduleId?: number | null;
	/** a failed run of a schedule made again into the same archive entry */
	retryOf?: number;
}

/** The file name a report downloads as: lantern-board-report-2026-01-01-to-2026-03-31.pdf. */
export function reportFileName(report: Pick<ArchivedReport, 'reportId' | 'params' | 'format'>): string {
	const query = new URLSearchParams(report.params);
	const from = query.get('from');
	const to = query.get('to');
	// Dates are always written in; a kept entry without them still downloads, under its number.
	return from && to
		? `lantern-board-report-${from.replace(/[^0-9-]/g, '')}-to-${to.replace(/[^0-9-]/g, '')}.${report.format}`
		: `lantern-report-${report.reportId}.${report.format}`;
}

/**
 * Makes one report and keeps it in the archive, failed or not. Returns the archive entry; a
 * renderer's error is recorded on it and thrown again for the caller to answer in its own way.
 */
export async function generateReport(request: GenerateRequest): Promise<{ report: ArchivedReport; bytes: Buffer }> {
	const { db } = request;
	const dates = readReportParams(request.params);
	const board = readBoardReportParams(request.params);
	const settings = await getSettings(db);
	const version = await dataVersion(db);
	const title = `Board report · ${formatDateRange(dates.from, dates.to)}`;
	let reportId: number;
	if (request.retryOf) {
		reportId = request.retryOf;
		await restartReport(db, reportId, version);
	} else {
		reportId = await startReport(db, {
			format: request.format,
			params: request.params,
			title,
			dataVersion: version,
			scope: db.scope ?? null,
			generatedBy: request.actor,
			renderAs: request.renderAs,
			source: request.source,
			templateId: request.templateId,
			scheduleId: request.scheduleId
		});
	}
	try {
		let bytes: Buffer;
		let pages: number | null = null;
		if (request.format === 'pdf') {
			bytes = await renderBoardReportPdf({
				baseUrl: request.baseUrl,
				params: { ...board, ...dates },
				range: { from: dates.from, to: dates.to },
				libraryName: settings.libraryName,
				renderAs: request.renderAs,
				owner: request.owner,
				author: request.author ?? request.actor
			});
			pages = countPdfPages(bytes);
		} else if (request.format === 'html') {
			bytes = await renderBoardReportHtml({
				baseUrl: request.baseUrl,
				params: request.params,
				renderAs: request.renderAs,
				owner: request.owner
			});
		} else {
			// Loaded on first use: ExcelJS takes a second to load, which every command would otherwise pay.
			const { boardReportWorkbook } = await import('./workbook');
			bytes = await boardReportWorkbook(db, { ...board, ...dates }, version);
		}
		await finishReport(db, reportId, request.format, bytes, pages);
		return { report: (await getReport(db, reportId))!, bytes };
	} catch (cause) {
		// A full queue made nothing: the person is told to try again, and the archive keeps no entry.
		if (cause instanceof RenderQueueFullError && !request.retryOf) await removeReport(db, reportId);
		else await failReport(db, reportId, cause instanceof Error ? cause.message : String(cause));
		throw cause;
	}
}
