import { localDate, periodStart } from '../../calendar';
import { compareText, hashtagKey } from './text';

export interface PostForHashtags {
	/** ISO instant. */
	publishedAt: string;
	hashtags: string[];
	impressions: number | null;
	engagements: number | null;
}

export interface HashtagRow {
	/** Lower-case, without '#'. */
	hashtag: string;
	/** First day of the period (a Monday, or the 1st of the month) in the library's time zone. */
	period: string;
	posts: number;
	/** Sum over the posts that report it; null when none does. */
	impressions: number | null;
	engagements: number | null;
	branded: boolean;
}

const addKnown = (total: number | null, value: number | null): number | null =>
	value === null || !Number.isFinite(value) ? total : (total ?? 0) + value;

/**
 * Use, reach and engagement per hashtag per week or month. A post with several hashtags counts
 * for each; the same hashtag twice in one post counts once. Posts without a readable date are left out.
 * Rows are ordered by hashtag, then period.
 */
export function hashtagReport(
	posts: readonly PostForHashtags[],
	brandedHashtags: readonly string[],
	bucket: 'week' | 'month',
	timeZone: string
): HashtagRow[] {
	const branded = new Set(brandedHashtags.map(hashtagKey));
	const rows = new Map<string, HashtagRow>();
	for (const post of posts) {
		const date = localDate(post.publishedAt, timeZone);
		if (date === null) continue;
		const period = periodStart(date, bucket);
		for (const hashtag of new Set(post.hashtags.map(hashtagKey))) {
			if (!hashtag) continue;
			const key = `${hashtag}\u0000${period}`;
			const row = rows.get(key) ?? {
				hashtag,
				period,
				posts: 0,
				impressions: null,
				engagements: null,
				branded: branded.has(hashtag)
			};
			row.posts += 1;
			row.impressions = addKnown(row.impressions, post.impressions);
			row.engagements = addKnown(row.engagements, post.engagements);
			rows.set(key, row);
		}
	}
	return [...rows.values()].sort((a, b) => compareText(a.hashtag, b.hashtag) || compareText(a.period, b.period));
}
