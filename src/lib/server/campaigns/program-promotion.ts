import { daysBetween, instantMs, localDate } from '../../calendar';
import { bestOverlap, meaningfulWords, plainTitle } from './program-title';
import type { PostForMatching } from './rules';
import { compareText, findPhrase, linkHost, parseLink, phraseWords, urlsInText, words } from './text';

export interface ProgramForPromotion {
	programId: string;
	title: string;
	/** ISO instant. */
	startsAt: string;
	branch?: string | null;
	url?: string | null;
}

export type PostForPromotion = PostForMatching;

export interface PromotionOverride {
	programId: string;
	platform: string;
	postId: string;
	action: 'add' | 'remove';
}

export interface PromotionOptions {
	/** The library's time zone: "days before" counts calendar days there. */
	timeZone: string;
	/** Default 21. */
	maxDaysBefore?: number;
	/** Default 0.6. */
	minOverlap?: number;
	/** Staff decisions; the last one per program and post wins. */
	overrides?: readonly PromotionOverride[];
}

export interface Promotion {
	programId: string;
	platform: string;
	postId: string;
	/** For people: 'link maplevalleypl.libcal.com/event/10384120, 3 days before', 'title "Teen LEGO Club", same day', 'manual'. */
	reason: string;
	/** 1 for a link or a manual link, 0.9 for the title, 0.8 × Jaccard for a word overlap. */
	score: number;
}

/** A link reduced to what identifies the page: host without "www.", path without a trailing '/'. */
function pageOf(url: URL): { page: string; query: [string, string][] } {
	const query = [...url.searchParams].filter(([key]) => !/^(utm_|fbclid$|gclid$|mc_|igshid$)/i.test(key));
	return { page: `${linkHost(url)}${url.pathname.replace(/\/+$/, '')}`, query };
}

/** The post links to the program's page; the program page's own query (an event id) must be there too. */
function linksToProgram(programUrl: URL, postLinks: readonly URL[]): boolean {
	const program = pageOf(programUrl);
	return postLinks.some((link) => {
		const post = pageOf(link);
		return post.page === program.page && program.query.every(([key, value]) => link.searchParams.get(key) === value);
	});
}

interface ProgramFacts {
	program: ProgramForPromotion;
	startMs: number;
	startDate: string;
	title: string;
	titlePhrase: ReturnType<typeof phraseWords>;
	titleWords: string[];
	url: URL | null;
	/** the branch's name as words, for "Eastside storytime this Tuesday" */
	branchPhrase: ReturnType<typeof phraseWords>;
	/** Recurring programs share this key; a text match goes to the next occurrence only. */
	seriesKey: string;
}

function programFacts(program: ProgramForPromotion, timeZone: string): ProgramFacts | null {
	const startMs = instantMs(program.startsAt);
	const startDate = localDate(program.startsAt, timeZone);
	if (startMs === null || startDate === null) return null;
	const title = plainTitle(program.title);
	return {
		program,
		startMs,
		startDate,
		title,
		titlePhrase: phraseWords(title),
		titleWords: [...new Set(meaningfulWords(title))],
		url: program.url ? parseLink(program.url) : null,
		branchPhrase: program.branch ? phraseWords(program.branch) : [],
		seriesKey: `${words(title).join(' ')}\u0000${(program.branch ?? '').trim().toLowerCase()}`
	};
}

/** Index of the first program (sorted by start) starting at or after `ms`. */
function firstStartingAtOrAfter(facts: readonly ProgramFacts[], ms: number): number {
	let low = 0;
	let high = facts.length;
	while (low < high) {
		const middle = (low + high) >> 1;
		if ((facts[middle] as ProgramFacts).startMs < ms) low = middle + 1;
		else high = middle;
	}
	return low;
}

function daysText(days: number): string {
	return days === 0 ? 'same day' : days === 1 ? '1 day before' : `${days} days before`;
}

/** Why this post promotes this program, strongest evidence first; null when it does not. */
/** A post naming the branch promotes its program of the coming week, not one three weeks out. */
const BRANCH_MATCH_DAYS = 7;

function evidence(
	facts: ProgramFacts,
	postWords: string[],
	postMeaningful: string[],
	postLinks: URL[],
	minOverlap: number,
	days: number
) {
	if (facts.url && linksToProgram(facts.url, postLinks))
		return { kind: 'link' as const, reason: `link ${pageOf(facts.url).page}`, score: 1 };
	if (facts.titlePhrase.length > 0 && findPhrase(postWords, facts.titlePhrase) !== null)
		return { kind: 'text' as const, reason: `title "${facts.title}"`, score: 0.9 };
	// One meaningful word is too weak for an overlap: it must then appear as the whole title.
	if (facts.titleWords.length >= 2) {
		const { jaccard, shared } = bestOverlap(facts.titleWords, postMeaningful);
		if (jaccard >= minOverlap)
			return {
				kind: 'text' as const,
				reason: `words ${shared.join(', ')} (overlap ${jaccard.toFixed(2)})`,
				score: Math.round(0.8 * jaccard * 100) / 100
			};
	}
	// "Eastside storytime this Tuesday": the branch named, with at least half the title's meaningful words, within a week.
	if (
		days <= BRANCH_MATCH_DAYS &&
		facts.branchPhrase.length > 0 &&
		findPhrase(postWords, facts.branchPhrase) !== null
	) {
		const shared = facts.titleWords.filter((word) => postMeaningful.includes(word));
		if (shared.length > 0 && shared.length * 2 >= facts.titleWords.length) {
			return {
				kind: 'text' as const,
				reason: `words ${shared.join(', ')} and branch ${facts.program.branch}`,
				score: 0.7
			};
		}
	}
	return null;
}

/**
 * Links programs to the posts that promoted them: published on the program's day (before it
 * starts) or up to `maxDaysBefore` calendar days earlier, and linking to the program's page,
 * naming its title, or sharing most of its meaningful words. A text match on a recurring
 * program (same title and branch) goes to the next occurrence only. Manual overrides win
 * either way, whatever the dates, for the programs and posts passed in.
 */
export function matchPromotions(
	programs: readonly ProgramForPromotion[],
	posts: readonly PostForPromotion[],
	options: PromotionOptions
): Promotion[] {
	const maxDays = options.maxDaysBefore ?? 21;
	const minOverlap = options.minOverlap ?? 0.6;
	const facts = programs
		.map((program) => programFacts(program, options.timeZone))
		.filter((f): f is ProgramFacts => f !== null);
	facts.sort((a, b) => a.startMs - b.startMs || compareText(a.program.programId, b.program.programId));

	const found = new Map<string, Promotion>();
	const key = (programId: string, platform: string, postId: string) => JSON.stringify([programId, platform, postId]);
	for (const post of posts) {
		const publishedMs = instantMs(post.publishedAt);
		const publishedDate = localDate(post.publishedAt, options.timeZone);
		if (publishedMs === null || publishedDate === null) continue;
		const postWords = words(post.text);
		const postMeaningful = postWords.length ? meaningfulWords(post.text) : [];
		const postLinks = [...(post.links ?? []), ...urlsInText(post.text)]
			.map(parseLink)
			.filter((url): url is URL => url !== null);
		const nextInSeries = new Set<string>();
		for (let index = firstStartingAtOrAfter(facts, publishedMs); index < facts.length; index++) {
			const program = facts[index] as ProgramFacts;
			const days = daysBetween(publishedDate, program.startDate);
			if (days > maxDays) break;
			const match = evidence(program, postWords, postMeaningful, postLinks, minOverlap, days);
			if (!match) continue;
			if (match.kind === 'text') {
				if (nextInSeries.has(program.seriesKey)) continue;
				nextInSeries.add(program.seriesKey);
			}
			const { programId } = program.program;
			found.set(key(programId, post.platform, post.postId), {
				programId,
				platform: post.platform,
				postId: post.postId,
				reason: `${match.reason}, ${daysText(days)}`,
				score: match.score
			});
		}
	}
	const programIds = new Set(programs.map((program) => program.programId));
	const postIds = new Set(posts.map((post) => key('', post.platform, post.postId)));
	for (const override of options.overrides ?? []) {
		// Overrides for programs or posts outside this call's lists are someone else's rows.
		if (!programIds.has(override.programId) || !postIds.has(key('', override.platform, override.postId))) continue;
		const id = key(override.programId, override.platform, override.postId);
		if (override.action === 'remove') found.delete(id);
		else
			found.set(id, {
				programId: override.programId,
				platform: override.platform,
				postId: override.postId,
				reason: 'manual',
				score: 1
			});
	}
	return [...found.values()].sort(
		(a, b) =>
			compareText(a.programId, b.programId) || compareText(a.platform, b.platform) || compareText(a.postId, b.postId)
	);
}
