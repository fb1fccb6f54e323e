/** Facebook and Instagram posts as Meta Business Suite's post-level exports (Views era). */
import { dayParts } from '../calendar';
import { metaPublishTime } from './calendar';
import type { Topic } from './captions';
import { csvDocument } from './csv';
import { FILE_NAMES, LIBRARY, SPAN } from './library';
import type { PlannedPost } from './posts';
import type { Random } from './random';

export const FACEBOOK_HEADER =
	'"Post ID","Page ID","Page name",Title,Description,"Duration (sec)","Publish time","Caption type",Permalink,"Is crosspost","Is share","Post type",Languages,"Custom labels","Funded content status","Data comment",Date,Views,Reach,"Reactions, Comments and Shares",Reactions,Comments,Shares,"Total clicks","Other Clicks","Matched Audience Targeting Consumption (Photo Click)"';
export const INSTAGRAM_HEADER =
	'"Post ID","Account ID","Account username","Account name",Description,"Duration (sec)","Publish time",Permalink,"Post type","Data comment",Date,Views,Reach,Likes,Shares,Follows,Comments,Saves';

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Stories and summer posts travel further; opening-hours notices less far. */
const TOPIC_REACH: Partial<Record<Topic, number>> = {
	patron_story: 1.35,
	summer_reading: 1.2,
	author_talk: 1.1,
	hours: 0.8,
	partner: 0.9
};

interface MetaFile {
	name: string;
	content: string;
	rows: number;
}

export function generateFacebookPosts(posts: readonly PlannedPost[], random: Random): MetaFile {
	const page = LIBRARY.accounts.facebook;
	const permalinks = new Set<string>();
	let postId = 1_087_654_321_098_765n;
	const rows = posts
		.filter((post) => post.platform === 'facebook')
		.map((post) => {
			postId += BigInt(random.integer(100_000_000_000, 4_500_000_000_000));
			const years = (post.day - SPAN.from) / 365.25;
			const type = post.hasLink
				? 'Links'
				: random.weighted([
						['Photos', 60],
						['Videos', 12],
						['Reels', 10 + 10 * years]
					] as const);
			const typeReach = { Photos: 1, Links: 0.55, Videos: 1.2, Reels: 1.9 }[type];
			const reach = Math.max(
				8,
				Math.round(random.logNormal(620 * typeReach * (TOPIC_REACH[post.topic] ?? 1) * 1.04 ** years, 0.55))
			);
			const views = Math.round(reach * (type === 'Reels' ? random.uniform(1.5, 2.4) : random.uniform(1.2, 1.7)));
			const quality = random.logNormal(1, 0.35) * post.engagementLift;
			const count = (rate: number) => random.poisson(reach * rate * quality);
			const reactions = count(0.04);
			const comments = count(0.004);
			const shares = count(0.0035);
			const photoClicks = type === 'Photos' ? count(0.03) : 0;
			const otherClicks = count(0.02);
			const linkClicks = type === 'Links' ? count(0.025) : 0;
			const duration = type === 'Videos' ? random.integer(25, 180) : type === 'Reels' ? random.integer(12, 60) : 0;
			const permalink = unique(
				permalinks,
				() => `https://www.facebook.com/${page.slug}/posts/pfbid0${random.text(BASE58, 50)}`
			);
			return [
				postId.toString(),
				page.pageId,
				page.pageName,
				post.text,
				'',
				String(duration),
				metaPublishTime(post.utcMs, LIBRARY.timeZone),
				'N/A',
				permalink,
				'0',
				'0',
				type,
				'',
				'',
				'',
				'',
				'Lifetime',
				String(views),
				String(reach),
				String(reactions + comments + shares),
				String(reactions),
				String(comments),
				String(shares),
				String(otherClicks + photoClicks + linkClicks),
				String(otherClicks),
				String(photoClicks)
			];
		})
		.reverse();
	return {
		name: FILE_NAMES.facebook,
		content: csvDocument(FACEBOOK_HEADER, rows, { style: 'meta', bom: true }),
		rows: rows.length
	};
}

export function generateInstagramPosts(posts: readonly PlannedPost[], random: Random): MetaFile {
	const account = LIBRARY.accounts.instagram;
	const shortcodes = new Set<string>();
	let postId = 17_912_345_678_901_234n;
	const rows = posts
		.filter((post) => post.platform === 'instagram')
		.map((post) => {
			postId += BigInt(random.integer(1_000_000_000_000, 9_000_000_000_000));
			const years = (post.day - SPAN.from) / 365.25;
			const type = random.weighted([
				['IG image', 40],
				['IG carousel', 35],
				['IG reel', 15 + 10 * years]
			] as const);
			const typeReach = { 'IG image': 1, 'IG carousel': 1.15, 'IG reel': 2.2 }[type];
			const reach = Math.max(
				5,
				Math.round(random.logNormal(330 * typeReach * (TOPIC_REACH[post.topic] ?? 1) * 1.15 ** years, 0.6))
			);
			const views = Math.round(reach * (type === 'IG reel' ? random.uniform(1.8, 3) : random.uniform(1.3, 2)));
			const quality = random.logNormal(1, 0.35) * post.engagementLift;
			const count = (rate: number) => random.poisson(reach * rate * quality);
			const [likes, shares, follows, comments, saves] = [0.075, 0.006, 0.0025, 0.005, 0.009].map(count);
			// Shortcodes began with B and C for years; by 2025 new ones begin with D.
			const lead = dayParts(post.day).year <= 2024 ? 'C' : 'D';
			const shortcode = unique(shortcodes, () => lead + random.text(BASE64URL, 10));
			return [
				postId.toString(),
				account.accountId,
				account.username,
				account.name,
				post.text,
				String(type === 'IG reel' ? random.integer(10, 60) : 0),
				metaPublishTime(post.utcMs, LIBRARY.timeZone),
				`https://www.instagram.com/p/${shortcode}/`,
				type,
				'',
				'Lifetime',
				...[views, reach, likes, shares, follows, comments, saves].map((value) => String(value ?? 0))
			];
		})
		.reverse();
	return {
		name: FILE_NAMES.instagram,
		content: csvDocument(INSTAGRAM_HEADER, rows, { style: 'meta', bom: true }),
		rows: rows.length
	};
}

function unique(seen: Set<string>, make: () => string): string {
	for (;;) {
		const candidate = make();
		if (!seen.has(candidate)) {
			seen.add(candidate);
			return candidate;
		}
	}
}
