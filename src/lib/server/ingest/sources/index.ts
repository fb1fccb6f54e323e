import type { SourceSpec } from '../source';
import { libcalEvents } from './libcal-events';
import { literacyTemplate, usageTemplate } from './library-templates';
import { metaFacebookPosts, metaInstagramPosts } from './meta-posts';
import { xLegacyTweets } from './x-legacy-tweets';

/** Every format Lantern accepts, most specific anchors first. */
export const SOURCES: readonly SourceSpec[] = [
	xLegacyTweets,
	metaFacebookPosts,
	metaInstagramPosts,
	libcalEvents,
	literacyTemplate,
	usageTemplate
] as SourceSpec[];
