import type { DashboardContext } from './dashboard-filters';
import type { CampaignLink } from './dashboards';

/** Posts, impressions, reach and engagements of one platform (null: all together), in the range and before. */
export interface PlatformFigures {
	platform: string | null;
	posts: number;
	impressions: number | null;
	reach: number | null;
	engagements: number | null;
	/** engagements and impressions of the posts that report both, for the engagement rate */
	ratedEngagements: number | null;
	ratedImpressions: number | null;
	previousPosts: number;
	previousImpressions: number | null;
	previousEngagements: number | null;
	previousRatedEngagements: number | null;
	previousRatedImpressions: number | null;
}

export interface RankedPost {
	platform: string;
	postId: string;
	publishedAt: string;
	text: string | null;
	permalink: string | null;
	postType: string | null;
	impressions: number | null;
	reach: number | null;
	engagements: number | null;
	engagementRate: number | null;
}

/** Posts published in one hour of one weekday (library time), and their engagement rate. */
export interface PostingSlot {
	/** 0 Monday … 6 Sunday */
	weekday: number;
	hour: number;
	posts: number;
	engagementRate: number | null;
}

export interface FormatFigures {
	platform: string;
	format: string;
	posts: number;
	impressions: number | null;
	engagements: number | null;
	engagementRate: number | null;
}

export interface FollowerPoint {
	platform: string;
	week: string;
	followers: number;
}

export interface SocialDashboard {
	context: DashboardContext;
	platforms: PlatformFigures[];
	top: RankedPost[];
	bottom: RankedPost[];
	slots: PostingSlot[];
	formats: FormatFigures[];
	followers: FollowerPoint[];
	apart: { stories: number; collaborations: number };
	campaigns: CampaignLink[];
	hasPosts: boolean;
	hasAccountData: boolean;
	/** the fewest impressions a post needs to be ranked, so that a post seen 12 times cannot top the list */
	rankingFloor: number;
}

/** Engagements ÷ impressions, over the posts that report both: the one engagement rate Lantern shows. */
export const engagementRate = (engagements: number | null, impressions: number | null) =>
	impressions ? (engagements ?? 0) / impressions : null;
