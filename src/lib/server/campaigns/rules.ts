import type { CampaignInput, Strategy } from '../../domain/campaigns';
import { LATEST_DATE } from '../../domain/dates';

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

/** A campaign with no end date yet matches posts up to the last date Lantern accepts. */
export const ONGOING_UNTIL = LATEST_DATE;

/** The rules of a campaign as written (a file's entry, the campaign form), under this ID. */
export function campaignRule(id: string, campaign: CampaignInput): CampaignRule {
	return {
		id,
		name: campaign.name,
		strategy: campaign.strategy,
		startsOn: campaign.starts_on,
		endsOn: campaign.ends_on ?? ONGOING_UNTIL,
		hashtags: campaign.hashtags,
		keywords: campaign.keywords,
		linkDomains: campaign.link_domains,
		utmCampaigns: campaign.utm_campaigns,
		partnerAccounts: campaign.partner_accounts
	};
}
