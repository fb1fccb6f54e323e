import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { demoDatabase, SOURCE_FIXTURES, tempDatabase } from '../db/test-support';
import { importFile } from '../ingest/pipeline';
import { saveSettings } from '../settings';
import { outcomeSeries } from './campaigns';
import { getSettings } from '../settings';
import { demoGateRise, demoRows } from './demo-files';
import { doorCounts, libraryDashboard, peerBenchmark, surveyOutcomes } from './library';

describe('library data', () => {
	let db: Database;
	beforeAll(async () => {
		db = await demoDatabase();
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

	it('the Library page narrows door counts and survey answers to its range and branch, against the demo files', async () => {
		const { gateCountsBidirectional } = await getSettings(db);
		const gate = demoRows('libinsight_gate_counts_2025-11_2026-10.csv');
		const visitsAt = (branch: string | null, from: string, to: string) =>
			gate
				.filter((row) => (branch === null || row.branch === branch) && row.date! >= from && row.date! <= to)
				.reduce((sum, row) => sum + demoGateRise(row.gate_start!, row.gate_end!), 0) /
			(gateCountsBidirectional ? 2 : 1);
		const page = await libraryDashboard(db, {
			from: '2026-03-01',
			to: '2026-05-31',
			compare: 'previous',
			filters: { branch: 'Eastside' }
		});
		expect(page.context.range).toEqual({ from: '2026-03-01', to: '2026-05-31' });
		expect(new Set(page.doors.map((d) => d.branch))).toEqual(new Set(['Eastside']));
		expect(page.doors).toHaveLength(92);
		expect(page.doors.reduce((sum, d) => sum + d.visits, 0)).toBeCloseTo(
			visitsAt('Eastside', '2026-03-01', '2026-05-31'),
			6
		);
		// Every branch's colour comes from the whole list, so Eastside keeps its colour when alone.
		expect(page.branches).toEqual(['Central', 'Eastside', 'Riverside']);
		for (const campaign of page.campaigns) {
			expect(campaign.startsOn <= '2026-05-31' && campaign.endsOn >= '2026-03-01').toBe(true);
		}

		// Survey answers dated in the range at the branch, counted per statement from the file.
		const answers = demoRows('project_outcome_responses_2026.csv').filter(
			(row) => row.Branch === 'Eastside' && row.Date! >= '2026-03-01' && row.Date! <= '2026-05-31'
		);
		expect(answers.length).toBeGreaterThan(0);
		const statement = 'I learned something new that is helpful.';
		for (const topic of new Set(answers.map((row) => row['Survey Topic']!))) {
			const ofTopic = answers.filter((row) => row['Survey Topic'] === topic && row[statement] !== '');
			const agree = ofTopic.filter((row) => /^(Strongly )?Agree$/.test(row[statement]!)).length;
			const knowledge = page.surveys.find((s) => s.topic === topic && s.outcome === 'knowledge')!;
			expect(knowledge.responses, topic).toBe(ofTopic.length);
			expect(knowledge.agreeShare!, topic).toBeCloseTo(agree / ofTopic.length, 10);
		}

		// With no range, the 12 months to the newest door count or answer; every branch.
		const everything = await libraryDashboard(db, { compare: 'previous', filters: {} });
		expect(everything.context.range).toEqual({ from: '2025-11-01', to: '2026-10-31' });
		expect(everything.doors.reduce((sum, d) => sum + d.visits, 0)).toBeCloseTo(
			visitsAt(null, '2025-11-01', '2026-10-31'),
			6
		);
	});

	it('says what to do when the library has not chosen its FSCSKEY', async () => {
		const fresh = await tempDatabase();
		await importFile(fresh, join(SOURCE_FIXTURES, 'pls_fy2019_ae_pud19i.csv'));
		expect(await peerBenchmark(fresh)).toMatchObject({ missing: expect.stringContaining('Settings') });
	});
});
