/**
 * What the soak checks after a SIGKILL, as the next start of Lantern: the database opens, the start's
 * relinking finishes what a kill cut short, every import is all or nothing, derived tables equal a
 * full relink's, and no temporary or spill file is left beside the database. Prints JSON.
 * With --as-left it checks what a restarted server left (it ran the start's relinking itself), and
 * also the report archive: no report still "being made", every ready report's file whole, no stray file.
 * Usage: tsx tests/unit/support/next-start.ts DATABASE [--as-left]
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { relinkCampaigns } from '../../../src/lib/server/campaigns';
import { openDatabase } from '../../../src/lib/server/db/database';
import { fingerprintEveryTable } from '../../../src/lib/server/db/fingerprint';
import { relinkAfter } from '../../../src/lib/server/ingest/import-any';
import { IMPORTED_TABLES } from '../../../src/lib/server/ingest/import-log';
import { reportsFolder } from '../../../src/lib/server/reports/archive';

const DERIVED = ['campaign_post_links', 'post_strategy_labels', 'program_promotion_links'];
const [database, mode] = process.argv.slice(2);
const asLeft = mode === '--as-left';
if (!database) throw new Error('Usage: next-start.ts DATABASE');

const report: {
	opened: boolean;
	error?: string;
	partial: number[];
	derivedConsistent: boolean;
	leftovers: string[];
	imports: number;
	halfWrittenReports: string[];
	reportsReady: number;
} = {
	opened: false,
	partial: [],
	derivedConsistent: false,
	leftovers: [],
	imports: 0,
	halfWrittenReports: [],
	reportsReady: 0
};
/** Where the check was when it failed, for its message. */
let step = 'opening the database';
try {
	const db = await openDatabase(database);
	report.opened = true;
	step = "the start's relinking";
	if (!asLeft) await relinkAfter(db);
	step = 'counting imported rows';
	const imports = await db.query<{ import_id: number; rows_loaded: number }>(
		"SELECT import_id, rows_loaded FROM import_log WHERE status = 'imported'"
	);
	report.imports = imports.length;
	for (const { import_id, rows_loaded } of imports) {
		let stored = 0;
		for (const table of IMPORTED_TABLES) {
			const [row] = await db.query<{ n: number }>(`SELECT count(*) AS n FROM ${table} WHERE import_id = $1`, [
				import_id
			]);
			stored += Number(row!.n);
		}
		if (stored < rows_loaded || stored === 0) report.partial.push(import_id);
	}
	// Rows of a file never imported (a kill before its commit) would have an import ID no log entry has.
	for (const table of IMPORTED_TABLES) {
		const [row] = await db.query<{ n: number }>(
			`SELECT count(*) AS n FROM ${table} WHERE import_id NOT IN (SELECT import_id FROM import_log WHERE status = 'imported')`
		);
		if (Number(row!.n) > 0) report.partial.push(-1);
	}
	const derived = async () => {
		const all = await fingerprintEveryTable(db);
		return DERIVED.map((table) => all[table]);
	};
	step = 'reading links and labels';
	const afterStart = await derived();
	step = 'a full relink to compare with';
	await relinkCampaigns(db);
	report.derivedConsistent = JSON.stringify(afterStart) === JSON.stringify(await derived());
	if (asLeft) {
		const archived = await db.query<{
			report_id: number;
			status: string;
			file_name: string | null;
			bytes: number | null;
		}>('SELECT report_id, status, file_name, bytes FROM report_archive');
		const folder = reportsFolder(db);
		for (const row of archived) {
			if (row.status === 'rendering') report.halfWrittenReports.push(`report ${row.report_id} still rendering`);
			if (row.status !== 'ready') continue;
			report.reportsReady += 1;
			const path = row.file_name ? join(folder, row.file_name) : null;
			const bytes = path && existsSync(path) ? readFileSync(path) : null;
			const whole =
				bytes !== null &&
				bytes.length === row.bytes &&
				(!row.file_name!.endsWith('.pdf') || bytes.subarray(-1024).toString('latin1').includes('%%EOF'));
			if (!whole)
				report.halfWrittenReports.push(`report ${row.report_id} ready, its file ${bytes ? 'cut short' : 'missing'}`);
		}
		const named = new Set(archived.map((row) => row.file_name));
		for (const file of readdirSync(folder))
			if (!named.has(file)) report.halfWrittenReports.push(`stray file ${file} in the reports folder`);
	}
	await db.close();
} catch (error) {
	report.error = `${step}: ${(error as Error).message}`;
}
const name = basename(database);
report.leftovers = readdirSync(dirname(database)).filter(
	(entry) =>
		entry.startsWith(name) &&
		entry !== name &&
		entry !== `${name}.wal` &&
		!(entry === `${name}.tmp` && readdirSync(`${dirname(database)}/${entry}`).length === 0)
);
process.stdout.write(`${JSON.stringify(report)}\n`);
process.exit(0);
