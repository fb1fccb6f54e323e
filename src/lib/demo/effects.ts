/** The answer key: which effects the demo files contain, how big, where, and how they landed. */
import { dayFromIso } from '../calendar';
import {
	CAMPAIGNS,
	EASTSIDE_STORYTIME,
	EFFECT_SIZE,
	LIBRARY_CARD_MONTH_2025,
	PATRON_STORIES_2025,
	STAFF_PICKS_WINTER_2026,
	SUMMER_READING_GROWTH_PER_YEAR,
	SUMMER_READS_2026,
	inWindow,
	type Campaign,
	type Strategy
} from './campaigns';
import type { Platform } from './captions';
import { FILE_NAMES, LIBRARY, SPAN } from './library';
import type { LibcalResult } from './libcal';
import type { LiteracyResult } from './literacy';
import { BASE_POSTS_PER_DAY, CAMPAIGN_EXTRA_POSTS_PER_DAY, type PlannedPost } from './posts';
import type { UsageResult } from './usage';

export interface DemoWindow {
	from: string;
	to: string;
}

export interface DemoEffect {
	campaign: string;
	strategy: Strategy;
	/** Lantern's metric key, as in campaigns.json `outcome_metrics`. */
	metric: string;
	branch: string | null;
	window: DemoWindow;
	/** The true multiplier, applied to the expected value before noise. */
	multiplier: number;
	files: string[];
	how: string;
	/** Observed ÷ expected-without-campaign over the affected cells of this seed; null if not tallied. */
	realized: number | null;
}

export type DemoNoEffect = Omit<DemoEffect, 'multiplier'>;

export interface DemoEffects {
	seed: number;
	library: {
		name: string;
		timeZone: string;
		branches: string[];
		from: string;
		to: string;
		accounts: { x: string; facebookPageId: string; instagramAccountId: string; instagramUsername: string };
	};
	files: { name: string; rows: number; what: string }[];
	effects: DemoEffect[];
	noEffect: DemoNoEffect[];
	social: {
		basePostsPerDay: Record<Platform, { weekday: number; weekend: number }>;
		campaignExtraPostsPerDay: Record<Platform, number>;
		/** Posts per day on all three platforms together, on days when no campaign runs. */
		postsPerDayOutsideCampaigns: number;
		campaignPosts: {
			campaign: string;
			hashtags: string[];
			x: number;
			facebook: number;
			instagram: number;
			/** Posts per day on all three platforms together inside the window. */
			postsPerDayInWindow: number;
		}[];
	};
}

export interface GeneratedParts {
	posts: readonly PlannedPost[];
	files: { name: string; rows: number; what: string }[];
	libcal: LibcalResult;
	usage: UsageResult;
	literacy: LiteracyResult;
}

const windowOf = (campaign: Campaign): DemoWindow => ({ from: campaign.starts_on, to: campaign.ends_on });
const SOCIAL_FILES = [FILE_NAMES.x, FILE_NAMES.facebook, FILE_NAMES.instagram];

export function describeEffects(seed: number, parts: GeneratedParts): DemoEffects {
	const { libcal, usage, literacy } = parts;
	const about = (campaign: Campaign) => ({
		campaign: campaign.name,
		strategy: campaign.strategy,
		window: windowOf(campaign)
	});
	const effects: DemoEffect[] = [
		{
			...about(SUMMER_READS_2026),
			metric: 'literacy:registrations',
			branch: null,
			multiplier: EFFECT_SIZE.summerRegistrations2026,
			files: [FILE_NAMES.summerReading],
			how: `Every 2026 weekly registrations row (all branches and age groups; the ten Mondays 2026-06-01 to 2026-08-03 all fall in the window) is drawn around ${EFFECT_SIZE.summerRegistrations2026} × the counterfactual, which is the 2024 pattern × ${SUMMER_READING_GROWTH_PER_YEAR}^(year − 2024). 2024 and 2025 had no campaign.`,
			realized: literacy.registrations2026.ratio()
		},
		{
			...about(SUMMER_READS_2026),
			metric: 'literacy:completions',
			branch: null,
			multiplier: EFFECT_SIZE.summerCompletions2026,
			files: [FILE_NAMES.summerReading],
			how: 'A knock-on of the registrations effect, not a separate push: the extra 30% of sign-ups finish at half the usual rate, so 2026 completions are 1 + 0.30 × 0.5 = 1.15 × the counterfactual.',
			realized: literacy.completions2026.ratio()
		},
		{
			...about(EASTSIDE_STORYTIME),
			metric: 'programs:attendance:Eastside:storytime',
			branch: 'Eastside',
			multiplier: EFFECT_SIZE.eastsideStorytime,
			files: [FILE_NAMES.libcal],
			how: `"Actual Attendance (In-Person)" of Eastside "Preschool Storytime" (Tuesdays 10:30, Categories "Literacy > Storytimes") is drawn around ${EFFECT_SIZE.eastsideStorytime} × the branch's usual mean with the same monthly seasonality, for sessions dated in the window. Central and Riverside storytimes in the same weeks are untouched (their realized ratio is ${libcal.otherStorytimesInWindow.ratio()?.toFixed(3)}).`,
			realized: libcal.eastsideStorytimeInWindow.ratio()
		},
		{
			...about(LIBRARY_CARD_MONTH_2025),
			metric: 'usage:new_cards',
			branch: null,
			multiplier: EFFECT_SIZE.libraryCardMonthNewCards,
			files: [FILE_NAMES.usage],
			how: `new_cards for September 2025 (period_start 2025-09-01) at all three branches is drawn around ${EFFECT_SIZE.libraryCardMonthNewCards} × the usual September level (September is already a back-to-school high every year).`,
			realized: usage.newCardsDuringCardMonth.ratio()
		},
		...[SUMMER_READS_2026, EASTSIDE_STORYTIME].map((campaign) => ({
			...about(campaign),
			metric: 'social:engagements_per_post',
			branch: campaign.branches[0] ?? null,
			multiplier: EFFECT_SIZE.programsShowcaseEngagement,
			files: SOCIAL_FILES,
			how: `Posts carrying #${campaign.hashtags[0]} inside the window (a programs_showcase campaign) get ${EFFECT_SIZE.programsShowcaseEngagement} × the engagement components of an otherwise identical post: X retweets, replies, likes and clicks; Facebook reactions, comments, shares and clicks; Instagram likes, shares, follows, comments and saves. Impressions, reach and views are not lifted.`,
			realized: null
		}))
	];

	const noEffect: DemoNoEffect[] = [
		{
			...about(STAFF_PICKS_WINTER_2026),
			metric: 'usage:circulation',
			branch: null,
			files: [FILE_NAMES.usage],
			how: 'Circulation in January-March 2026 is drawn from exactly the same seasonal baseline as every other year: no change at all. Only social posting volume rose (#MVPLStaffPicks).',
			realized: usage.circulationDuringStaffPicks.ratio()
		},
		{
			...about(PATRON_STORIES_2025),
			metric: 'usage:visits',
			branch: null,
			files: [FILE_NAMES.usage],
			how: 'Visits in March-April 2025 are drawn from the same seasonal baseline as every other year: no change. Only social posting volume rose (#MVPLstories).',
			realized: usage.visitsDuringPatronStories.ratio()
		}
	];

	return {
		seed,
		library: {
			name: LIBRARY.name,
			timeZone: LIBRARY.timeZone,
			branches: [...LIBRARY.branches],
			from: LIBRARY.from,
			to: LIBRARY.to,
			accounts: {
				x: `@${LIBRARY.accounts.x.handle}`,
				facebookPageId: LIBRARY.accounts.facebook.pageId,
				instagramAccountId: LIBRARY.accounts.instagram.accountId,
				instagramUsername: LIBRARY.accounts.instagram.username
			}
		},
		files: parts.files,
		effects,
		noEffect,
		social: {
			basePostsPerDay: BASE_POSTS_PER_DAY,
			campaignExtraPostsPerDay: CAMPAIGN_EXTRA_POSTS_PER_DAY,
			postsPerDayOutsideCampaigns: postsPerDayOutsideCampaigns(parts.posts),
			campaignPosts: campaignPostCounts(parts.posts)
		}
	};
}

function campaignPostCounts(posts: readonly PlannedPost[]): DemoEffects['social']['campaignPosts'] {
	return CAMPAIGNS.map((campaign) => {
		const count = (platform: Platform) =>
			posts.filter((post) => post.campaign === campaign && post.platform === platform).length;
		const from = dayFromIso(campaign.starts_on);
		const to = dayFromIso(campaign.ends_on);
		const inWindow = posts.filter((post) => post.day >= from && post.day <= to).length;
		return {
			campaign: campaign.name,
			hashtags: campaign.hashtags,
			x: count('x'),
			facebook: count('facebook'),
			instagram: count('instagram'),
			postsPerDayInWindow: round2(inWindow / (to - from + 1))
		};
	});
}

function postsPerDayOutsideCampaigns(posts: readonly PlannedPost[]): number {
	const quiet = (day: number) => !CAMPAIGNS.some((campaign) => inWindow(day, campaign));
	let days = 0;
	for (let day = SPAN.from; day <= SPAN.to; day++) if (quiet(day)) days++;
	return round2(posts.filter((post) => quiet(post.day)).length / days);
}

const round2 = (value: number) => Math.round(value * 100) / 100;
