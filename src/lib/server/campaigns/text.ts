/**
 * How campaign rules, strategy rules and program titles read a post: words, hashtags, mentions
 * and links, each normalised the same way everywhere so a rule means one thing.
 */
import { decodeEntities } from '../../html-entities';

const WORD = /[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu;
const HASHTAG = /#([\p{L}\p{N}_]+)/gu;
const MENTION = /(?<![\p{L}\p{N}_])@([\p{L}\p{N}_.]+)/gu;
// Bare addresses ("mvpl.org/summer") are common in captions; a short list of endings keeps "e.g." out.
const URL_IN_TEXT =
	/(?:\bhttps?:\/\/|\bwww\.|(?<![\p{L}\p{N}@.-])(?=[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.(?:org|com|net|edu|gov|us|info|io|ly|co|ca|uk|au|nz)\b))[^\s<>"'()[\]{}]+/giu;

/**
 * Lower-case with accents folded, so "Niños" matches a rule written "ninos"; entities decoded, as
 * the X legacy export HTML-escapes text and matching must see "&", not "amp".
 */
export function foldText(text: string): string {
	return decodeEntities(text)
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.replace(/[’‘`´]/g, "'")
		.toLowerCase();
}

/** The words of a text in order; punctuation, '#' and '@' are separators. */
export function words(text: string | null | undefined): string[] {
	if (!text) return [];
	return foldText(text).match(WORD) ?? [];
}

/** One word of a phrase pattern; `prefix` when it was written with a trailing '*'. */
export interface PatternWord {
	word: string;
	prefix: boolean;
}

/** Splits "author talk*" into words; hyphens and other punctuation split words as in `words`. */
export function phraseWords(pattern: string): PatternWord[] {
	const result: PatternWord[] = [];
	for (const piece of pattern.trim().split(/\s+/)) {
		const prefix = piece.endsWith('*');
		const pieceWords = words(prefix ? piece.slice(0, -1) : piece);
		pieceWords.forEach((word, index) => result.push({ word, prefix: prefix && index === pieceWords.length - 1 }));
	}
	return result;
}

/** Where the phrase first occurs as whole words, as the words found there; null when absent. */
export function findPhrase(haystack: readonly string[], phrase: readonly PatternWord[]): string | null {
	if (phrase.length === 0) return null;
	for (let start = 0; start + phrase.length <= haystack.length; start++) {
		const fits = phrase.every(({ word, prefix }, offset) => {
			const candidate = haystack[start + offset] ?? '';
			return prefix ? candidate.startsWith(word) : candidate === word;
		});
		if (fits) return haystack.slice(start, start + phrase.length).join(' ');
	}
	return null;
}

/** A hashtag as Lantern stores it: no '#', lower-case (as the import and campaign schema do). */
export function hashtagKey(tag: string): string {
	return tag.trim().replace(/^#+/, '').toLowerCase();
}

/** Hashtags from the export's list and from the text, since not every export lists them. */
export function postHashtags(
	hashtags: readonly string[] | null | undefined,
	text: string | null | undefined
): string[] {
	const found = new Set((hashtags ?? []).map(hashtagKey).filter(Boolean));
	for (const match of decodeEntities(text ?? '').matchAll(HASHTAG)) found.add(hashtagKey(match[1] ?? ''));
	found.delete('');
	return [...found];
}

/** An account handle as compared: no '@', lower-case. */
export function accountKey(handle: string): string {
	return handle.trim().replace(/^@+/, '').toLowerCase();
}

/** Accounts mentioned with '@' in the text (not e-mail addresses); a sentence's full stop is dropped. */
export function mentionedAccounts(text: string | null | undefined): string[] {
	const found = new Set<string>();
	for (const match of (text ?? '').matchAll(MENTION)) {
		const handle = accountKey((match[1] ?? '').replace(/\.+$/, ''));
		if (handle) found.add(handle);
	}
	return [...found];
}

/** URLs written in the text, trailing sentence punctuation removed. */
export function urlsInText(text: string | null | undefined): string[] {
	const found: string[] = [];
	for (const match of decodeEntities(text ?? '').matchAll(URL_IN_TEXT)) found.push(match[0].replace(/[.,;:!?]+$/, ''));
	return found;
}

/** Parses a link as people write it (with or without https://); null when it is not a web address. */
export function parseLink(link: string): URL | null {
	const trimmed = link.trim();
	if (!trimmed) return null;
	try {
		const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
		return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
	} catch {
		return null;
	}
}

/** The host a link points to, lower-case and without "www.". */
export function linkHost(url: URL): string {
	return url.hostname.toLowerCase().replace(/^www\./, '');
}

/** True when `host` is `domain` or one of its subdomains. */
export function hostWithin(host: string, domain: string): boolean {
	return host === domain || host.endsWith(`.${domain}`);
}

/** Deterministic text order (code units), so sorting never depends on the server's locale. */
export function compareText(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}
