#!/usr/bin/env node
// `npm run lantern -- <command>`: the same server modules the web pages use.
import { userInfo } from 'node:os';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { describeZodError } from '../lib/domain/zod-message';
import type { ImportResult } from '../lib/domain/imports';
import { closeAll, openDatabase, type Database } from '../lib/server/db/database';
import { importUpload, relinkAfter, removeImportsAndRelink } from '../lib/server/ingest/import-any';
import { listImports } from '../lib/server/ingest/import-log';
import { SOURCES } from '../lib/server/ingest/sources';
import {
	InvalidReportParams,
	reportParamsFromQuery,
	reportQuery,
	type ReportParams
} from '../lib/server/reports/params';
import { formatCount } from '../lib/format';
import { describeImport, describeXid } from './output';
import { reportFailure, UsageError } from './usage-error';
import { recordAudit } from '../lib/server/auth/audit';
import { resourceProblem } from '../lib/server/ingest/refusal';
import { REPORT_FORMATS, listReports, type ReportFormat } from '../lib/server/reports/archive';
import { libraryToday } from '../lib/domain/report-schedule';
import { getSettings } from '../lib/server/settings';

// A command loads what it needs when it runs, so `import` does not load Chromium's driver, the report
// renderer or the statistics: about 2 s of CPU less at every start.
const lazy = {
	backup: () => import('../lib/server/db/backup'),
	backupControl: () => import('../lib/server/db/backup-control'),
	demo: () => import('../lib/server/demo'),
	overview: () => import('../lib/server/analytics/overview'),
	campaigns: () => import('../lib/server/analytics/campaigns'),
	impact: () => import('../lib/server/analytics/impact'),
	pdf: () => import('../lib/server/reports/pdf'),
	generate: () => import('../lib/server/reports/generate'),
	templates: () => import('../lib/server/reports/templates'),
	serveBuild: () => import('../lib/server/reports/serve-build'),
	boardReport: () => import('../lib/server/reports/board-report'),
	xAccounts: () => import('../lib/server/x-accounts'),
	mapper: () => import('../lib/server/ingest/mapper/saved'),
	impactCli: () => import('./impact'),
	usersCli: () => import('./users'),
	mappingsCli: () => import('./mappings')
};

const HELP = `Usage: npm run lantern -- <command> [options]

Commands:
  import <files…>              Import export files (CSV exports, or a campaigns .json file)
  import <files…> --mapping NAME
                               Import spreadsheets with a saved column mapping
  mappings                     List the saved column mappings
  mappings save FILE.json      Save a column mapping written as JSON (see the README)
  sources                      List the formats Lantern accepts
  demo                         Load the demo library (Maple Valley Public Library)
  demo remove                  Remove the demo library
  imports                      List imports
  imports remove <id…>         Remove imports and every row they loaded
  report --from YYYY-MM-DD --to YYYY-MM-DD [--compare previous|year] --out FILE.pdf
         [--branch NAME]… [--campaign NAME]… [--sections cover,summary,…] [--paper letter|a4]
         [--orientation portrait|landscape] [--title TEXT] [--prepared-by NAME]
         [--platform NAME] [--strategy NAME] [--audience NAME] [--posts all|campaign]
                               Render the board report PDF with Chromium (sections: cover, summary,
                               social, programs, usage, literacy, campaigns, strategies, peers, methodology,
                               appendix; --campaign none for no campaign; --platform, --strategy and
                               --audience narrow the figures they apply to, as the dashboards' filters do;
                               --posts campaign counts only the one --campaign's posts, over its dates)
  report --template NAME --out FILE.pdf
                               Render the board report with Chromium (a saved template's period
                               is resolved today); --format html|xlsx for a standalone web page or
                               its tables as a workbook. Every report is kept (reports list)
  reports list                 The reports Lantern has made, newest first
  impact its --csv FILE --date COL --value COL --start DATE [--end DATE]
         [--family gaussian|poisson|quasipoisson] [--harmonics K --period P] [--slope]
                               Interrupted time series on any CSV (impact its --help)
  impact campaign <name>       The Impact panels of a stored campaign
  xid <ids, URLs or @names…>   Decode X post IDs to their time; look up handles and account IDs
  backup FOLDER                Write a snapshot of the database (also while the web server runs)
  restore FOLDER               Check a snapshot and put it in place of the database (Lantern stopped)
  users                        List the people who can sign in
  users add EMAIL --name NAME --role admin|director|staff|viewer [--branches "A, B"]
                               Add a person; prints the link with which they set their password
  users reset EMAIL            A new set-password link (for a locked-out admin, too)

Options:
  --db PATH     Database file (default: $LANTERN_DB or data/lantern.duckdb)
  --json        Machine-readable output
  --help        This help
`;

const Flags = z.object({
	compare: z.string().optional(),
	db: z.string().min(1).optional(),
	json: z.boolean().default(false),
	help: z.boolean().default(false),
	from: z.string().optional(),
	to: z.string().optional(),
	out: z.string().min(1).optional(),
	template: z.string().trim().min(1, 'name a saved template').optional(),
	format: z.enum(REPORT_FORMATS).optional(),
	name: z.string().optional(),
	role: z.string().optional(),
	branches: z.string().optional(),
	mapping: z.string().trim().min(1, 'name a saved mapping').optional(),
	branch: z.array(z.string()).default([]),
	campaign: z.array(z.string()).default([]),
	sections: z.string().optional(),
	paper: z.string().optional(),
	orientation: z.string().optional(),
	title: z.string().optional(),
	'prepared-by': z.string().optional(),
	platform: z.string().optional(),
	strategy: z.string().optional(),
	audience: z.string().optional(),
	posts: z.string().optional()
});
type Flags = z.infer<typeof Flags>;
const asFlag = (field: string) => `--${field}`;

function print(flags: Flags, json: unknown, text: string) {
	console.log(flags.json ? JSON.stringify(json, null, 2) : text);
}

async function importCommand(db: Database, files: string[], flags: Flags): Promise<number> {
	if (files.length === 0) throw new UsageError('Name at least one file: npm run lantern -- import FILE…');
	const mapping = flags.mapping ? await (await lazy.mappingsCli()).savedMappingNamed(db, flags.mapping) : null;
	const results: ImportResult[] = [];
	for (const file of files) {
		const path = resolve(file);
		const fileName = file.split(/[\\/]/).pop()!;
		const imported = mapping
			? [await (await lazy.mapper()).importWithMapping(db, path, { fileName, importedBy: cliUser(), mapping })]
			: await importUpload(db, path, { fileName, importedBy: cliUser() });
		for (const result of imported)
			await recordAudit(
				db,
				cliUser(),
				`file ${result.status}`,
				`${result.fileName}${result.source ? ` (${result.source})` : ''}`
			);
		results.push(...imported);
	}
	print(flags, results, results.map(describeImport).join('\n'));
	return results.every((r) => r.status !== 'rejected') ? 0 : 1;
}

async function impactCampaignCommand(db: Database, name: string, flags: Flags): Promise<number> {
	const { campaignSummaries } = await lazy.campaigns();
	const { campaignImpact } = await lazy.impact();
	const campaign = (await campaignSummaries(db)).find((c) => c.name.toLowerCase() === name.toLowerCase());
	if (!campaign)
		throw new UsageError(
			`No campaign is called "${name}". Campaigns: ${(await campaignSummaries(db)).map((c) => c.name).join('; ') || 'none yet'}.`
		);
	const panels = await campaignImpact(db, campaign);
	print(
		flags,
		panels.map((p) => ({
			metric: p.metric,
			label: p.label,
			overlapping: p.overlapping,
			paragraph: p.paragraph,
			...p.result
		})),
		panels.map((p) => `${p.label}:\n  ${p.paragraph}`).join('\n\n') || `"${campaign.name}" names no outcome metrics.`
	);
	return 0;
}

/** The report's query string from the command's flags: the same parameters the builder page sends. */
function reportParamsFromFlags(flags: Flags): ReportParams {
	const query = new URLSearchParams();
	const set = (key: string, value: string | undefined) => value !== undefined && query.set(key, value);
	set('from', flags.from);
	set('to', flags.to);
	set('compare', flags.compare);
	for (const branch of flags.branch) query.append('branch', branch);
	if (flags.campaign.length === 1 && flags.campaign[0] === 'none') query.set('campaigns', 'none');
	else for (const campaign of flags.campaign) query.append('campaign', campaign);
	set('sections', flags.sections);
	set('paper', flags.paper);
	set('orientation', flags.orientation);
	set('title', flags.title);
	set('prepared_by', flags['prepared-by']);
	set('platform', flags.platform);
	set('strategy', flags.strategy);
	set('audience', flags.audience);
	set('posts', flags.posts);
	try {
		return reportParamsFromQuery(query);
	} catch (error) {
		if (error instanceof InvalidReportParams)
			throw new UsageError(error.message.replace(/^(\w+):/, (_, key: string) => `--${key.replace('_', '-')}:`));
		throw error;
	}
}

async function reportCommand(db: Database, flags: Flags): Promise<number> {
	const format = flags.format ?? (flags.out?.match(/\.(pdf|html|xlsx)$/i)?.[1]?.toLowerCase() as ReportFormat) ?? 'pdf';
	if (!flags.out) throw new UsageError(`Say where to write the report: --out FILE.${format}`);
	const params = await reportParams(db, flags);
	const [{ serveBuild }, { generateReport, readReportParams }, { templateNamed }, { closeReportBrowser }] =
		await Promise.all([lazy.serveBuild(), lazy.generate(), lazy.templates(), lazy.pdf()]);
	const server = format === 'xlsx' ? null : await serveBuild(db.path);
	try {
		const { report, bytes } = await generateReport({
			db,
			params,
			format,
			baseUrl: server?.baseUrl ?? 'http://127.0.0.1',
			renderAs: 'local-admin',
			actor: cliUser(),
			source: 'cli',
			templateId: flags.template ? (await templateNamed(db, flags.template))?.templateId : null
		});
		await writeFile(flags.out, bytes);
		const { from, to } = readReportParams(report.params);
		await recordAudit(db, cliUser(), 'report generated', `board report ${from} to ${to} (report ${report.reportId})`);
		print(
			flags,
			{
				out: resolve(flags.out),
				reportId: report.reportId,
				format,
				bytes: bytes.length,
				pages: report.pages,
				from,
				to
			},
			`Wrote ${flags.out} (${formatCount(bytes.length)} bytes${report.pages ? `, ${formatCount(report.pages)} pages` : ''}) for ${from} to ${to}; kept as report ${report.reportId}.`
		);
		return 0;
	} finally {
		await closeReportBrowser();
		await server?.close();
	}
}

/**
 * `backup FOLDER` writes a snapshot (from this process, or from the running web server, which holds
 * the file); `restore FOLDER` checks one and puts it in place of a database nobody has open.
 */
async function backupCommand(command: 'backup' | 'restore', databasePath: string, rest: string[], flags: Flags) {
	if (rest.length !== 1) throw new UsageError(`Name one folder: ${command} FOLDER`);
	const folder = resolve(rest[0]!);
	if (command === 'restore') {
		const manifest = await (await lazy.backup()).restoreDatabase(folder, databasePath);
		const rows = Object.values(manifest.tables).reduce((sum, n) => sum + n, 0);
		print(
			flags,
			{ restored: databasePath, from: folder, ...manifest },
			`Restored ${databasePath} from ${folder} (${formatCount(rows)} rows in ${formatCount(Object.keys(manifest.tables).length)} tables, written ${manifest.createdAt}).`
		);
		return 0;
	}
	const db = await openDatabase(databasePath).catch((error: Error) => {
		if (/in use/.test(error.message)) return null;
		throw error;
	});
	const manifest = db
		? await (await lazy.backup()).backupDatabase(db, folder)
		: await (await lazy.backupControl()).requestServerBackup(databasePath, folder);
	const rows = Object.values(manifest.tables).reduce((sum, n) => sum + n, 0);
	print(
		flags,
		{ backup: folder, database: databasePath, byServer: !db, ...manifest },
		`Wrote a backup of ${databasePath} to ${folder}${db ? '' : ' (through the running web server)'}: ${formatCount(rows)} rows in ${formatCount(Object.keys(manifest.tables).length)} tables.`
	);
	return 0;
}

/** The print page's query: a saved template's, its period resolved today, or the dates given. */
async function reportParams(db: Database, flags: Flags): Promise<string> {
	const { listTemplates, templateNamed, templateQuery } = await lazy.templates();
	const { readReportParams, withDates } = await lazy.generate();
	if (flags.template) {
		if (flags.from || flags.to) throw new UsageError('Give either --template NAME or --from and --to, not both.');
		const template = await templateNamed(db, flags.template);
		if (!template)
			throw new UsageError(
				`No report template is called "${flags.template}". Templates: ${(await listTemplates(db)).map((t) => t.name).join('; ') || 'none'}.`
			);
		const query = templateQuery(template, libraryToday(Date.now(), (await getSettings(db)).timeZone));
		return flags.compare ? withDates(query, { ...readReportParams(query), compare: flags.compare }) : query;
	}
	const params = reportParamsFromFlags(flags);
	// Checked before Chromium starts, so a misspelt branch or campaign costs no render.
	let data;
	try {
		const [{ overview }, { reportDatabase }] = await Promise.all([lazy.overview(), lazy.boardReport()]);
		data = await overview(reportDatabase(db, params.branches), params);
	} catch (error) {
		if (error instanceof InvalidReportParams) throw new UsageError(error.message.replace(/^(\w+):/, '--$1:'));
		throw error;
	}
	if (params.campaigns) {
		const campaigns = await (await lazy.campaigns()).campaignSummaries(db);
		const known = campaigns.map((c) => c.name.toLowerCase());
		const unknown = params.campaigns.filter((name) => !known.includes(name.toLowerCase()));
		if (unknown.length > 0)
			throw new UsageError(
				`--campaign: no campaign is called "${unknown.join('", "')}". Campaigns: ${campaigns.map((c) => c.name).join('; ') || 'none yet'}.`
			);
	}
	return reportQuery({ ...params, ...data.range, compare: data.comparison });
}

async function reportsCommand(db: Database, rest: string[], flags: Flags): Promise<number> {
	if (rest[0] && rest[0] !== 'list') throw new UsageError('Use: reports list');
	const reports = await listReports(db);
	print(
		flags,
		reports,
		reports
			.map(
				(r) =>
					`${String(r.reportId).padStart(4)}  ${r.status.padEnd(9)} ${r.format.padEnd(4)} ${r.title}  ${r.requestedAt}  ${r.generatedBy}${r.error ? `\n      ${r.error}` : ''}`
			)
			.join('\n') || 'No reports yet.'
	);
	return 0;
}

async function main(argv: string[]): Promise<number> {
	// `impact its` reads any CSV with flags of its own, so it bypasses this parser.
	if (argv[0] === 'impact' && argv[1] === 'its')
		return (await lazy.impactCli()).impactCommand(argv.slice(1), { json: argv.includes('--json') });
	const { values, positionals } = parseArgs({
		args: argv,
		allowPositionals: true,
		options: {
			db: { type: 'string' },
			json: { type: 'boolean' },
			help: { type: 'boolean', short: 'h' },
			from: { type: 'string' },
			compare: { type: 'string' },
			to: { type: 'string' },
			out: { type: 'string' },
			template: { type: 'string' },
			format: { type: 'string' },
			name: { type: 'string' },
			role: { type: 'string' },
			branches: { type: 'string' },
			mapping: { type: 'string' },
			branch: { type: 'string', multiple: true },
			campaign: { type: 'string', multiple: true },
			sections: { type: 'string' },
			paper: { type: 'string' },
			orientation: { type: 'string' },
			title: { type: 'string' },
			'prepared-by': { type: 'string' },
			platform: { type: 'string' },
			strategy: { type: 'string' },
			audience: { type: 'string' },
			posts: { type: 'string' }
		}
	});
	const parsed = Flags.safeParse(values);
	if (!parsed.success) throw new UsageError(describeZodError(parsed.error, asFlag));
	const flags = parsed.data;
	const [command, ...rest] = positionals;
	if (flags.help || !command) {
		console.log(HELP);
		return command || flags.help ? 0 : 2;
	}
	if (command === 'sources') {
		const sources = SOURCES.map((s) => ({ id: s.id, label: s.label, description: s.description }));
		print(
			flags,
			sources,
			sources.map((s) => `${s.id.padEnd(22)} ${s.label}\n${' '.repeat(23)}${s.description}`).join('\n')
		);
		return 0;
	}
	const databasePath = resolve(flags.db ?? process.env.LANTERN_DB ?? 'data/lantern.duckdb');
	if (command === 'backup' || command === 'restore') return backupCommand(command, databasePath, rest, flags);
	const db = await openDatabase(databasePath);
	// Finishes the relinking of an import a crash cut short, before anything reads the links and labels.
	await relinkAfter(db);
	switch (command) {
		case 'import':
			return importCommand(db, rest, flags);
		case 'demo': {
			if (rest[0] === 'remove') {
				const removed = await (await lazy.demo()).removeDemoLibrary(db);
				await recordAudit(db, cliUser(), 'demo removed', `${removed} imports`);
				print(flags, { removed }, `Removed the demo library (${removed} imports).`);
				return 0;
			}
			const results = await (await lazy.demo()).loadDemoLibrary(db);
			print(flags, results, results.map(describeImport).join('\n'));
			return results.every((r) => r.status !== 'rejected') ? 0 : 1;
		}
		case 'imports': {
			if (rest[0] === 'remove') {
				const ids = rest.slice(1).map(Number);
				if (ids.length === 0 || ids.some((id) => !Number.isInteger(id) || id <= 0))
					throw new UsageError('Give import numbers: imports remove 3 4');
				const removed = await removeImportsAndRelink(db, ids);
				await recordAudit(db, cliUser(), 'imports removed', ids.join(', '));
				print(flags, { removed }, `Removed ${removed} import${removed === 1 ? '' : 's'}.`);
				return removed === ids.length ? 0 : 1;
			}
			const imports = await listImports(db);
			print(
				flags,
				imports,
				imports
					.map(
						(i) =>
							`${String(i.importId).padStart(4)}  ${i.status.padEnd(9)} ${formatCount(i.rowsLoaded).padStart(9)} rows  ${i.source ?? '?'}  ${i.fileName}`
					)
					.join('\n') || 'No imports yet.'
			);
			return 0;
		}
		case 'report':
			return reportCommand(db, flags);
		case 'reports':
			return reportsCommand(db, rest, flags);
		case 'mappings':
			return (await lazy.mappingsCli()).mappingsCommand(db, rest, { json: flags.json, actor: cliUser() });
		case 'users':
			return (await lazy.usersCli()).usersCommand(db, rest, {
				json: flags.json ?? false,
				name: flags.name,
				role: flags.role,
				branches: flags.branches,
				actor: cliUser()
			});
		case 'impact': {
			if (rest[0] !== 'campaign' || !rest[1])
				throw new UsageError(
					'Use: impact its --csv FILE … (see impact its --help), or impact campaign "<campaign name>"'
				);
			return impactCampaignCommand(db, rest.slice(1).join(' '), flags);
		}
		case 'xid': {
			if (rest.length === 0) throw new UsageError('Give post IDs, post URLs or @usernames: xid 1465712230054432768');
			const answers = await (await lazy.xAccounts()).lookUpXids(db, rest);
			print(flags, answers, answers.map(describeXid).join('\n'));
			return answers.every((a) => a.kind !== 'invalid') ? 0 : 1;
		}
		default:
			throw new UsageError(`Unknown command "${command}".\n\n${HELP}`);
	}
}

main(process.argv.slice(2)).then(
	(code) => closeAll().finally(() => process.exit(code)),
	(error: unknown) => {
		// A full disk or a read-only folder met after the import (its log entry, the audit) is said in words too.
		const message = resourceProblem(error) ?? (error instanceof Error ? error.message : String(error));
		const usage = error instanceof UsageError;
		reportFailure(
			usage ? message : `lantern: ${message}`,
			usage ? 'usage' : 'failure',
			process.argv.includes('--json')
		);
		process.exit(usage ? 2 : 1);
	}
);

/** The command line acts as the local admin (whoever can run it can open the file): "cli:<login>". */
function cliUser(): string {
	try {
		return `cli:${userInfo().username} (local admin)`;
	} catch {
		return 'cli (local admin)';
	}
}
