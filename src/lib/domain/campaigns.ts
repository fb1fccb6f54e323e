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

/** A list of words or values staff type; each entry trimmed, none empty. */
const words = (max: number) => z.array(z.string().trim().min(1).max(max)).default([]);

/**
 * What a campaign is, wherever it comes from: a campaigns JSON file, the command line or the
 * campaign form. Messages read as sentences beside a form field and after a file's row and column.
 */
export const CampaignInput = z
	.object({
		name: z.string().trim().min(1, 'Write a name for the campaign.').max(200, 'Keep the name under 200 characters.'),
		strategy: z.enum(STRATEGIES, { error: 'Choose one of the strategies.' }),
		starts_on: IsoDate,
		/** absent or null: the campaign is ongoing */
		ends_on: IsoDate.nullish().transform((date) => date ?? null),
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
		description: z.string().max(2000, 'Keep the description under 2,000 characters.').optional(),
		keywords: words(200),
		link_domains: words(200),
		utm_campaigns: words(200),
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
		/** titles of imported programs the campaign promotes, whatever posts say */
		promoted_programs: words(300),
		/** money spent, for cost per engagement */
		budget: z.number().nonnegative('The budget cannot be negative.').optional()
	})
	.refine((campaign) => campaign.ends_on === null || campaign.ends_on >= campaign.starts_on, {
		message: 'The end date is before the start date.',
		path: ['ends_on'],
		// Checked whenever both dates are readable, so a form shows it beside the other fields' problems.
		when: ({ value }) => {
			const dates = value as { starts_on?: unknown; ends_on?: unknown };
			return IsoDate.safeParse(dates.starts_on).success && IsoDate.nullish().safeParse(dates.ends_on).success;
		}
	});
export type CampaignInput = z.infer<typeof CampaignInput>;

export const CampaignFile = z.object({ campaigns: z.array(CampaignInput).min(1) });

export interface CampaignPeriod {
	name: string;
	strategy: string;
	startsOn: string;
	endsOn: string;
}
