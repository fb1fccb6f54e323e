import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { REPO_ROOT, SOURCE_FIXTURES, tempDatabase } from '../db/test-support';
import { loadDemoLibrary } from '../demo';
import { importFile } from '../ingest/pipeline';
import { saveSettings } from '../settings';
import { outcomeSeries } from './campaigns';
import { doorCounts, peerBenchmark, surveyOutcomes } from './library';

describe('library data', () => {
	let db: Database;
	beforeAll(async () => {
		db = await tempDatabase();
		await loadDemoLibrary(db, join(REPO_ROOT, 'data/demo'));
	});

	it('shows the demo door counts without counting visits twice in the monthly series', async () => {
		const days = await doorCounts(db);
		expect(new Set(days.map((d) => d.branch))).toEqual(new Set(['Central', 'Eastside', 'Riverside']));
		expect(days.length).toBe(365 * 3);
		const monthly = (await outcomeSeries(db, 'usage:visits'))!;
		expect(monthly.points).toHaveLength(36);
		const [fromMonthlyFile] = await db.query<{ v: number }>(
			`SELECT sum(value) AS v FROM usage WHERE metric = 'visits' AND period = 'month' AND period_start = DATE '2026-03-01'`
		);
		expect(monthly.points.find((p) => p.periodStart === '2026-03-01')!.value).toBe(fromMonthlyFile!.v);
	});

	it('summarises survey agreement by topic and outcome', async () => {
		const outcomes = await surveyOutcomes(db);
		expect(new Set(outcomes.map((o) => o.topic))).toEqual(
			new Set(['Digital Learning', 'Early Childhood Literacy', 'Summer Reading'])
		);
		for (const o of outcomes) {
			expect(o.agreeShare!).toBeGreaterThan(0.4);
			expect(o.agreeShare!).toBeLessThanOrEqual(1);
			expect(o.meanScore!).toBeGreaterThan(3);
		}
	});

	it('compares the library with peers in its state and population band, or hand-picked ones', async () => {
		const auto = await peerBenchmark(db);
		if ('missing' in auto) throw new Error(auto.missing);
		expect(auto).toMatchObject({ library: 'Maple Valley Public Library', state: 'IL', fiscalYear: 2024 });
		expect(auto.peerNames.length).toBeGreaterThanOrEqual(5);
		const visits = auto.measures.find((m) => m.measure === 'visits')!;
		expect(visits.q1!).toBeLessThanOrEqual(visits.median!);
		expect(visits.median!).toBeLessThanOrEqual(visits.q3!);
		await saveSettings(db, { plsPeers: 'IL0500, IL0507' });
		const picked = await peerBenchmark(db);
		if ('missing' in picked) throw new Error(picked.missing);
		expect(picked.peerNames).toEqual(['Oak Prairie Public Library', 'Riverbend Public Library']);
		await saveSettings(db, { plsPeers: '' });
	});

	it('says what to do when the library has not chosen its FSCSKEY', async () => {
		const fresh = await tempDatabase();
		await importFile(fresh, join(SOURCE_FIXTURES, 'pls_fy2019_ae_pud19i.csv'));
		expect(await peerBenchmark(fresh)).toMatchObject({ missing: expect.stringContaining('Settings') });
	});
});
