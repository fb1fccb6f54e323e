/**
 * The Impact panel says when its result depends on the model (issue 15, item 3): on AirPassengers
 * with a fake 1955 start, where a level change alone reads +7% and a level and trend change −7%,
 * and never on the demo library's campaigns, whose specifications agree.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { demoDatabase, tempDatabase } from '../db/test-support';
import { importAny } from '../ingest/import-any';
import { campaignSummaries } from './campaigns';
import { campaignImpact, impactForMetric } from './impact';
import { AIR_PASSENGERS } from '../../stats/public-series';

describe('model sensitivity in the Impact panel', () => {
	it('says AirPassengers with a fake 1955 start depends on the model, in the paragraph and the panel data', async () => {
		const db = await tempDatabase();
		const folder = mkdtempSync(join(tmpdir(), 'lantern-air-'));
		const rows = AIR_PASSENGERS.map((value, i) => {
			const month = 1949 * 12 + i;
			return `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}-01,month,Central,visits,${value}`;
		});
		writeFileSync(join(folder, 'usage.csv'), ['period_start,period,branch,metric,value', ...rows].join('\n'));
		await importAny(db, join(folder, 'usage.csv'), { fileName: 'usage.csv' });
		const panel = (await impactForMetric(db, 'usage:visits', { start: '1955-01-01' }))!;
		expect(panel.result.ok).toBe(true);
		expect(panel.sensitivity?.dependsOnModel).toBe(true);
		expect(panel.paragraph).toContain(
			'This result depends on the model: with a level change and 2 seasonal pairs it reads +7% (+3% to +12%), with a level and trend change and 2 seasonal pairs −7% (−12% to −1%)'
		);
		expect(panel.sensitivity!.alternatives.map((a) => a.kind)).toEqual(['main', 'its', 'its', 'its']);
	});

	describe('on the demo library', () => {
		let db: Database;
		beforeAll(async () => {
			db = await demoDatabase();
		});

		it('compares every campaign estimate with other specifications and flags none of them', async () => {
			for (const campaign of await campaignSummaries(db))
				for (const panel of await campaignImpact(db, campaign)) {
					if (!panel.result.ok) continue;
					expect(panel.sensitivity!.alternatives.length, panel.metric).toBeGreaterThanOrEqual(2);
					expect(panel.sensitivity!.dependsOnModel, panel.metric).toBe(false);
					expect(panel.paragraph).not.toContain('depends on the model');
				}
		});

		it('shows the Eastside storytime cross-check beside the estimate, and they agree', async () => {
			const campaign = (await campaignSummaries(db)).find((c) => c.name === 'Storytime at Eastside')!;
			const [panel] = (await campaignImpact(db, campaign)).filter(
				(p) => p.metric === 'programs:attendance:Eastside:storytime'
			);
			const check = panel!.sensitivity!.alternatives.find((a) => a.kind === 'cross-check')!;
			expect(check.label).toBe('Cross-check against Central, Riverside');
			// With empty weeks kept on their own scale the cross-check reads about +56% (+19% to +127%);
			// under log(y + 1) it read +21% (−41% to +204%) against the estimate's +73%.
			expect(check.lower).toBeGreaterThan(0);
			expect(panel!.sensitivity!.sentences).toEqual([]);
		});
	});
});
