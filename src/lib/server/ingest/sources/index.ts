import type { SourceSpec } from '../source';
import { imlsPlsStateSummary } from './imls-pls';
import { imlsPlsAdministrativeEntity } from './imls-pls-ae';
import { libinsightGateCounts } from './libinsight-gate';
import { projectOutcomeResponses } from './project-outcome';
import { libcalRegistrants, readerLevelSummerReading } from './reader-level';
import { libcalEvents } from './libcal-events';
import { mastodonOutbox } from './mastodon';
import { blueskyRepo } from './bluesky';
import {
	linkedinCreatorEngagement,
	linkedinPageFollowers,
	linkedinPageMetrics,
	linkedinPagePosts,
	linkedinPageVisitors
} from './linkedin';
import { literacyTemplate, usageTemplate } from './library-templates';
import { metaInsightsResults, metaLegacyInsights } from './meta-legacy';
import { metaInstagramPosts, metaInstagramStories } from './meta-instagram';
import { metaFacebookPosts } from './meta-posts';
import { tiktokContent, tiktokFollowers, tiktokOverview, tiktokStudioContent, tiktokViewers } from './tiktok';
import { xArchiveAccount, xArchiveFollowing, xArchiveTweets, xArchiveTweetsCsv, xArchiveNoteTweets } from './x-archive';
import { xLegacyTweets } from './x-legacy-tweets';
import { xLegacyDaily, xPremiumContent, xPremiumOverview, xVideoOverview } from './x-premium';
import { youtubeDailyViews, youtubeTableData } from './youtube';

/** Every format Lantern accepts, most specific anchors first: the first match wins. */
export const SOURCES: readonly SourceSpec[] = [
	xLegacyTweets,
	xLegacyDaily,
	xPremiumContent,
	xPremiumOverview,
	xVideoOverview,
	xArchiveTweetsCsv,
	xArchiveTweets,
	xArchiveAccount,
	xArchiveFollowing,
	xArchiveNoteTweets,
	metaFacebookPosts,
	metaInstagramStories,
	metaInstagramPosts,
	metaLegacyInsights,
	metaInsightsResults,
	tiktokFollowers,
	tiktokOverview,
	tiktokViewers,
	youtubeTableData,
	tiktokStudioContent,
	tiktokContent,
	linkedinCreatorEngagement,
	linkedinPageMetrics,
	linkedinPagePosts,
	linkedinPageFollowers,
	linkedinPageVisitors,
	mastodonOutbox,
	blueskyRepo,
	libcalRegistrants,
	libcalEvents,
	readerLevelSummerReading,
	imlsPlsStateSummary,
	imlsPlsAdministrativeEntity,
	libinsightGateCounts,
	projectOutcomeResponses,
	literacyTemplate,
	usageTemplate,
	youtubeDailyViews
] as SourceSpec[];
