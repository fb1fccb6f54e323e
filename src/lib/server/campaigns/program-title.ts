import { words } from './text';

// Status words libraries put in front of a title; the post that promoted it used the plain title.
const STATUS_PREFIX =
	/^\s*(?:\[\s*(?:cancell?ed|postponed|rescheduled|new|updated?)\s*\]\s*[:\-–—]?|(?:cancell?ed|postponed|rescheduled|new|updated?)\s*[:\-–—])\s*/i;

const STOP_WORDS = new Set(
	(
		'a an and are as at be by for from in into is it its of on or our the this that to with ' +
		'we you your us join come all new free at our here there will can now today'
	).split(' ')
);

/** A program title without "CANCELLED:" and similar status prefixes. */
export function plainTitle(title: string): string {
	let plain = title;
	while (STATUS_PREFIX.test(plain)) plain = plain.replace(STATUS_PREFIX, '');
	return plain.trim();
}

/** Crude singular so "Teens" meets "Teen" and "children's" meets "children". */
function stem(word: string): string {
	const base = word.replace(/'s$/, '');
	return base.length > 3 && base.endsWith('s') && !base.endsWith('ss') ? base.slice(0, -1) : base;
}

/** The words that carry meaning, stemmed, in order: stop words dropped. */
export function meaningfulWords(text: string | null | undefined): string[] {
	return words(text)
		.filter((word) => !STOP_WORDS.has(word))
		.map(stem);
}

/** A run of a post's words: how often each word occurs, how many distinct words, how many of them the title's. */
interface Run {
	counts: Map<string, number>;
	distinct: number;
	shared: number;
}

function enter(run: Run, title: ReadonlySet<string>, word: string): void {
	const count = run.counts.get(word) ?? 0;
	run.counts.set(word, count + 1);
	if (count === 0) {
		run.distinct += 1;
		if (title.has(word)) run.shared += 1;
	}
}

function leave(run: Run, title: ReadonlySet<string>, word: string): void {
	const count = run.counts.get(word)!;
	if (count > 1) run.counts.set(word, count - 1);
	else {
		run.counts.delete(word);
		run.distinct -= 1;
		if (title.has(word)) run.shared -= 1;
	}
}

/**
 * The best Jaccard similarity between the title's words and any short run of the post's words
 * (the title's length up to two words longer), so a long post is not penalised for its length.
 * The first best run wins (shorter runs first, then earlier ones). Each run is the previous one
 * slid by a word, so its counts change by the word leaving and the word entering instead of being
 * rebuilt: a post of n words costs about 3n steps, not 3n new sets.
 */
export function bestOverlap(
	titleWords: readonly string[],
	postWords: readonly string[]
): { jaccard: number; shared: string[] } {
	const title = new Set(titleWords);
	let best = { jaccard: 0, shared: [] as string[] };
	for (let size = title.size; size <= title.size + 2; size++) {
		const run: Run = { counts: new Map(), distinct: 0, shared: 0 };
		for (let i = 0; i < Math.min(size, postWords.length); i++) enter(run, title, postWords[i]!);
		const runs = Math.max(postWords.length, size) - size + 1;
		for (let start = 0; start < runs; start++) {
			if (start > 0) {
				leave(run, title, postWords[start - 1]!);
				enter(run, title, postWords[start + size - 1]!);
			}
			const union = title.size + run.distinct - run.shared;
			const jaccard = union === 0 ? 0 : run.shared / union;
			if (jaccard > best.jaccard) best = { jaccard, shared: [...title].filter((word) => run.counts.has(word)) };
		}
	}
	return best;
}
