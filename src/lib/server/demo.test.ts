import { afterEach, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fingerprint, REPO_ROOT, tempDatabase } from './db/test-support';
import { loadDemoLibrary, loadDemoOnFirstStart, removeDemoLibrary, DEMO_LIBRARY_NAME } from './demo';
import { getSettings } from './settings';

const DEMO_DIR = join(REPO_ROOT, 'data/demo');

describe('demo library', () => {
	const saved = process.env.LANTERN_DEMO;
	afterEach(() => {
		if (saved === undefined) delete process.env.LANTERN_DEMO;
		else process.env.LANTERN_DEMO = saved;
	});

	it('loads every sample export through the import pipeline', async () => {
		const db = await tempDatabase();
		const results = await loadDemoLibrary(db, DEMO_DIR);
		const expected = readdirSync(DEMO_DIR).filter((name) => /\.(csv|json)$/.test(name) && name !== 'effects.json');
		expect(results.map((r) => r.fileName).sort()).toEqual(expected.sort());
		for (const result of results) expect(result, result.fileName).toMatchObject({ status: 'imported' });
		const [counts] = await db.query(
			`SELECT (SELECT count(DISTINCT platform) FROM posts) AS platforms, (SELECT count(DISTINCT branch) FROM programs) AS branches,
				(SELECT count(DISTINCT metric) FROM usage) AS usage_metrics, (SELECT count(*) FROM campaigns) AS campaigns,
				(SELECT count(DISTINCT age_group) FROM literacy) AS age_groups,
				(SELECT count(*) FROM import_log WHERE NOT is_demo) AS not_demo`
		);
		expect(counts).toEqual({
			platforms: 3,
			branches: 3,
			usage_metrics: 4,
			campaigns: expect.any(Number),
			age_groups: 4,
			not_demo: 0
		});
		expect(Number(counts!.campaigns)).toBeGreaterThanOrEqual(4);
		const settings = await getSettings(db);
		expect(settings).toMatchObject({
			libraryName: DEMO_LIBRARY_NAME,
			timeZone: 'America/Chicago',
			demoState: 'loaded'
		});
	});

	it('is removed with one action, leaving an empty database that does not reload it', async () => {
		const db = await tempDatabase();
		const empty = await fingerprint(db);
		process.env.LANTERN_DEMO_DIR = DEMO_DIR;
		expect(await loadDemoOnFirstStart(db)).toBe(true);
		expect(await loadDemoOnFirstStart(db)).toBe(false);
		await removeDemoLibrary(db);
		const after = await fingerprint(db);
		for (const table of [
			'post_observations',
			'program_records',
			'usage_records',
			'literacy_records',
			'campaign_records'
		]) {
			expect(after[table]).toBe(empty[table]);
		}
		expect((await getSettings(db)).demoState).toBe('removed');
		expect(await loadDemoOnFirstStart(db)).toBe(false);
		delete process.env.LANTERN_DEMO_DIR;
	});

	it('is not loaded when LANTERN_DEMO=0', async () => {
		const db = await tempDatabase();
		process.env.LANTERN_DEMO = '0';
		expect(await loadDemoOnFirstStart(db)).toBe(false);
		expect((await db.query('SELECT count(*) AS n FROM import_log'))[0]).toEqual({ n: 0 });
	});
});
