/**
 * The demo library's campaigns and the true size of each one's effect. Every generator reads its
 * multipliers from here, so effects.json can never disagree with the numbers in the files.
 */
import { dayFromIso, type Day } from '../calendar';

export type Strategy =
	| 'programs_showcase'
	| 'success_stories'
	| 'community_engagement'
	| 'user_generated_content'
	| 'book_recommendations'
	| 'partner_collaborations';

/** One entry of campaigns.json, in that file's field names. */
export interface Campaign {
	name: string;
	strategy: Strategy;
	starts_on: string;
	ends_on: string;
	branches: string[];
	hashtags: string[];
	outcome_metrics: string[];
	description: string;
}

export const SUMMER_READS_2026: Campaign = {
	name: '#MapleSummerReads 2026',
	strategy: 'programs_showcase',
	starts_on: '2026-05-25',
	ends_on: '2026-08-14',
	branches: [],
	hashtags: ['MapleSummerReads'],
	outcome_metrics: ['literacy:registrations'],
	description:
		'Summer reading push across X, Facebook and Instagram: weekly program highlights, prize reveals and sign-up reminders, with Maple Valley School District sharing the posts to families.'
};

export const EASTSIDE_STORYTIME: Campaign = {
	name: 'Storytime at Eastside',
	strategy: 'programs_showcase',
	starts_on: '2025-09-01',
	ends_on: '2025-11-30',
	branches: ['Eastside'],
	hashtags: ['StorytimeAtEastside'],
	outcome_metrics: ['programs:attendance:Eastside:storytime'],
	description:
		'Photos, short reels and weekly reminders of Tuesday-morning Preschool Storytime at the Eastside branch, aimed at parents in the new Eastside housing developments.'
};

export const LIBRARY_CARD_MONTH_2025: Campaign = {
	name: 'Library Card Month 2025',
	strategy: 'partner_collaborations',
	starts_on: '2025-09-01',
	ends_on: '2025-09-30',
	branches: [],
	hashtags: ['LibraryCardMonth'],
	outcome_metrics: ['usage:new_cards'],
	description:
		'Library Card Sign-up Month with Maple Valley School District: card applications sent home in back-to-school folders, co-posted reminders and sign-up tables at school open houses.'
};

export const STAFF_PICKS_WINTER_2026: Campaign = {
	name: 'Staff Picks Winter 2026',
	strategy: 'book_recommendations',
	starts_on: '2026-01-12',
	ends_on: '2026-03-15',
	branches: [],
	hashtags: ['MVPLStaffPicks'],
	outcome_metrics: ['usage:circulation'],
	description: 'Twice-weekly staff book recommendations with shelf photos, to lift winter checkouts.'
};

export const PATRON_STORIES_2025: Campaign = {
	name: 'Patron Stories 2025',
	strategy: 'success_stories',
	starts_on: '2025-03-01',
	ends_on: '2025-04-30',
	branches: [],
	hashtags: ['MVPLstories'],
	outcome_metrics: ['usage:visits'],
	description:
		'Short patron profiles (job seekers, new readers, ESL learners) on what the library made possible, to bring lapsed visitors back.'
};

export const CAMPAIGNS: readonly Campaign[] = [
	PATRON_STORIES_2025,
	LIBRARY_CARD_MONTH_2025,
	EASTSIDE_STORYTIME,
	STAFF_PICKS_WINTER_2026,
	SUMMER_READS_2026
];

/** True multipliers, applied to the expected value before noise is drawn. */
export const EFFECT_SIZE = {
	summerRegistrations2026: 1.3,
	/** Campaign-driven sign-ups finish at half the usual rate: 1 + 0.30 × 0.5. */
	summerCompletions2026: 1.15,
	eastsideStorytime: 1.4,
	libraryCardMonthNewCards: 1.2,
	/** Engagements per post for programs_showcase campaign posts, against the same post without it. */
	programsShowcaseEngagement: 1.25
} as const;

/** Summer reading grows by itself: the counterfactual for year y is base × growth^(y − 2024). */
export const SUMMER_READING_GROWTH_PER_YEAR = 1.03;

export interface CampaignWindow {
	campaign: Campaign;
	from: Day;
	to: Day;
}

export function windowOf(campaign: Campaign): CampaignWindow {
	return { campaign, from: dayFromIso(campaign.starts_on), to: dayFromIso(campaign.ends_on) };
}

export function inWindow(day: Day, campaign: Campaign): boolean {
	const { from, to } = windowOf(campaign);
	return day >= from && day <= to;
}

export function campaignsJson(): string {
	return `${JSON.stringify({ campaigns: CAMPAIGNS }, null, 2)}\n`;
}
