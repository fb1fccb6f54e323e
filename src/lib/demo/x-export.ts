/** X posts as the legacy analytics.twitter.com "tweet activity" export (likes era, 40 columns). */
import { xActivityTime } from './calendar';
import type { Topic } from './captions';
import { csvDocument } from './csv';
import { FILE_NAMES, LIBRARY, SPAN } from './library';
import type { PlannedPost } from './posts';
import type { Random } from './random';

export const X_COLUMNS = [
	'Tweet id',
	'Tweet permalink',
	'Tweet text',
	'time',
	'impressions',
	'engagements',
	'engagement rate',
	'retweets',
	'replies',
	'likes',
	'user profile clicks',
	'url clicks',
	'hashtag clicks',
	'detail expands',
	'permalink clicks',
	'app opens',
	'app installs',
	'follows',
	'email tweet',
	'dial phone',
	'media views',
	'media engagements',
	'promoted impressions',
	'promoted engagements',
	'promoted engagement rate',
	'promoted retweets',
	'promoted replies',
	'promoted likes',
	'promoted user profile clicks',
	'promoted url clicks',
	'promoted hashtag clicks',
	'promoted detail expands',
	'promoted permalink clicks',
	'promoted app opens',
	'promoted app installs',
	'promoted follows',
	'promoted email tweet',
	'promoted dial phone',
	'promoted media views',
	'promoted media engagements'
] as const;
export const X_HEADER = X_COLUMNS.map((column) => `"${column}"`).join(',');

/** Twitter's Snowflake epoch, 2010-11-04T01:42:54.657Z. */
export const SNOWFLAKE_EPOCH_MS = 1288834974657n;

/** Median impressions of an ordinary post, before topic and time trends. */
const MEDIAN_IMPRESSIONS = 420;
/** Reach on X drifts down about 10% a year. */
const YEARLY_DRIFT = 0.9;
const TOPIC_REACH: Partial<Record<Topic, number>> = {
	reply: 0.25,
	summer_reading: 1.2,
	author_talk: 1.2,
	patron_story: 1.3,
	hours: 0.9
};

/** Engagements per impression for each counted component. */
const RATE = {
	retweets: 0.0014,
	replies: 0.0006,
	likes: 0.0065,
	userProfileClicks: 0.0011,
	urlClicks: 0.012,
	hashtagClicks: 0.0009,
	detailExpands: 0.0045,
	permalinkClicks: 0.0002,
	follows: 0.00012,
	mediaEngagements: 0.006
} as const;

export function generateXActivity(
	posts: readonly PlannedPost[],
	random: Random
): { name: string; content: string; rows: number } {
	const rows = posts
		.filter((post) => post.platform === 'x')
		.map((post) => xRow(post, random))
		.reverse();
	return { name: FILE_NAMES.x, content: csvDocument(X_HEADER, rows, { style: 'always' }), rows: rows.length };
}

export function snowflakeId(utcMs: number, lowBits: number): bigint {
	return ((BigInt(utcMs) - SNOWFLAKE_EPOCH_MS) << 22n) | BigInt(lowBits);
}

function xRow(post: PlannedPost, random: Random): string[] {
	const years = (post.day - SPAN.from) / 365.25;
	const impressions = Math.max(
		15,
		Math.round(random.logNormal(MEDIAN_IMPRESSIONS * (TOPIC_REACH[post.topic] ?? 1) * YEARLY_DRIFT ** years, 0.55))
	);
	const quality = random.logNormal(1, 0.35) * post.engagementLift;
	const count = (rate: number, applies = true) => (applies ? random.poisson(impressions * rate * quality) : 0);
	const hasHashtag = post.text.includes('#');
	const parts = {
		retweets: count(RATE.retweets),
		replies: count(post.topic === 'reply' ? RATE.replies * 6 : RATE.replies),
		likes: count(RATE.likes),
		userProfileClicks: count(RATE.userProfileClicks),
		urlClicks: count(RATE.urlClicks, post.hasLink),
		hashtagClicks: count(RATE.hashtagClicks, hasHashtag),
		detailExpands: count(RATE.detailExpands),
		permalinkClicks: count(RATE.permalinkClicks),
		follows: count(RATE.follows),
		mediaEngagements: count(RATE.mediaEngagements, post.hasMedia)
	};
	const mediaViews = post.hasMedia ? random.poisson(impressions * 0.07) : 0;
	const engagements = Object.values(parts).reduce((sum, value) => sum + value, 0);
	const id = snowflakeId(post.utcMs, random.integer(0, (1 << 22) - 1)).toString();
	const float = (value: number) => `${value}.0`;
	return [
		id,
		`https://twitter.com/${LIBRARY.accounts.x.handle}/status/${id}`,
		post.text,
		xActivityTime(post.utcMs),
		float(impressions),
		float(engagements),
		pythonFloat(engagements / impressions),
		float(parts.retweets),
		float(parts.replies),
		float(parts.likes),
		float(parts.userProfileClicks),
		float(parts.urlClicks),
		float(parts.hashtagClicks),
		float(parts.detailExpands),
		float(parts.permalinkClicks),
		'0', // app opens
		'0', // app installs
		String(parts.follows),
		'0', // email tweet
		'0', // dial phone
		String(mediaViews),
		String(parts.mediaEngagements),
		...Array.from({ length: 18 }, () => '-')
	];
}

/** A float as the real export writes it, which is Python's repr: `0.0`, `0.0028137310073157004`, `1e-05`. */
export function pythonFloat(value: number): string {
	if (Number.isInteger(value)) return `${value}.0`;
	if (Math.abs(value) >= 1e-4 && Math.abs(value) < 1e16) return String(value);
	const [mantissa = '', exponent = '0'] = value.toExponential().split('e');
	const power = Number(exponent);
	return `${mantissa}e${power < 0 ? '-' : '+'}${String(Math.abs(power)).padStart(2, '0')}`;
}
