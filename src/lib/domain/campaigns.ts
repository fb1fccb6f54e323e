import { z } from 'zod';
import { IsoDate } from './dates';

export type Strategy = (typeof STRATEGIES)[number];

export const STRATEGIES = [
	'programs_showcase',
	'success_stories',
	'community_engagement',
	'user_generated_content',
	'book_recommendations',
	'partner_collaborations'
] as const;

export const STRATEGY_LABELS: Record<(typeof STRATEGIES)[number], string> = {
	programs_showcase: 'Programs and events showcase',
	success_stories: 'Success stories',
	community_engagement: 'Community engagement',
	user_generated_content: 'User-generated content',
	book_recommendations: 'Book recommendations and reviews',
	partner_collaborations: 'Partner collaborations'
};

export const CampaignInput = z
	.object({
		name: z.string().trim().min(1).max(200),
		strategy: z.enum(STRATEGIES),
		starts_on: IsoDate,
		ends_on: IsoDate,
		branches: z.array(z.string().trim().min(1)).default([]),
		hashtags: z
			.array(
				z
					.string()
					.trim()
					.min(1)
					.transform((tag) => tag.replace(/^#/, '').toLowerCase())
			)
			.default([]),
		outcome_metrics: z.array(z.string().trim().min(1)).default([]),
		description: z.string().max(2000).optional(),
		keywords: z.array(z.string().trim().min(1).max(200)).default([]),
		link_domains: z.array(z.string().trim().min(1).max(200)).default([]),
		utm_campaigns: z.array(z.string().trim().min(1).max(200)).default([]),
		partner_accounts: z
			.array(
				z
					.string()
					.trim()
					.min(1)
					.max(100)
					.transform((handle) => handle.replace(/^@+/, ''))
			)
			.default([]),
		/** money spent, for cost per engagement */
		budget: z.number().nonnegative().optional()
	})
	.refine((campaign) => campaign.ends_on >= campaign.starts_on, {
		message: 'ends_on is before starts_on',
		path: ['ends_on']
	});
export type CampaignInput = z.infer<typeof CampaignInput>;

export const CampaignFile = z.object({ campaigns: z.array(CampaignInput).min(1) });

export interface CampaignPeriod {
	name: string;
	strategy: string;
	startsOn: string;
	endsOn: string;
}
