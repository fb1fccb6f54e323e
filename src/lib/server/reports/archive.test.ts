import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoDatabase, SOURCE_FIXTURES, tempDatabase } from '../db/test-support';
import { importUpload, removeImportsAndRelink } from '../ingest/import-any';
import { dataVersion } from './data-version';
import type { Database } from '../db/database';
import { scopedDatabase } from '../db/scoped';
import {
	failReport,
	finishReport,
	getReport,
	listReports,
	readReportFile,
	removeReport,
	reportsFolder,
	startReport,
	sweepReports
} from './archive';
import { boardReport } from './board-report';
import { generateReport, InvalidReportParamsError, reportFileName } from './generate';
import { reportParamsFromQuery } from './params';
import {
	listTemplates,
	removeTemplate,
	saveTemplate,
	templateNamed,
	templateQuery,
	TemplateNameTakenError
} from './templates';

const request = (db: Database, params: string) => ({
	db,
	params,
	format: 'xlsx' as const,
	baseUrl: 'http://127.0.0.1:1',
	renderAs: 'local-admin' as const,
	actor: 'cli:test',
	source: 'cli' as const
});

describe('report archive', () => {
	let db: Database;
	beforeAll(async () => {
		db = await demoDatabase();
	}, 180_000);

	it('keeps each generated report: its file beside the database, parameters, data version, who, when, bytes', async () => {
		const { report, bytes } = await generateReport(
			request(db, 'from=2026-01-01&to=2026-03-31&compare=year&sections=cover')
		);
		expect(report).toMatchObject({
			format: 'xlsx',
			// The query string is kept as it came, parameters Lantern does not read included.
			params: 'from=2026-01-01&to=2026-03-31&compare=year&sections=cover',
			title: 'Board report · Jan 1, 2026 – Mar 31, 2026',
			status: 'ready',
			generatedBy: 'cli:test',
			source: 'cli',
			bytes: bytes.length,
			scope: null
		});
		expect(report.dataVersion).toMatch(/^\d+ imports, newest #\d+ · [0-9a-f]{6}$/);
		expect(report.requestedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
		expect(reportsFolder(db)).toBe(join(db.path, '..', 'lantern-reports'));
		expect(existsSync(join(reportsFolder(db), `report-${report.reportId}.xlsx`))).toBe(true);
		expect(await readReportFile(db, report)).toEqual(bytes);
		expect(reportFileName(report)).toBe('lantern-board-report-2026-01-01-to-2026-03-31.xlsx');
		// A name never carries what a query string could smuggle into a header.
		expect(reportFileName({ reportId: 7, format: 'pdf', params: 'from=2026-01-01"&to=x' })).toBe(
			'lantern-board-report-2026-01-01-to-.pdf'
		);
		expect(reportFileName({ reportId: 7, format: 'pdf', params: 'sections=cover' })).toBe('lantern-report-7.pdf');
	});

	it('writes the tables the print page shows into the workbook, numbers as numbers', async () => {
		const { bytes } = await generateReport(request(db, 'from=2026-01-01&to=2026-06-30'));
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(new Uint8Array(bytes).buffer);
		expect(workbook.worksheets.map((s) => s.name)).toEqual([
			'Report',
			'Key figures',
			'Weekly engagement',
			'Monthly outcomes',
			'Audience',
			'Visits',
			'Summer reading',
			'Outcome surveys',
			'Campaign estimates',
			'Strategies',
			'Peer comparison'
		]);
		const kpis = workbook.getWorksheet('Key figures')!;
		expect(kpis.getRow(1).values).toEqual([undefined, 'Figure', 'This period', 'Comparison period', 'Change', 'Note']);
		expect(kpis.getColumn(1).values).toContain('Program attendance');
		const attendance = kpis.getColumn(1).values.indexOf('Program attendance');
		expect(typeof kpis.getRow(attendance).getCell(2).value).toBe('number');
		// Six months of monthly outcomes, one row each.
		expect(workbook.getWorksheet('Monthly outcomes')!.rowCount).toBe(7);
		expect(workbook.getWorksheet('Campaign estimates')!.rowCount).toBeGreaterThan(1);
		// The peer figures are the print page's own (boardReport), to the digit.
		const report = await boardReport(db, reportParamsFromQuery(new URLSearchParams('from=2026-01-01&to=2026-06-30')));
		if (!report.peers || 'missing' in report.peers) throw new Error('the demo library has PLS peers');
		const peers = workbook.getWorksheet('Peer comparison')!;
		const visits = report.peers.measures.find((m) => m.measure === 'visits')!;
		expect(peers.getRow(2).values).toEqual([
			undefined,
			visits.label,
			visits.own,
			visits.median,
			visits.q1,
			visits.q3,
			visits.peers
		]);
	});

	it('holds only the sheets of the sections and the campaigns the report was asked for', async () => {
		const { bytes } = await generateReport(
			request(db, 'from=2026-01-01&to=2026-06-30&sections=cover,campaigns&campaign=Staff Picks Winter 2026')
		);
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(new Uint8Array(bytes).buffer);
		expect(workbook.worksheets.map((s) => s.name)).not.toContain('Peer comparison');
		const campaigns = workbook.getWorksheet('Campaign estimates')!.getColumn(1).values.slice(2);
		expect(new Set(campaigns)).toEqual(new Set(['Staff Picks Winter 2026']));
	});

	it('keeps a failure with its reason, and refuses parameters without valid dates before rendering', async () => {
		await expect(generateReport(request(db, 'from=2026-02-30&to=2026-03-31'))).rejects.toThrow(
			InvalidReportParamsError
		);
		await expect(
			generateReport({ ...request(db, 'from=2026-01-01&to=2026-01-31'), format: 'pdf', baseUrl: 'http://127.0.0.1:9' })
		).rejects.toThrow();
		const [failed] = await listReports(db);
		expect(failed).toMatchObject({ status: 'failed', format: 'pdf', bytes: null });
		expect(failed!.error).toBeTruthy();
	});

	it('shows a branch-scoped person only reports made within their branches', async () => {
		const eastside = scopedDatabase(db, ['Eastside']);
		const { report } = await generateReport(request(eastside, 'from=2026-01-01&to=2026-01-31'));
		expect(report.scope).toEqual(['Eastside']);
		const seenByEastside = await listReports(db, { branches: ['Eastside'] });
		expect(seenByEastside.map((r) => r.reportId)).toEqual([report.reportId]);
		expect((await listReports(db, { branches: ['Central'] })).map((r) => r.reportId)).toEqual([]);
		expect((await listReports(db)).map((r) => r.reportId)).toContain(report.reportId);
	});

	it('removes a report with its file, and at start tidies what a stopped server left', async () => {
		const { report } = await generateReport(request(db, 'from=2026-02-01&to=2026-02-28'));
		const file = join(reportsFolder(db), report.fileName!);
		expect(await removeReport(db, report.reportId)).toBe(true);
		expect(existsSync(file)).toBe(false);
		expect(await getReport(db, report.reportId)).toBeNull();
		writeFileSync(join(reportsFolder(db), 'report-9999.pdf'), 'stray');
		await db.query(
			`INSERT INTO report_archive (format, params, title, generated_by, render_as, source, requested_at, status)
			 VALUES ('pdf', 'from=2026-01-01&to=2026-01-31', 'x', 'cli:test', 'local-admin', 'cli', now(), 'rendering')`
		);
		await sweepReports(db);
		expect(readdirSync(reportsFolder(db))).not.toContain('report-9999.pdf');
		const [interrupted] = await listReports(db);
		expect(interrupted).toMatchObject({ status: 'failed' });
		expect(interrupted!.error).toContain('Lantern stopped while this report was being made');
	});
});

describe('report archive under concurrent writes', () => {
	it('finishes, fails and removes six reports at once without a write conflict', async () => {
		const db = await tempDatabase();
		const ids = await Promise.all(
			Array.from({ length: 6 }, (_, i) =>
				startReport(db, {
					format: 'pdf',
					params: `from=2026-0${i + 1}-01&to=2026-0${i + 1}-28`,
					title: `Report ${i + 1}`,
					dataVersion: 'v1',
					scope: null,
					generatedBy: 'cli:test',
					renderAs: 'local-admin',
					source: 'button'
				})
			)
		);
		// As six button presses end: two made, one failed, three refused (removed from the archive).
		await Promise.all([
			finishReport(db, ids[0]!, 'pdf', new Uint8Array([37, 80, 68, 70]), 1),
			finishReport(db, ids[1]!, 'pdf', new Uint8Array([37, 80, 68, 70]), 1),
			failReport(db, ids[2]!, 'Chromium stopped'),
			removeReport(db, ids[3]!),
			removeReport(db, ids[4]!),
			removeReport(db, ids[5]!)
		]);
		const left = await listReports(db);
		expect(left.map((r) => [r.reportId, r.status]).sort()).toEqual(
			[
				[ids[0], 'ready'],
				[ids[1], 'ready'],
				[ids[2], 'failed']
			].sort()
		);
	});
});

describe('saved report templates', () => {
	it('come seeded with the monthly board packet and the summer reading wrap-up, and fill in their period', async () => {
		const db = await tempDatabase();
		const templates = await listTemplates(db);
		expect(templates.map((t) => [t.name, t.period, t.params])).toEqual([
			['Monthly board packet', 'last-month', 'compare=year'],
			['Summer reading wrap-up', 'summer', 'compare=year']
		]);
		expect(templateQuery(templates[0]!, '2026-03-03')).toBe('compare=year&from=2026-02-01&to=2026-02-28');
		expect(templateQuery(templates[1]!, '2026-09-10')).toBe('compare=year&from=2026-06-01&to=2026-08-31');
	});

	it('are created, edited and removed, keep the builder’s other parameters, and never share a name', async () => {
		const db = await tempDatabase();
		const made = await saveTemplate(
			db,
			{
				name: 'Quarterly for the council',
				description: 'For the city council',
				period: 'last-quarter',
				compare: 'previous',
				params: 'from=2020-01-01&sections=cover,summary&branch=Eastside'
			},
			'user:director@example.org'
		);
		expect(made.params).toBe('sections=cover%2Csummary&branch=Eastside&compare=previous');
		const edited = await saveTemplate(
			db,
			{ ...made, templateId: made.templateId, period: 'year-to-date', compare: 'year', description: 'YTD' },
			'user:admin@example.org'
		);
		expect(edited).toMatchObject({
			templateId: made.templateId,
			period: 'year-to-date',
			updatedBy: 'user:admin@example.org'
		});
		expect(edited.params).toBe('sections=cover%2Csummary&branch=Eastside&compare=year');
		await expect(
			saveTemplate(
				db,
				{ name: 'monthly BOARD packet', description: '', period: 'last-month', compare: 'year', params: '' },
				'x'
			)
		).rejects.toThrow(TemplateNameTakenError);
		expect(await removeTemplate(db, made.templateId)).toBe(true);
		expect(await templateNamed(db, 'Quarterly for the council')).toBeNull();
	});
});

describe('the data version kept with a report', () => {
	it('changes with an upload and with its removal, and names the imports', async () => {
		const db = await tempDatabase();
		const empty = await dataVersion(db);
		expect(empty).toMatch(/^no imports · [0-9a-f]{6}$/);
		const [imported] = await importUpload(db, join(SOURCE_FIXTURES, 'usage_monthly.csv'), {
			fileName: 'usage_monthly.csv',
			importedBy: 'test'
		});
		const after = await dataVersion(db);
		expect(after).toMatch(new RegExp(`^1 import, newest #${imported!.importId} · [0-9a-f]{6}$`));
		await removeImportsAndRelink(db, [imported!.importId!]);
		expect(await dataVersion(db)).toBe(empty);
	});
});
