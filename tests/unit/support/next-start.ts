/**
 * What the soak checks after a SIGKILL, as the next start of Lantern: the database opens, the start's
 * relinking finishes what a kill cut short, every import is all or nothing, derived tables equal a
 * full relink's, and no temporary or spill file is left beside the database. Prints JSON.
 * Usage: tsx tests/unit/support/next-start.ts DATABASE
 */
import { readdirSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { relinkCampaigns } from '../../../src/lib/server/campaigns';
import { openDatabase } from '../../../src/lib/server/db/database';
import { fingerprintEveryTable } from '../../../src/lib/server/db/fingerprint';
import { relinkAfter } from '../../../src/lib/server/ingest/import-any';
import { IMPORTED_TABLES } from '../../../src/lib/server/ingest/import-log';

const DERIVED = ['campaign_post_links', 'post_strategy_labels', 'program_promotion_links'];
const [database] = process.argv.slice(2);
if (!database) throw new Error('Usage: next-start.ts DATABASE');

const report: {
	opened: boolean;
	error?: string;
	partial: number[];
	derivedConsistent: boolean;
	leftovers: string[];
	imports: number;
} = {
	opened: false,
	partial: [],
	derivedConsistent: false,
	leftovers: [],
	imports: 0
};
try {
	const db = await openDatabase(database);
	report.opened = true;
	await relinkAfter(db);
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
	const afterStart = await derived();
	await relinkCampaigns(db);
	report.derivedConsistent = JSON.stringify(afterStart) === JSON.stringify(await derived());
	await db.close();
} catch (error) {
	report.error = (error as Error).message;
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
