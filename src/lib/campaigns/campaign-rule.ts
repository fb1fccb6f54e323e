import { z } from 'zod';
import type { Strategy } from './strategy';

/**
 * A campaign as the assignment rules see it. The domain's CampaignInput has the window and the
 * hashtags; the other matching fields live here until the domain schema carries them.
 */
export interface CampaignRule {
	id: string;
	name: string;
	strategy: Strategy;
	/** Calendar dates in the library's time zone, both days included. */
	startsOn: string;
	endsOn: string;
	hashtags: string[];
	/** Words or phrases, matched as whole words, case-insensitive; a trailing '*' matches any ending. */
	keywords: string[];
	/** Hosts such as "maplevalley.libcal.com"; subdomains match too. */
	linkDomains: string[];
	/** Values of a link's utm_campaign parameter, such as "summer-reading-2025". */
	utmCampaigns: string[];
	/** Accounts whose '@' mention puts a post in the campaign, such as "MVSchools". */
	partnerAccounts: string[];
}

/** Staff's hand decision for one post and one campaign; it outlasts re-imports and rule edits. */
export interface ManualDecision {
	campaignId: string;
	platform: string;
	postId: string;
	action: 'add' | 'remove';
}

const entries = z.array(z.string().trim().min(1).max(200)).default([]);

/** The matching fields to add to the campaign file format (snake_case, like CampaignInput). */
export const CampaignMatchingInput = z.object({
	keywords: entries,
	link_domains: entries,
	utm_campaigns: entries,
	partner_accounts: z.array(z.string().trim().min(1).max(100).transform((handle) => handle.replace(/^@+/, ''))).default([])
});
export type CampaignMatchingInput = z.infer<typeof CampaignMatchingInput>;
