import type { PatternWord } from './text';

/** What the index reads of a program: the words each kind of evidence needs, and its page. */
export interface IndexedProgram {
	titlePhrase: readonly PatternWord[];
	/** Meaningful title words, distinct. */
	titleWords: readonly string[];
	branchPhrase: readonly PatternWord[];
	/** The program page (host and path) when it has a link. */
	page: string | null;
}

/** What the index reads of a post: its distinct words, distinct meaningful words and linked pages. */
export interface IndexedPost {
	wordSet: ReadonlySet<string>;
	meaningfulSet: ReadonlySet<string>;
	pages: readonly string[];
}

/** Posting lists: key → program positions, ascending (programs are added in start order). */
type Postings = Map<string, number[]>;

function post(postings: Postings, key: string, position: number): void {
	const list = postings.get(key);
	if (list) list.push(position);
	else postings.set(key, [position]);
}

/** The first index in `sorted` whose value is at least `value`. */
function lowerBound(sorted: readonly number[], value: number): number {
	let low = 0;
	let high = sorted.length;
	while (low < high) {
		const middle = (low + high) >> 1;
		if (sorted[middle]! < value) low = middle + 1;
		else high = middle;
	}
	return low;
}

/**
 * The fewest distinct title words a post must share for a word overlap to reach `minOverlap`: the
 * Jaccard similarity of a run is at most shared / title size (the union is never smaller than the title).
 */
function wordsNeeded(titleSize: number, minOverlap: number): number | null {
	for (let shared = 1; shared <= titleSize; shared++) if (shared / titleSize >= minOverlap) return shared;
	return null;
}

/**
 * Which programs a post could promote, found through what they share instead of by trying every
 * program of the window. Each kind of evidence has a necessary condition, and each is indexed by it:
 *   the title as a phrase     every word of the title is in the post: indexed by its rarest word;
 *   the title's words overlap at least `need` of the title's t meaningful words are in the post: by
 *                             its t − need + 1 rarest words, since a post sharing `need` words must
 *                             share one of those (prefix filtering, as in set-similarity joins);
 *   the branch named          the branch's words are in the post: by the branch's rarest word;
 *   a link                    the post links to the program's page: by the page.
 * A phrase made only of prefix words ("lego*") cannot be looked up, so that program is always a
 * candidate. With minOverlap ≤ 0 every title of two words or more overlaps, so those are too.
 */
export function candidateIndex(programs: readonly IndexedProgram[], minOverlap: number) {
	const rarity = new Map<string, number>();
	const count = (word: string) => rarity.set(word, (rarity.get(word) ?? 0) + 1);
	for (const program of programs) {
		for (const word of new Set(program.titlePhrase.filter((w) => !w.prefix).map((w) => w.word))) count(word);
		for (const word of program.titleWords) count(`\u0000${word}`);
		for (const word of new Set(program.branchPhrase.filter((w) => !w.prefix).map((w) => w.word)))
			count(`\u0001${word}`);
	}
	const rarest = (words: readonly string[], prefix: string) =>
		words
			.slice()
			.sort((a, b) => (rarity.get(prefix + a) ?? 0) - (rarity.get(prefix + b) ?? 0) || (a < b ? -1 : a > b ? 1 : 0));

	const phrase: Postings = new Map();
	const overlap: Postings = new Map();
	const branch: Postings = new Map();
	const link: Postings = new Map();
	const always: number[] = [];
	programs.forEach((program, position) => {
		let everyPost = false;
		const plainPhrase = [...new Set(program.titlePhrase.filter((w) => !w.prefix).map((w) => w.word))];
		if (plainPhrase.length > 0) post(phrase, rarest(plainPhrase, '')[0]!, position);
		else if (program.titlePhrase.length > 0) everyPost = true;

		if (program.titleWords.length >= 2) {
			const need = minOverlap <= 0 ? 0 : wordsNeeded(program.titleWords.length, minOverlap);
			if (need === 0) everyPost = true;
			else if (need !== null) {
				const keys = rarest(program.titleWords, '\u0000').slice(0, program.titleWords.length - need + 1);
				for (const key of keys) post(overlap, key, position);
			}
		}

		const plainBranch = [...new Set(program.branchPhrase.filter((w) => !w.prefix).map((w) => w.word))];
		if (plainBranch.length > 0) post(branch, rarest(plainBranch, '\u0001')[0]!, position);
		else if (program.branchPhrase.length > 0) everyPost = true;

		if (program.page !== null) post(link, program.page, position);
		if (everyPost) always.push(position);
	});

	const seen = new Int32Array(programs.length);
	let stamp = 0;
	return {
		/**
		 * The programs at positions [from, to) this post could promote, ascending; through the
		 * branch's name only those before `branchTo` (a branch match is for the coming week).
		 */
		candidates(postWords: IndexedPost, from: number, to: number, branchTo = to): number[] {
			stamp += 1;
			const found: number[] = [];
			const take = (list: readonly number[] | undefined, end = to) => {
				if (!list) return;
				for (let i = lowerBound(list, from); i < list.length && list[i]! < end; i++) {
					const position = list[i]!;
					if (seen[position] !== stamp) {
						seen[position] = stamp;
						found.push(position);
					}
				}
			};
			for (const word of postWords.wordSet) {
				take(phrase.get(word));
				take(branch.get(word), branchTo);
			}
			for (const word of postWords.meaningfulSet) take(overlap.get(word));
			for (const page of postWords.pages) take(link.get(page));
			take(always);
			return found.sort((a, b) => a - b);
		}
	};
}
