import { describe, expect, it } from 'vitest';
import { demoDatabase } from '../db/test-support';
import { campaignSummaries } from './campaigns';
import { campaignPromotionComparisons } from './promotion';

describe('promoted against comparable programs', () => {
	it('says plainly that one promoted storytime cannot be compared by permutation', async () => {
		const db = await demoDatabase();
		const campaign = (await campaignSummaries(db)).find((c) => c.name === 'Storytime at Eastside')!;
		const [comparison] = await campaignPromotionComparisons(db, campaign);
		expect(comparison!.metric).toBe('programs:attendance:Eastside:storytime');
		expect(comparison!.result.ok).toBe(false);
		if (comparison!.result.ok) return;
		expect(comparison!.result.reason).toMatch(/^Not enough data to estimate: 1 promoted program/);
		expect(comparison!.result.warnings.join(' ')).not.toMatch(/before the promotion start/);
	});
});

describe('lagged association', () => {
	it('correlates weekly engagement with weekly storytime attendance at lags 0–8, as association', async () => {
		const { laggedAssociation } = await import('./association');
		const db = await demoDatabase();
		const association = (await laggedAssociation(db, 'programs:attendance:Eastside:storytime'))!;
		expect(association.period).toBe('week');
		expect(association.result.ok).toBe(true);
		if (!association.result.ok) return;
		expect(association.result.lags.map((l) => l.lag)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
		for (const lag of association.result.lags) expect(Math.abs(lag.correlation)).toBeLessThanOrEqual(1);
		expect(association.result.band).toBeCloseTo(1.96 / Math.sqrt(association.result.points), 2);
		// Seasonal programs (summer reading) are not paired week by week across the gaps between seasons.
		expect(await laggedAssociation(db, 'literacy:registrations')).toBeNull();
	});
});
