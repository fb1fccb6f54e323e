import { z } from 'zod';
import { STRATEGIES } from '../../domain/campaigns';
import type { Database } from '../db/database';
import { relinkCampaigns } from './relink';

export const PostDecision = z.object({
	platform: z.string().trim().min(1).max(40),
	postId: z.string().trim().min(1).max(100),
	action: z.enum(['add', 'remove'])
});

/** Staff put a post in a campaign or take it out; the decision outlives re-imports and rule edits. */
export async function decideCampaignPost(
	db: Database,
	campaignId: number,
	decision: z.infer<typeof PostDecision>
): Promise<string | null> {
	const [campaign] = await db.query<{ name: string }>('SELECT name FROM campaigns WHERE campaign_id = $1', [
		campaignId
	]);
	if (!campaign) return `Campaign ${campaignId} does not exist.`;
	const [post] = await db.query('SELECT 1 AS found FROM posts WHERE platform = $1 AND post_id = $2', [
		decision.platform,
		decision.postId
	]);
	if (!post) return `No ${decision.platform} post ${decision.postId} has been imported.`;
	await db.query('INSERT INTO campaign_post_decisions VALUES ($1, $2, $3, $4, now())', [
		campaign.name,
		decision.platform,
		decision.postId,
		decision.action
	]);
	await relinkCampaigns(db);
	return null;
}

export const StrategyCorrectionForm = z.object({
	platform: z.string().trim().min(1).max(40),
	postId: z.string().trim().min(1).max(100),
	strategy: z.enum(STRATEGIES)
});

/** Staff correct a post's strategy; corrections are kept and measure the classifier. */
export async function correctStrategy(db: Database, correction: z.infer<typeof StrategyCorrectionForm>): Promise<void> {
	await db.query('INSERT INTO strategy_corrections VALUES ($1, $2, $3, now())', [
		correction.platform,
		correction.postId,
		correction.strategy
	]);
	await relinkCampaigns(db);
}
