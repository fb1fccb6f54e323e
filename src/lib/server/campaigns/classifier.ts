import { STRATEGIES, type Strategy } from '../../domain/campaigns';
import { decodeEntities } from '../../html-entities';
import { DEFAULT_STRATEGY_RULES } from './default-strategy-rules';
import type { SignalName, StrategyRules } from './strategy-rules';
import { findPhrase, phraseWords, postHashtags, urlsInText, words, type PatternWord } from './text';

export { DEFAULT_STRATEGY_RULES };

export interface PostForClassifier {
	text: string | null;
	/** As imported, lower-case: "reply", "post", "photos", "ig reel", "poll"… */
	postType?: string | null;
	hashtags?: string[];
}

export interface StrategyMatch {
	strategy: Strategy;
	/** The rule's pattern as written, or "signal: reply" for a structural signal. */
	term: string;
	weight: number;
	/** The words of the post that matched, shown to staff. */
	found: string;
}

export interface Classification {
	/** Null when nothing matched or the best score is below the rules' threshold. */
	strategy: Strategy | null;
	/** The best strategy's score, also when it fell short of the threshold. */
	score: number;
	/** Every term and signal that matched, for every strategy, in strategy order then heaviest first. */
	matched: StrategyMatch[];
	/** The second-ranked strategy with a positive score. */
	runnerUp: { strategy: Strategy; score: number } | null;
}

interface CompiledRules {
	threshold: number;
	terms: { strategy: Strategy; pattern: string; words: PatternWord[]; weight: number }[];
	signals: StrategyRules['signals'];
	/** term indexes by their first word; by its first three letters when that word is a prefix (`story*`); and the rest */
	byFirstWord: Map<string, number[]>;
	byFirstLetters: Map<string, number[]>;
	byPrefixFirst: number[];
}

const FIRST_LETTERS = 3;

// Rules are compiled once per rules object; callers classify thousands of posts with one set.
const compiled = new WeakMap<StrategyRules, CompiledRules>();

function compile(rules: StrategyRules): CompiledRules {
	let result = compiled.get(rules);
	if (!result) {
		const terms = STRATEGIES.flatMap((strategy) =>
			rules.strategies[strategy].map((term) => ({
				strategy,
				pattern: term.pattern,
				words: phraseWords(term.pattern),
				weight: term.weight
			}))
		);
		const byFirstWord = new Map<string, number[]>();
		const byFirstLetters = new Map<string, number[]>();
		const byPrefixFirst: number[] = [];
		const add = (map: Map<string, number[]>, key: string, index: number) =>
			map.set(key, [...(map.get(key) ?? []), index]);
		terms.forEach((term, index) => {
			const first = term.words[0];
			if (!first || (first.prefix && first.word.length < FIRST_LETTERS)) byPrefixFirst.push(index);
			else if (first.prefix) add(byFirstLetters, first.word.slice(0, FIRST_LETTERS), index);
			else add(byFirstWord, first.word, index);
		});
		result = { threshold: rules.threshold, terms, signals: rules.signals, byFirstWord, byFirstLetters, byPrefixFirst };
		compiled.set(rules, result);
	}
	return result;
}

const REPOST_TYPES = new Set(['repost', 'share', 'shared', 'retweet']);

/** Which structural signals a post shows, with the text that shows it. */
function structuralSignals(post: PostForClassifier): [SignalName, string][] {
	const text = decodeEntities(post.text ?? '').trim();
	const type = (post.postType ?? '').trim().toLowerCase();
	const found: [SignalName, string][] = [];
	const repost = /^RT @/i.test(text) || REPOST_TYPES.has(type);
	if (repost) found.push(['repost', REPOST_TYPES.has(type) ? `post type ${type}` : 'RT @']);
	else if (type === 'reply' || text.startsWith('@'))
		found.push(['reply', type === 'reply' ? 'post type reply' : 'starts with @']);
	if (type === 'poll') found.push(['poll', 'post type poll']);
	// A '?' inside a link's query string is not a question.
	let withoutLinks = text;
	for (const url of urlsInText(text)) withoutLinks = withoutLinks.replace(url, ' ');
	if (withoutLinks.includes('?')) found.push(['question', '?']);
	return found;
}

/**
 * Scores a post for each strategy: the sum of the weights of the distinct terms and signals it
 * matches (a term counts once however often it appears). The best score wins when it reaches
 * the threshold. Ties go to the strategy whose single heaviest matched term is heavier, then to
 * the earlier strategy in the fixed order of STRATEGIES.
 */
export function classifyPost(post: PostForClassifier, rules: StrategyRules = DEFAULT_STRATEGY_RULES): Classification {
	const { threshold, terms, signals, byFirstWord, byFirstLetters, byPrefixFirst } = compile(rules);
	// Hashtags the export lists but the text lacks are read as words too ("#staffpicks" → "staffpicks").
	const textWords = words(post.text);
	const tagWords = postHashtags(post.hashtags, null).filter((tag) => !textWords.includes(tag));
	const matched: StrategyMatch[] = [];
	// A phrase starting with a whole word can only match where that word occurs: only those terms are tried, in rule order.
	const candidates = new Set(byPrefixFirst);
	for (const word of new Set([...textWords, ...tagWords])) {
		for (const index of byFirstWord.get(word) ?? []) candidates.add(index);
		for (const index of byFirstLetters.get(word.slice(0, FIRST_LETTERS)) ?? []) candidates.add(index);
	}
	for (const index of [...candidates].sort((a, b) => a - b)) {
		const term = terms[index]!;
		const found = findPhrase(textWords, term.words) ?? findPhrase(tagWords, term.words);
		if (found !== null) matched.push({ strategy: term.strategy, term: term.pattern, weight: term.weight, found });
	}
	for (const [name, found] of structuralSignals(post)) {
		const signal = signals[name];
		if (signal) matched.push({ strategy: signal.strategy, term: `signal: ${name}`, weight: signal.weight, found });
	}
	matched.sort((a, b) => STRATEGIES.indexOf(a.strategy) - STRATEGIES.indexOf(b.strategy) || b.weight - a.weight);

	const ranking = STRATEGIES.map((strategy) => {
		const own = matched.filter((match) => match.strategy === strategy);
		return {
			strategy,
			score: roundScore(own.reduce((sum, match) => sum + match.weight, 0)),
			heaviest: Math.max(0, ...own.map((match) => match.weight))
		};
	})
		.filter((entry) => entry.score > 0)
		.sort(
			(a, b) =>
				b.score - a.score || b.heaviest - a.heaviest || STRATEGIES.indexOf(a.strategy) - STRATEGIES.indexOf(b.strategy)
		);

	const best = ranking[0];
	const second = ranking[1];
	return {
		strategy: best && best.score >= threshold ? best.strategy : null,
		score: best?.score ?? 0,
		matched,
		runnerUp: second ? { strategy: second.strategy, score: second.score } : null
	};
}

/** Weights may be fractional; keep sums free of floating-point dust such as 0.30000000000000004. */
function roundScore(score: number): number {
	return Math.round(score * 1000) / 1000;
}

export interface PostLabel {
	strategy: Strategy | null;
	source: 'manual' | 'collaboration' | 'campaign' | 'rule' | null;
	/** The classifier's own answer, kept beside a correction so its precision can be measured. */
	predicted: Strategy | null;
	/** What the classifier matched, shown whatever the label's source. */
	matched: StrategyMatch[];
}

/** A post's strategy: a staff correction first, then its campaign's strategy, then the classifier. */
export function labelPost(
	post: PostForClassifier & { collaborator?: string | null },
	campaignStrategy: Strategy | null,
	correction: Strategy | null,
	rules: StrategyRules = DEFAULT_STRATEGY_RULES
): PostLabel {
	return labelFrom(classifyPost(post, rules), campaignStrategy, correction, post.collaborator ?? null);
}

/** labelPost from a classification already made (relinking classifies each distinct post once). */
export function labelFrom(
	classification: Classification,
	campaignStrategy: Strategy | null,
	correction: Strategy | null,
	collaborator: string | null
): PostLabel {
	const predicted = classification.strategy;
	const matched = classification.matched;
	if (correction) return { strategy: correction, source: 'manual', predicted, matched };
	// Published together with a partner's account: a partner collaboration by what it is, whatever its
	// words or its campaign say (a summer-reading collaboration is still the partner's post).
	if (collaborator) return { strategy: 'partner_collaborations', source: 'collaboration', predicted, matched };
	if (campaignStrategy) return { strategy: campaignStrategy, source: 'campaign', predicted, matched };
	if (predicted) return { strategy: predicted, source: 'rule', predicted, matched };
	return { strategy: null, source: null, predicted, matched };
}
