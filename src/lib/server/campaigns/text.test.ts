import { describe, expect, it } from 'vitest';
import { findPhrase, hostWithin, mentionedAccounts, phraseWords, postHashtags, urlsInText, words } from './text';

describe('words', () => {
	it('folds case and accents, keeps apostrophes inside words, and reads HTML-escaped ampersands', () => {
		expect(words('Niños STORYTIME &amp; Parks-Rec!')).toEqual(['ninos', 'storytime', 'parks', 'rec']);
		expect(words('What we’re reading')).toEqual(['what', "we're", 'reading']);
		expect(words(null)).toEqual([]);
	});
});

describe('findPhrase', () => {
	const text = words('Summer-Reading kicks off; join our workshops today');
	it('matches whole words and phrases only', () => {
		expect(findPhrase(text, phraseWords('summer reading'))).toBe('summer reading');
		expect(findPhrase(text, phraseWords('workshop'))).toBeNull();
		expect(findPhrase(words('Summertime reading'), phraseWords('summer reading'))).toBeNull();
	});
	it('lets a trailing * match any ending', () => {
		expect(findPhrase(text, phraseWords('workshop*'))).toBe('workshops');
		expect(findPhrase(text, phraseWords('join our work*'))).toBe('join our workshops');
	});
});

describe('post parts', () => {
	it('collects hashtags from the export list and the text, lower-case without #', () => {
		expect(postHashtags(['#MapleSummerReads'], 'Go #mvplReads and #maplesummerreads')).toEqual([
			'maplesummerreads',
			'mvplreads'
		]);
	});
	it('finds @mentions but not e-mail addresses, dropping a full stop', () => {
		expect(mentionedAccounts('Thanks @MVSchools. Mail help@maplevalleypl.org or @Friends.MVPL')).toEqual([
			'mvschools',
			'friends.mvpl'
		]);
	});
	it('finds links with or without a scheme and drops sentence punctuation', () => {
		expect(urlsInText('Sign up: https://maplevalleypl.libcal.com/event/1. Or www.mvpl.org/summer!')).toEqual([
			'https://maplevalleypl.libcal.com/event/1',
			'www.mvpl.org/summer'
		]);
	});
	it('treats subdomains as inside a domain', () => {
		expect(hostWithin('maplevalley.libcal.com', 'libcal.com')).toBe(true);
		expect(hostWithin('notlibcal.com', 'libcal.com')).toBe(false);
	});
});

describe('bare addresses', () => {
	it('reads an address without a scheme when it ends in a common domain, and skips e-mail', () => {
		expect(urlsInText('Sign up at maplevalley.beanstack.org/summer today, e.g. here. Mail help@mvpl.org')).toEqual([
			'maplevalley.beanstack.org/summer'
		]);
	});
});
