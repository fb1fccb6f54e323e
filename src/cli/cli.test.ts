import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../lib/server/db/database';
import { itWithRealFixtures, REAL_FIXTURES, REPO_ROOT, SOURCE_FIXTURES } from '../lib/server/db/test-support';

const run = promisify(execFile);

async function lantern(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
	try {
		const { stdout, stderr } = await run(
			process.execPath,
			['--import', 'tsx', join(REPO_ROOT, 'src/cli/main.ts'), ...args],
			{
				cwd: REPO_ROOT,
				env: { ...process.env, TZ: 'UTC' }
			}
		);
		return { code: 0, stdout, stderr };
	} catch (error) {
		const failed = error as { code: number; stdout: string; stderr: string };
		return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
	}
}

// Each test starts the CLI several times as people run it (`npm run lantern`: node --import tsx, TypeScript
// compiled on each start): seconds each on a loaded 2-core machine, so the file's tests get minutes, not Vitest's minute.
describe('lantern command line', { timeout: 180_000 }, () => {
	const db = () => join(mkdtempSync(join(tmpdir(), 'lantern-cli-')), 'cli.duckdb');

	itWithRealFixtures('imports files, reports each, and exits 0 only when none was rejected', async () => {
		const path = db();
		const x = join(REAL_FIXTURES, 'x-analytics-legacy/x_legacy_tweet_activity_metrics_ropensci_2021-11.csv');
		const ok = await lantern('import', x, join(SOURCE_FIXTURES, 'usage_monthly.csv'), '--db', path, '--json');
		expect(ok.code).toBe(0);
		expect(JSON.parse(ok.stdout)).toMatchObject([
			{ status: 'imported', source: 'x-legacy-tweets', rowsLoaded: 33 },
			{ status: 'imported', source: 'lantern-usage', rowsLoaded: 5 }
		]);
		const again = await lantern('import', x, '--db', path);
		expect(again.code).toBe(0);
		expect(again.stdout).toContain('duplicate');
		const bad = await lantern('import', join(SOURCE_FIXTURES, 'usage_bad.csv'), '--db', path);
		expect(bad.code).toBe(1);
		expect(bad.stdout).toContain('row 3, column "metric": an 8-character text is not one of');
		const listed = JSON.parse((await lantern('imports', '--db', path, '--json')).stdout) as { status: string }[];
		expect(listed.map((i) => i.status)).toEqual(['rejected', 'duplicate', 'imported', 'imported']);
	});

	it('lists the formats it accepts', async () => {
		const { code, stdout } = await lantern('sources', '--json');
		expect(code).toBe(0);
		expect((JSON.parse(stdout) as { id: string }[]).map((s) => s.id)).toEqual(
			expect.arrayContaining(['x-legacy-tweets', 'meta-facebook-posts', 'libcal-events'])
		);
	});

	it('never loads the demo implicitly, and says how to use it when misused', async () => {
		const path = db();
		const listed = await lantern('imports', '--db', path, '--json');
		expect(JSON.parse(listed.stdout)).toEqual([]);
		const unknown = await lantern('frobnicate', '--db', path);
		expect(unknown.code).toBe(2);
		expect(unknown.stderr).toContain('Unknown command "frobnicate"');
		const noOut = await lantern('report', '--db', path);
		expect(noOut.code).toBe(2);
		expect(noOut.stderr).toContain('--out FILE.pdf');
	});

	it(
		'saves a mapping written as JSON, lists it, and imports open-data program statistics with it',
		{ timeout: 120_000 },
		async () => {
			const path = db();
			const folder = mkdtempSync(join(tmpdir(), 'lantern-cli-mapping-'));
			const description = join(folder, 'county.json');
			writeFileSync(
				description,
				JSON.stringify({
					name: 'County program statistics',
					target: 'programs',
					columns: {
						branch: 'Library',
						year: 'Event Year',
						month: 'Event Month',
						category: 'Category',
						audience: 'Age Group',
						attendance: 'Attendance'
					}
				})
			);
			const saved = await lantern('mappings', 'save', description, '--db', path, '--json');
			expect(saved.code).toBe(0);
			expect(JSON.parse(saved.stdout)).toMatchObject({
				saved: true,
				replaced: false,
				mapping: { name: 'County program statistics', columns: { year: 'event year', month: 'event month' } }
			});
			const listed = await lantern('mappings', '--db', path);
			expect(listed.stdout).toContain('County program statistics: Programs and attendance');
			expect(listed.stdout).toContain('Month ← "event month"');

			const imported = await lantern(
				'import',
				join(SOURCE_FIXTURES, 'program_statistics_2024_jan-apr.csv'),
				'--mapping',
				'County program statistics',
				'--db',
				path,
				'--json'
			);
			expect(imported.code).toBe(0);
			expect(JSON.parse(imported.stdout)).toMatchObject([
				{
					status: 'imported',
					source: 'mapping:County program statistics',
					rowsLoaded: 35,
					notes: [expect.stringContaining('5 rows for “All Locations” were left out'), expect.any(String)]
				}
			]);
			// The next file needs no --mapping: its header is the mapping's.
			const next = await lantern('import', join(SOURCE_FIXTURES, 'program_statistics_2024_may-jun.csv'), '--db', path);
			expect(next.code).toBe(0);
			expect(next.stdout).toContain('imported (Saved mapping "County program statistics"), 14 rows loaded');
			expect(next.stdout).toContain('note: 2 rows for “All Locations” were left out');
		}
	);

	const mappingFile = (name: string, text: string) => {
		const path = join(mkdtempSync(join(tmpdir(), 'lantern-cli-mapping-')), name);
		writeFileSync(path, text);
		return path;
	};

	it(
		'says what is wrong with a mapping file: not JSON, a misspelt key, half a date',
		{ timeout: 120_000 },
		async () => {
			const path = db();
			const file = mappingFile;
			const notJson = await lantern('mappings', 'save', file('broken.json', '{"name": '), '--db', path);
			expect(notJson.code).toBe(1);
			expect(notJson.stderr).toContain('broken.json is not JSON');
			const misspelt = await lantern(
				'mappings',
				'save',
				file('misspelt.json', JSON.stringify({ name: 'X', target: 'programs', colums: {} })),
				'--db',
				path,
				'--json'
			);
			expect(misspelt.code).toBe(1);
			expect(JSON.parse(misspelt.stdout)).toMatchObject({ saved: false, error: expect.stringContaining('"colums"') });
			const halfDate = await lantern(
				'mappings',
				'save',
				file(
					'half.json',
					JSON.stringify({ name: 'X', target: 'programs', columns: { year: 'Event Year', attendance: 'Attendance' } })
				),
				'--db',
				path
			);
			expect(halfDate.code).toBe(1);
			expect(halfDate.stderr).toContain('half.json: A Year column needs a Month column beside it.');
		}
	);

	it(
		'names the saved mappings when asked for one that is not, and a mapped column a file lacks',
		{ timeout: 120_000 },
		async () => {
			const path = db();
			const file = mappingFile;
			const unknown = await lantern(
				'import',
				join(SOURCE_FIXTURES, 'usage_monthly.csv'),
				'--mapping',
				'Nope',
				'--db',
				path
			);
			expect(unknown.code).toBe(2);
			expect(unknown.stderr).toContain('No saved mapping is called "Nope"');

			const saved = await lantern(
				'mappings',
				'save',
				file(
					'events.json',
					JSON.stringify({
						name: 'Events',
						target: 'programs',
						columns: { title: 'Event Name', date: 'Event Date', attendance: 'Attendance' }
					})
				),
				'--db',
				path
			);
			expect(saved.code).toBe(0);
			const lacking = await lantern(
				'import',
				file('events.csv', 'Event Name,Date,Attendance\nToddler Time,2026-03-03,12\n'),
				'--mapping',
				'events',
				'--db',
				path
			);
			expect(lacking.code).toBe(1);
			expect(lacking.stdout).toContain(
				'events.csv has no "event date" column, which the mapping "Events" reads. Its header is: event name, date, attendance.'
			);
		}
	);

	it(
		'with --json, says on stdout as JSON that the database is in use, and why a usage mistake was one',
		{ timeout: 180_000 },
		async () => {
			const path = db();
			const holder = await openDatabase(path);
			try {
				const busy = await lantern('imports', '--db', path, '--json');
				expect(busy.code).toBe(1);
				const answer = JSON.parse(busy.stdout) as { error: string; kind: string };
				expect(answer.kind).toBe('failure');
				expect(answer.error).toContain('is in use by another Lantern process');
			} finally {
				await holder.close();
			}
			const unknownUser = await lantern('users', 'reset', 'nobody@library.example', '--db', path, '--json');
			expect(unknownUser.code).toBe(2);
			expect(JSON.parse(unknownUser.stdout)).toMatchObject({
				kind: 'usage',
				error: expect.stringContaining('nobody@')
			});
			const badRange = await lantern('report', '--from', '2026-02-30', '--out', 'x.pdf', '--db', path, '--json');
			expect(badRange.code).toBe(2);
			expect(JSON.parse(badRange.stdout)).toEqual({
				kind: 'usage',
				error:
					'--from: 2026-02-30 is not a real date: February 2026 has 28 days; write YYYY-MM-DD, from 1900-01-01 to 2100-12-31'
			});
		}
	);

	it(
		'makes reports from a saved template or from dates, as a workbook without Chromium, and keeps each (reports list)',
		{ timeout: 400_000 },
		async () => {
			const path = db();
			const folder = mkdtempSync(join(tmpdir(), 'lantern-cli-reports-'));
			expect((await lantern('import', join(SOURCE_FIXTURES, 'usage_monthly.csv'), '--db', path)).code).toBe(0);
			const fromTemplate = await lantern(
				'report',
				'--template',
				'monthly board packet',
				'--format',
				'xlsx',
				'--out',
				join(folder, 'packet.xlsx'),
				'--db',
				path,
				'--json'
			);
			expect(fromTemplate.code).toBe(0);
			// Its period is last month on the day it runs, in the library's zone.
			expect(JSON.parse(fromTemplate.stdout)).toMatchObject({ format: 'xlsx', from: expect.stringMatching(/-01$/) });
			const fromDates = await lantern(
				'report',
				'--from',
				'2026-01-01',
				'--to',
				'2026-03-31',
				'--out',
				join(folder, 'q1.xlsx'),
				'--db',
				path,
				'--json'
			);
			expect(JSON.parse(fromDates.stdout)).toMatchObject({ format: 'xlsx', from: '2026-01-01', to: '2026-03-31' });
			const listed = JSON.parse((await lantern('reports', 'list', '--db', path, '--json')).stdout) as unknown[];
			expect(listed).toMatchObject([
				{
					format: 'xlsx',
					source: 'cli',
					status: 'ready',
					params: expect.stringMatching(/^from=2026-01-01&to=2026-03-31&compare=previous&sections=cover%2Csummary/),
					templateId: null
				},
				{
					format: 'xlsx',
					source: 'cli',
					status: 'ready',
					templateId: 1,
					params: expect.stringContaining('compare=year')
				}
			]);
			const unknown = await lantern('report', '--template', 'Annual gala', '--out', 'x.pdf', '--db', path);
			expect(unknown.code).toBe(2);
			expect(unknown.stderr).toContain(
				'No report template is called "Annual gala". Templates: Monthly board packet; Summer reading wrap-up.'
			);
			const both = await lantern(
				'report',
				'--template',
				'Monthly board packet',
				'--from',
				'2026-01-01',
				'--out',
				'x.pdf',
				'--db',
				path
			);
			expect(both.stderr).toContain('Give either --template NAME or --from and --to, not both.');
		}
	);

	it(
		'refuses a campaigns file with 30 February as JSON naming the row and field, storing nothing',
		{ timeout: 120_000 },
		async () => {
			const path = db();
			const folder = mkdtempSync(join(tmpdir(), 'lantern-cli-campaigns-'));
			const file = join(folder, 'campaigns.json');
			const campaign = { name: 'Spring reads', strategy: 'book_recommendations', ends_on: '2026-03-31' };
			writeFileSync(
				file,
				JSON.stringify({
					campaigns: [
						{ ...campaign, starts_on: '2026-02-30' },
						{ ...campaign, name: 'Far future', starts_on: '9999-12-31' }
					]
				})
			);
			const refused = await lantern('import', file, '--db', path, '--json');
			expect(refused.code).toBe(1);
			const [result] = JSON.parse(refused.stdout) as { status: string; errors: unknown[] }[];
			expect(result).toMatchObject({ status: 'rejected', rowsLoaded: 0 });
			expect(result!.errors).toEqual([
				{
					row: 1,
					column: 'starts_on',
					message:
						'2026-02-30 is not a real date: February 2026 has 28 days; write YYYY-MM-DD, from 1900-01-01 to 2100-12-31'
				},
				{
					row: 2,
					column: 'starts_on',
					message: '9999-12-31 is outside the dates Lantern accepts: write YYYY-MM-DD, from 1900-01-01 to 2100-12-31'
				}
			]);
		}
	);
});
