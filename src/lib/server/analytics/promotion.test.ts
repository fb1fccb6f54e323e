import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, tempDatabase } from '../db/test-support';
import { loadDemoLibrary } from '../demo';
import { campaignSummaries } from './campaigns';
import { campaignPromotionComparisons } from './promotion';

describe('promoted against comparable programs', () => {
	it('says plainly that one promoted storytime cannot be compared by permutation', async () => {
		const db = await tempDatabase();
		await loadDemoLibrary(db, join(REPO_ROOT, 'data/demo'));
		const campaign = (await campaignSummaries(db)).find((c) => c.name === 'Storytime at Eastside')!;
		const [comparison] = await campaignPromotionComparisons(db, campaign);
		expect(comparison!.metric).toBe('programs:attendance:Eastside:storytime');
		expect(comparison!.result.ok).toBe(false);
		if (comparison!.result.ok) return;
		expect(comparison!.result.reason).toMatch(/^Not enough data to estimate: 1 promoted program/);
		expect(comparison!.result.warnings.join(' ')).not.toMatch(/before the promotion start/);
	});
});
