import type { Strategy } from '../../domain/campaigns';

/** A campaign as the assignment rules see it: a stored campaign (CampaignInput) with its id, in camelCase. */
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

/** What every matcher reads of a post: campaign assignment and program promotion alike. */
export interface PostForMatching {
	platform: string;
	postId: string;
	/** ISO instant. */
	publishedAt: string;
	text: string | null;
	/** Links the post shares, when the export lists them; links written in the text are read too. */
	links?: string[];
}

/** Staff's hand decision for one post and one campaign; it outlasts re-imports and rule edits. */
export interface ManualDecision {
	campaignId: string;
	platform: string;
	postId: string;
	action: 'add' | 'remove';
}
