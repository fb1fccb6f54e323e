import { instantMs, localDate } from '../../calendar';
import { candidateIndex } from './program-index';
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
	/** Programs with the same plain title share this number (their title evidence is the same). */
	titleNumber: number;
	startMs: number;
	startDate: string;
	/** startDate as days since 1970-01-01 */
	startDay: number;
	title: string;
	titlePhrase: ReturnType<typeof phraseWords>;
	titleWords: string[];
	url: URL | null;
	/** the branch's name as words, for "Eastside storytime this Tuesday" */
	branchPhrase: ReturnType<typeof phraseWords>;
	/** Recurring programs share this key; a text match goes to the next occurrence only. */
	seriesKey: string;
}

type TitleFacts = Pick<ProgramFacts, 'title' | 'titleNumber' | 'titlePhrase' | 'titleWords'> & { titleKey: string };

/**
 * What a program's title says, worked out once per title: a consortium's 85,000 programs carry
 * about 1,000 titles (recurring storytimes, clubs), so reading each program's title anew spent
 * two seconds of a relink.
 */
function titleReader() {
	const read = new Map<string, TitleFacts>();
	return (raw: string): TitleFacts => {
		let facts = read.get(raw);
		if (!facts) {
			const title = plainTitle(raw);
			facts = {
				title,
				titleNumber: read.size,
				titlePhrase: phraseWords(title),
				titleWords: [...new Set(meaningfulWords(title))],
				titleKey: words(title).join(' ')
			};
			read.set(raw, facts);
		}
		return facts;
	};
}

function programFacts(
	program: ProgramForPromotion,
	timeZone: string,
	readTitle: ReturnType<typeof titleReader>,
	readBranch: (branch: string) => ReturnType<typeof phraseWords>
): ProgramFacts | null {
	const startMs = instantMs(program.startsAt);
	const startDate = localDate(program.startsAt, timeZone);
	if (startMs === null || startDate === null) return null;
	const { titleKey, ...title } = readTitle(program.title);
	return {
		program,
		startMs,
		startDate,
		startDay: dayOf(startDate),
		...title,
		url: program.url ? parseLink(program.url) : null,
		branchPhrase: program.branch ? readBranch(program.branch) : [],
		seriesKey: `${titleKey}\u0000${(program.branch ?? '').trim().toLowerCase()}`
	};
}

const DAY_MS = 86_400_000;
/** A calendar date as days since 1970-01-01, so "days before" is a subtraction (as daysBetween counts). */
const dayOf = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);

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

/** A post naming the branch promotes its program of the coming week, not one three weeks out. */
const BRANCH_MATCH_DAYS = 7;

/** What a post says of one title: named whole, or most of its words, and which of its words it has anywhere. */
interface TitleEvidence {
	match: { reason: string; score: number } | null;
	sharedAnywhere: string[];
}

function titleEvidence(facts: ProgramFacts, post: PostText, minOverlap: number): TitleEvidence {
	const { words: postWords, meaningful: postMeaningful } = post;
	// How many of the title's meaningful words the post has anywhere: no run of it can share more.
	const sharedAnywhere = facts.titleWords.filter((word) => post.meaningfulSet.has(word));
	if (facts.titlePhrase.length > 0 && findPhrase(postWords, facts.titlePhrase) !== null)
		return { match: { reason: `title "${facts.title}"`, score: 0.9 }, sharedAnywhere };
	// One meaningful word is too weak for an overlap: it must then appear as the whole title.
	if (facts.titleWords.length >= 2 && sharedAnywhere.length / facts.titleWords.length >= minOverlap) {
		const { jaccard, shared } = bestOverlap(facts.titleWords, postMeaningful);
		if (jaccard >= minOverlap)
			return {
				match: {
					reason: `words ${shared.join(', ')} (overlap ${jaccard.toFixed(2)})`,
					score: Math.round(0.8 * jaccard * 100) / 100
				},
				sharedAnywhere
			};
	}
	return { match: null, sharedAnywhere };
}

/**
 * Why this post promotes this program, strongest evidence first; null when it does not. `byTitle`
 * tells what the post says of the program's title, worked out at most once per title and post.
 */
function evidence(
	facts: ProgramFacts,
	post: PostText,
	days: number,
	byTitle: (facts: ProgramFacts, post: PostText) => TitleEvidence
) {
	if (facts.url && linksToProgram(facts.url, post.links))
		return { kind: 'link' as const, reason: `link ${pageOf(facts.url).page}`, score: 1 };
	const title = byTitle(facts, post);
	if (title.match) return { kind: 'text' as const, ...title.match };
	// "Eastside storytime this Tuesday": the branch named, with at least half the title's meaningful words, within a week.
	if (
		days <= BRANCH_MATCH_DAYS &&
		facts.branchPhrase.length > 0 &&
		findPhrase(post.words, facts.branchPhrase) !== null
	) {
		const shared = title.sharedAnywhere;
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

/** What matching reads of a post's text, read once per text. */
export interface PostText {
	words: string[];
	meaningful: string[];
	links: URL[];
	wordSet: Set<string>;
	meaningfulSet: Set<string>;
	/** the pages the links point to, as programs' pages are compared */
	pages: string[];
}

export function readPostText(text: string | null, links: readonly string[] = []): PostText {
	const postWords = words(text);
	const meaningful = postWords.length ? meaningfulWords(text) : [];
	const urls = [...links, ...urlsInText(text)].map(parseLink).filter((url): url is URL => url !== null);
	return {
		words: postWords,
		meaningful,
		links: urls,
		wordSet: new Set(postWords),
		meaningfulSet: new Set(meaningful),
		pages: [...new Set(urls.map((url) => pageOf(url).page))]
	};
}

/** One program a post promotes, before staff overrides. */
export interface PostMatch {
	programId: string;
	reason: string;
	score: number;
}

/**
 * Matching prepared once for a set of programs: their facts, sorted by start, and an index from
 * the words, branches and pages they need to the programs (program-index.ts), so a post is tried
 * only against the programs of its window it shares something with.
 */
export function promotionMatcher(
	programs: readonly ProgramForPromotion[],
	options: PromotionOptions,
	/** Try every program of the window, as before the index: the reference its tests compare against. */
	tryEveryProgram = false
) {
	const maxDays = options.maxDaysBefore ?? 21;
	const minOverlap = options.minOverlap ?? 0.6;
	const readTitle = titleReader();
	const branches = new Map<string, ReturnType<typeof phraseWords>>();
	const readBranch = (branch: string) => {
		let phrase = branches.get(branch);
		if (!phrase) branches.set(branch, (phrase = phraseWords(branch)));
		return phrase;
	};
	const facts = programs
		.map((program) => programFacts(program, options.timeZone, readTitle, readBranch))
		.filter((f): f is ProgramFacts => f !== null);
	// One post's evidence per title, kept while its candidates are tried (stamped by the post's turn).
	const titleCount = facts.reduce((most, f) => Math.max(most, f.titleNumber + 1), 0);
	const titleTurn = new Int32Array(titleCount);
	const titleKept = new Array<TitleEvidence>(titleCount);
	let turn = 0;
	const titleOf = (program: ProgramFacts, post: PostText): TitleEvidence => {
		const n = program.titleNumber;
		if (titleTurn[n] !== turn) {
			titleTurn[n] = turn;
			titleKept[n] = titleEvidence(program, post, minOverlap);
		}
		return titleKept[n]!;
	};
	facts.sort((a, b) => a.startMs - b.startMs || compareText(a.program.programId, b.program.programId));
	const index = candidateIndex(
		facts.map((f) => ({
			titlePhrase: f.titlePhrase,
			titleWords: f.titleWords,
			branchPhrase: f.branchPhrase,
			page: f.url ? pageOf(f.url).page : null
		})),
		minOverlap
	);
	// Later starts never fall on earlier dates in any real zone; were they ever to, the window's end
	// is found by walking, as a loop over every program would.
	const datesInOrder = facts.every((f, i) => i === 0 || f.startDay >= facts[i - 1]!.startDay);
	const windowEnd = (from: number, lastDay: number) => {
		if (!datesInOrder) {
			let end = from;
			while (end < facts.length && facts[end]!.startDay <= lastDay) end++;
			return end;
		}
		let low = from;
		let high = facts.length;
		while (low < high) {
			const middle = (low + high) >> 1;
			if (facts[middle]!.startDay <= lastDay) low = middle + 1;
			else high = middle;
		}
		return low;
	};

	return {
		/**
		 * The programs one post promotes, before overrides: published on the program's day (before it
		 * starts) or up to `maxDaysBefore` calendar days earlier, with evidence (see matchPromotions).
		 */
		matchesOf(post: PostText, publishedAt: string): PostMatch[] {
			const publishedMs = instantMs(publishedAt);
			const publishedDate = localDate(publishedAt, options.timeZone);
			if (publishedMs === null || publishedDate === null) return [];
			const publishedDay = dayOf(publishedDate);
			const from = firstStartingAtOrAfter(facts, publishedMs);
			const to = windowEnd(from, publishedDay + maxDays);
			// A program reached only through its branch's name matches within a week at most.
			const branchTo = windowEnd(from, publishedDay + Math.min(maxDays, BRANCH_MATCH_DAYS));
			const found = new Map<string, PostMatch>();
			const nextInSeries = new Set<string>();
			turn += 1;
			const positions = tryEveryProgram
				? Array.from({ length: to - from }, (_, i) => from + i)
				: index.candidates(post, from, to, branchTo);
			for (const position of positions) {
				const program = facts[position]!;
				// Without a link a match would be by text, which an earlier occurrence of the series already took.
				if (!tryEveryProgram && !program.url && nextInSeries.has(program.seriesKey)) continue;
				const days = program.startDay - publishedDay;
				const match = evidence(program, post, days, titleOf);
				if (!match) continue;
				if (match.kind === 'text') {
					if (nextInSeries.has(program.seriesKey)) continue;
					nextInSeries.add(program.seriesKey);
				}
				const { programId } = program.program;
				found.set(programId, { programId, reason: `${match.reason}, ${daysText(days)}`, score: match.score });
			}
			return [...found.values()];
		}
	};
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
	const matcher = promotionMatcher(programs, options);
	const found = new Map<string, Promotion>();
	const key = (programId: string, platform: string, postId: string) => JSON.stringify([programId, platform, postId]);
	for (const post of posts) {
		for (const match of matcher.matchesOf(readPostText(post.text, post.links), post.publishedAt))
			found.set(key(match.programId, post.platform, post.postId), {
				programId: match.programId,
				platform: post.platform,
				postId: post.postId,
				reason: match.reason,
				score: match.score
			});
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
