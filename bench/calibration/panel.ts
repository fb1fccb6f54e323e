/**
 * The Impact panel on made-up branches: each draw's series are written into a scratch DuckDB as a
 * library's rows would be (monthly usage, or program sessions whose empty weeks count 0) and read
 * back through `impactForMetric`, the function the campaign page calls. So the table measures what a
 * director sees, including how the server builds the series and picks the controls.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { impactForMetric } from '../../src/lib/server/analytics/impact';
import { openDatabase, type Database } from '../../src/lib/server/db/database';
import type { ImpactPanelData } from '../../src/lib/domain/impact';

export interface BranchSeries {
	dates: string[];
	target: number[];
	control: number[];
}

export interface PanelHarness {
	/** Monthly usage at a target branch and one other branch, the other branch as the control. */
	monthly(series: BranchSeries, start: string, end: string): Promise<ImpactPanelData>;
	/** Weekly program attendance: one session per week with attendance, none in a week with 0. */
	weekly(series: BranchSeries, start: string, end: string): Promise<ImpactPanelData>;
	close(): Promise<void>;
}

const TARGET = 'Target';
const CONTROL = 'Control';

export async function openPanelHarness(): Promise<PanelHarness> {
	const folder = mkdtempSync(join(tmpdir(), 'lantern-calibration-'));
	const db = await openDatabase(join(folder, 'calibration.duckdb'));
	let draw = 0;
	const panel = async (metric: string, start: string, end: string) => {
		db.markChanged();
		const result = await impactForMetric(db, metric, { start, end });
		if (!result) throw new Error(`no panel for ${metric}`);
		return result;
	};
	return {
		async monthly({ dates, target, control }, start, end) {
			const metric = `calibration_${++draw}`;
			await replaceRows(db, 'usage_records', [
				...rows(dates, target, (date, value) => `(1, '${TARGET}', DATE '${date}', 'month', '${metric}', ${value})`),
				...rows(dates, control, (date, value) => `(1, '${CONTROL}', DATE '${date}', 'month', '${metric}', ${value})`)
			]);
			return panel(`usage:${metric}:${TARGET}`, start, end);
		},
		async weekly({ dates, target, control }, start, end) {
			const word = `calibration${++draw}x`;
			const last = dates.length - 1;
			// The server fills the weeks between the first and last session with 0, so the ends keep a session.
			const session = (branch: string) => (date: string, value: number, i: number) =>
				value > 0 || i === 0 || i === last
					? `(1, 'calibration', '${branch}-${i}', '${word}', '${branch}', TIMESTAMPTZ '${date} 12:00:00+00', ${value}, false)`
					: null;
			await replaceRows(db, 'program_records', [
				...rows(dates, target, session(TARGET)),
				...rows(dates, control, session(CONTROL))
			]);
			return panel(`programs:attendance:${TARGET}:${word}`, start, end);
		},
		async close() {
			await db.close();
			rmSync(folder, { recursive: true, force: true });
		}
	};
}

function rows(
	dates: string[],
	values: number[],
	row: (date: string, value: number, i: number) => string | null
): string[] {
	return dates.map((date, i) => row(date, values[i]!, i)).filter((r): r is string => r !== null);
}

const COLUMNS: Record<string, string> = {
	usage_records: '(import_id, branch, period_start, period, metric, value)',
	program_records: '(import_id, source, program_id, title, branch, starts_at, attendance, cancelled)'
};

/** One draw at a time in the tables, so the views' window functions stay small. Values are numbers made here. */
async function replaceRows(db: Database, table: string, values: string[]): Promise<void> {
	await db.withConnection(async (connection) => {
		await connection.run(`DELETE FROM ${table}`);
		await connection.run(`INSERT INTO ${table} ${COLUMNS[table]} VALUES ${values.join(', ')}`);
	});
}
