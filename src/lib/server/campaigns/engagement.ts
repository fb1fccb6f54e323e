import { quantile } from 'd3';
import { instantMs } from '../../calendar';
import { accountKey, mentionedAccounts } from './text';

export interface PostForReplies {
	postId: string;
	/** ISO instant. */
	publishedAt: string;
	inReplyToPostId?: string | null;
	inReplyToAccount?: string | null;
	isOwnAccount: boolean;
	/** Set by exports that record mentions; otherwise '@account' in the text is read. */
	mentionsOwnAccount?: boolean;
	text?: string;
}

export interface ReplyMeasures {
	/** The library's replies to other accounts (a reply to its own post continues a thread). */
	repliesSent: number;
	/** Others' posts that mention the library or reply to it. */
	mentionsReceived: number;
	mentionsAnswered: number;
	shareAnswered: number | null;
	medianHoursToFirstReply: number | null;
	p90HoursToFirstReply: number | null;
	/** Why a measure is null, in words for the page. */
	notEnoughData?: string;
}

/** Fewer answered mentions than this make a median and a 90th percentile mostly noise. */
export const MIN_ANSWERED_FOR_TIMES = 5;
const HOUR_MS = 3_600_000;

/**
 * How the library answers its community, from archives that carry replies. Time to first reply
 * runs from another account's mention or reply to the library's first reply to that post;
 * percentiles are d3's quantile, type 7 (R's and NumPy's default). Replies dated before the post
 * they answer (clock or export errors) are ignored.
 */
export function replyMeasures(posts: readonly PostForReplies[], ownAccount: string): ReplyMeasures {
	const own = accountKey(ownAccount);
	const ownPostIds = new Set(posts.filter((post) => post.isOwnAccount).map((post) => post.postId));
	const repliesTo = (post: PostForReplies) =>
		post.inReplyToAccount
			? accountKey(post.inReplyToAccount)
			: post.inReplyToPostId && ownPostIds.has(post.inReplyToPostId)
				? own
				: null;

	const ownReplies = posts.filter((post) => post.isOwnAccount && post.inReplyToPostId);
	const repliesSent = ownReplies.filter((post) => repliesTo(post) !== own).length;

	const incoming = posts.filter(
		(post) =>
			!post.isOwnAccount &&
			(post.mentionsOwnAccount === true || repliesTo(post) === own || mentionedAccounts(post.text).includes(own))
	);
	const firstReplyMs = new Map<string, number>();
	for (const reply of ownReplies) {
		const ms = instantMs(reply.publishedAt);
		const target = reply.inReplyToPostId as string;
		if (ms !== null && ms < (firstReplyMs.get(target) ?? Infinity)) firstReplyMs.set(target, ms);
	}
	const hours: number[] = [];
	for (const mention of incoming) {
		const askedMs = instantMs(mention.publishedAt);
		const answeredMs = firstReplyMs.get(mention.postId);
		if (askedMs !== null && answeredMs !== undefined && answeredMs >= askedMs)
			hours.push((answeredMs - askedMs) / HOUR_MS);
	}

	const enough = hours.length >= MIN_ANSWERED_FOR_TIMES;
	const measures: ReplyMeasures = {
		repliesSent,
		mentionsReceived: incoming.length,
		mentionsAnswered: hours.length,
		shareAnswered: incoming.length === 0 ? null : hours.length / incoming.length,
		medianHoursToFirstReply: enough ? (quantile(hours, 0.5) ?? null) : null,
		p90HoursToFirstReply: enough ? (quantile(hours, 0.9) ?? null) : null
	};
	if (incoming.length === 0) {
		measures.notEnoughData =
			'No mentions of or replies to the library in these posts; answer rates and reply times need an export that includes them.';
	} else if (!enough) {
		measures.notEnoughData = `Only ${hours.length} answered mention${hours.length === 1 ? '' : 's'}; reply times need at least ${MIN_ANSWERED_FOR_TIMES}.`;
	}
	return measures;
}
