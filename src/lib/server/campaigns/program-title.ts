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

/**
 * The best Jaccard similarity between the title's words and any short run of the post's words
 * (the title's length up to two words longer), so a long post is not penalised for its length.
 */
export function bestOverlap(
	titleWords: readonly string[],
	postWords: readonly string[]
): { jaccard: number; shared: string[] } {
	const title = new Set(titleWords);
	let best = { jaccard: 0, shared: [] as string[] };
	for (let size = title.size; size <= title.size + 2; size++) {
		for (let start = 0; start + size <= Math.max(postWords.length, size); start++) {
			const window = new Set(postWords.slice(start, start + size));
			const shared = [...title].filter((word) => window.has(word));
			const union = new Set([...title, ...window]).size;
			const jaccard = union === 0 ? 0 : shared.length / union;
			if (jaccard > best.jaccard) best = { jaccard, shared };
		}
	}
	return best;
}
