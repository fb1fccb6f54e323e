/**
 * When the library posts and about what. Campaign windows add posts on the campaign's topic, and
 * every post on that topic inside the window carries the campaign hashtag.
 */
import { dayParts, utcFromWallClock, weekday, type Day } from '../calendar';
import {
	CAMPAIGNS,
	EASTSIDE_STORYTIME,
	EFFECT_SIZE,
	LIBRARY_CARD_MONTH_2025,
	PATRON_STORIES_2025,
	STAFF_PICKS_WINTER_2026,
	SUMMER_READS_2026,
	inWindow,
	type Campaign
} from './campaigns';
import { caption, type Platform, type Topic } from './captions';
import { BRANCHES, LIBRARY, SPAN, type Branch } from './library';
import type { Random } from './random';

export interface PlannedPost {
	platform: Platform;
	utcMs: number;
	day: Day;
	topic: Topic;
	campaign: Campaign | null;
	text: string;
	/** Posts a link (X url clicks; Facebook `Links`). */
	hasLink: boolean;
	/** Carries a photo or video (X media views). */
	hasMedia: boolean;
	/** Engagement multiplier from the campaign strategy (1 for ordinary posts). */
	engagementLift: number;
}

/** Posts per day on an ordinary weekday and weekend day. */
export const BASE_POSTS_PER_DAY: Record<Platform, { weekday: number; weekend: number }> = {
	x: { weekday: 1.0, weekend: 0.55 },
	facebook: { weekday: 0.65, weekend: 0.4 },
	instagram: { weekday: 0.42, weekend: 0.35 }
};

/** Extra posts per day, per platform, while a campaign runs. */
export const CAMPAIGN_EXTRA_POSTS_PER_DAY: Record<Platform, number> = { x: 0.5, facebook: 0.35, instagram: 0.25 };

const CAMPAIGN_TOPIC = new Map<Campaign, { topic: Topic; branch?: Branch }>([
	[SUMMER_READS_2026, { topic: 'summer_reading' }],
	[EASTSIDE_STORYTIME, { topic: 'storytime', branch: 'Eastside' }],
	[LIBRARY_CARD_MONTH_2025, { topic: 'library_card' }],
	[STAFF_PICKS_WINTER_2026, { topic: 'book_pick' }],
	[PATRON_STORIES_2025, { topic: 'patron_story' }]
]);

/** Everyday hashtags by topic; used on some ordinary posts. */
const TOPIC_TAGS: Partial<Record<Topic, string[]>> = {
	storytime: ['MVPLkids'],
	technology: ['DigitalLiteracy'],
	author_talk: ['MVPLreads', 'AuthorTalk'],
	book_pick: ['MVPLreads'],
	summer_reading: ['MapleSummerReads'],
	library_card: ['LibraryCardMonth'],
	digital: ['MVPLdigital']
};

/** Posting hours, local time: mornings, lunch and early evening. */
const HOURS: readonly (readonly [number, number])[] = [
	[8, 3],
	[9, 8],
	[10, 8],
	[11, 6],
	[12, 8],
	[13, 5],
	[14, 4],
	[15, 4],
	[16, 5],
	[17, 7],
	[18, 7],
	[19, 5],
	[20, 3]
];

export function planPosts(random: Random): PlannedPost[] {
	const posts: PlannedPost[] = [];
	for (const platform of ['x', 'facebook', 'instagram'] as const) {
		const draw = random.fork(platform);
		for (let day = SPAN.from; day <= SPAN.to; day++) {
			const weekend = weekday(day) === 0 || weekday(day) === 6;
			const rate = BASE_POSTS_PER_DAY[platform][weekend ? 'weekend' : 'weekday'];
			const active = CAMPAIGNS.filter((campaign) => inWindow(day, campaign));
			const ordinary = draw.poisson(rate);
			for (let i = 0; i < ordinary; i++) posts.push(post(platform, day, ordinaryTopic(platform, day, draw), draw));
			for (const campaign of active) {
				const extra = draw.poisson(CAMPAIGN_EXTRA_POSTS_PER_DAY[platform]);
				const subject = CAMPAIGN_TOPIC.get(campaign);
				for (let i = 0; i < extra && subject; i++) {
					posts.push(
						post(platform, day, { topic: subject.topic, branch: subject.branch ?? draw.pick(BRANCHES) }, draw)
					);
				}
			}
		}
	}
	return posts.sort((a, b) => a.utcMs - b.utcMs);
}

function ordinaryTopic(platform: Platform, day: Day, draw: Random): { topic: Topic; branch: Branch } {
	const { month } = dayParts(day);
	const summer = month >= 6 && month <= 8 ? 16 : month === 5 ? 5 : 0;
	const weights: [Topic, number][] = [
		['storytime', 10],
		['technology', 6],
		['author_talk', [2, 4, 10, 11].includes(month) ? 6 : 1],
		['book_pick', 14],
		['patron_story', 3],
		['reply', platform === 'x' ? 14 : 0],
		['partner', 6],
		['hours', month === 11 || month === 12 ? 7 : 3],
		['summer_reading', summer],
		['library_card', month === 9 ? 8 : 1],
		['digital', 6]
	];
	return { topic: draw.weighted(weights.filter(([, weight]) => weight > 0)), branch: draw.pick(BRANCHES) };
}

/** The campaign a post belongs to: its topic (and branch) match a campaign running that day. */
function campaignFor(day: Day, topic: Topic, branch: Branch): Campaign | null {
	for (const [campaign, subject] of CAMPAIGN_TOPIC) {
		if (subject.topic === topic && (!subject.branch || subject.branch === branch) && inWindow(day, campaign)) {
			return campaign;
		}
	}
	return null;
}

function post(platform: Platform, day: Day, subject: { topic: Topic; branch: Branch }, draw: Random): PlannedPost {
	const { topic, branch } = subject;
	const campaign = campaignFor(day, topic, branch);
	const hour = topic === 'reply' ? draw.integer(8, 21) : draw.weighted(HOURS);
	const minute = draw.chance(0.4) ? draw.pick([0, 30]) : draw.integer(0, 59);
	const utcMs = utcFromWallClock(day, hour * 60 + minute, LIBRARY.timeZone) + draw.integer(0, 59_999);
	const hasLink =
		topic !== 'reply' && (platform === 'x' ? draw.chance(0.35) : platform === 'facebook' && draw.chance(0.2));
	const hasMedia = topic !== 'reply' && !hasLink && (platform !== 'x' || draw.chance(0.75));
	const hashtags = campaign ? [...campaign.hashtags] : everydayTags(topic, draw);
	if (campaign === null && topic === 'storytime' && branch === 'Eastside' && draw.chance(0.15))
		hashtags.push('StorytimeAtEastside');
	const link = hasLink ? shortLink(platform, topic, draw) : null;
	const text = caption({ random: draw, platform, topic, branch, day, campaign, link }, hashtags);
	const lift = campaign?.strategy === 'programs_showcase' ? EFFECT_SIZE.programsShowcaseEngagement : 1;
	return { platform, utcMs, day, topic, campaign, text, hasLink, hasMedia, engagementLift: lift };
}

function everydayTags(topic: Topic, draw: Random): string[] {
	const tags = TOPIC_TAGS[topic];
	if (!tags || !draw.chance(0.45)) return [];
	return draw.chance(0.5) ? [...tags] : tags.slice(0, 1);
}

const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

const LINK_PATH: Record<Topic, string> = {
	storytime: 'events/storytime',
	technology: 'events/tech',
	author_talk: 'events/authors',
	book_pick: 'catalog/staff-picks',
	patron_story: 'stories',
	reply: '',
	partner: 'partners',
	hours: 'hours',
	summer_reading: 'summer',
	library_card: 'get-a-card',
	digital: 'digital'
};

/** X shows t.co short links; Facebook shows the library's own URL. */
function shortLink(platform: Platform, topic: Topic, draw: Random): string {
	return platform === 'x'
		? `https://t.co/${draw.text(ALPHANUMERIC, 10)}`
		: `https://maplevalleypl.org/${LINK_PATH[topic]}`;
}
