import { quantile } from 'd3';
import { describe, expect, it } from 'vitest';
import { replyMeasures, type PostForReplies } from './engagement';

const at = (hours: number) => new Date(Date.UTC(2025, 2, 3, 12) + hours * 3_600_000).toISOString();
const mention = (postId: string, hour: number, extra: Partial<PostForReplies> = {}): PostForReplies => ({
	postId,
	publishedAt: at(hour),
	isOwnAccount: false,
	...extra
});
const reply = (postId: string, hour: number, to: string, toAccount: string | null = null): PostForReplies => ({
	postId,
	publishedAt: at(hour),
	isOwnAccount: true,
	inReplyToPostId: to,
	inReplyToAccount: toAccount
});

describe('replyMeasures', () => {
	// Six mentions, five answered after 1, 2, 4, 0.5 and 10 hours (sorted 0.5, 1, 2, 4, 10).
	const posts: PostForReplies[] = [
		mention('m1', 0, { mentionsOwnAccount: true }),
		mention('m2', 1, { text: 'Are you open Monday, @MapleValleyPL?' }),
		mention('m3', 2, { inReplyToAccount: '@maplevalleypl', inReplyToPostId: 'own1' }),
		mention('m4', 3, { inReplyToPostId: 'own1' }),
		mention('m5', 4, { text: 'Thank you @MAPLEVALLEYPL.' }),
		mention('m6', 5, { mentionsOwnAccount: true }),
		mention('other', 6, { text: 'Lunch at the park', inReplyToAccount: 'somebody' }),
		{ postId: 'own1', publishedAt: at(-5), isOwnAccount: true },
		reply('r1', 1, 'm1', 'jen'),
		reply('r1b', 8, 'm1', 'jen'), // a second reply: only the first counts for timing
		reply('r2', 3, 'm2', 'kat'),
		reply('r3', 6, 'm3'),
		reply('r4', 3.5, 'm4', 'dad'),
		reply('r5', 14, 'm5', 'coach'),
		reply('r6', 4, 'm6', 'grace'), // dated before m6: an export error, ignored
		reply('thread', 7, 'own1', 'MapleValleyPL'), // continues the library's own thread
		reply('cold', 7, 'elsewhere', 'news_site') // a reply to a post not in the export
	];

	it('counts replies, mentions and answers', () => {
		expect(replyMeasures(posts, '@MapleValleyPL')).toMatchObject({
			repliesSent: 8,
			mentionsReceived: 6,
			mentionsAnswered: 5
		});
		expect(replyMeasures(posts, 'MapleValleyPL').shareAnswered).toBeCloseTo(5 / 6, 12);
	});

	it('gives type 7 percentiles of hours to first reply, worked by hand', () => {
		const measures = replyMeasures(posts, 'MapleValleyPL');
		// Sorted 0.5, 1, 2, 4, 10: median h = 2 → 2; p90 h = 3.6 → 4 + 0.6·(10 − 4) = 7.6.
		expect(measures.medianHoursToFirstReply).toBeCloseTo(2, 12);
		expect(measures.p90HoursToFirstReply).toBeCloseTo(7.6, 12);
		expect(measures.notEnoughData).toBeUndefined();
	});

	it('gives no reply times, and says why, below five answered mentions', () => {
		const few = replyMeasures(
			posts.filter((post) => post.postId !== 'r5'),
			'MapleValleyPL'
		);
		expect(few).toMatchObject({
			mentionsAnswered: 4,
			medianHoursToFirstReply: null,
			p90HoursToFirstReply: null,
			notEnoughData: 'Only 4 answered mentions; reply times need at least 5.'
		});
	});

	it('says when the export carries no mentions at all', () => {
		const ownOnly = posts.filter((post) => post.isOwnAccount);
		expect(replyMeasures(ownOnly, 'MapleValleyPL')).toMatchObject({
			mentionsReceived: 0,
			shareAnswered: null,
			medianHoursToFirstReply: null
		});
		expect(replyMeasures(ownOnly, 'MapleValleyPL').notEnoughData).toMatch(/^No mentions/);
	});
});

describe("d3's quantile, which reply times use", () => {
	// Pinned because the page promises type 7 percentiles (R's and NumPy's default).
	it('is type 7: h = (n − 1)p, interpolated between neighbours', () => {
		const tenHours = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
		expect(quantile(tenHours, 0.5)).toBeCloseTo(5.5, 12); // h = 4.5 → 5 + 0.5·1
		expect(quantile(tenHours, 0.9)).toBeCloseTo(9.1, 12); // h = 8.1 → 9 + 0.1·1, as R's quantile(1:10, 0.9)
		expect(quantile([0.5, 4, 2, 10, 1], 0.9)).toBeCloseTo(7.6, 12); // sorted 0.5, 1, 2, 4, 10: h = 3.6 → 4 + 0.6·6
		expect(quantile([3], 0.9)).toBe(3);
		expect(quantile([1, 2], 1)).toBe(2);
	});
});
