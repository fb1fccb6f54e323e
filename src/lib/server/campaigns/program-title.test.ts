import { describe, expect, it } from 'vitest';
import { bestOverlap, meaningfulWords, plainTitle } from './program-title';

describe('plainTitle', () => {
	it('strips status prefixes however they are written', () => {
		expect(plainTitle('CANCELLED: Teen LEGO Club')).toBe('Teen LEGO Club');
		expect(plainTitle('[Canceled] - Teen LEGO Club')).toBe('Teen LEGO Club');
		expect(plainTitle('Postponed: CANCELLED: Teen LEGO Club')).toBe('Teen LEGO Club');
		expect(plainTitle('New Year Book Swap')).toBe('New Year Book Swap');
	});
});

describe('meaningfulWords and bestOverlap', () => {
	it('drops stop words and folds simple plurals and possessives', () => {
		expect(meaningfulWords("Join us for the Children's Crafts & Teens Club")).toEqual([
			'children',
			'craft',
			'teen',
			'club'
		]);
	});
	it('finds the best short run of the post, not the whole post', () => {
		const title = meaningfulWords('Teen LEGO Club');
		const post = meaningfulWords(
			'Big week at Riverside! Our teen lego building club meets Friday, snacks included, bring friends.'
		);
		// Best run: "teen lego building club" → 3 shared of 4 words.
		expect(bestOverlap(title, post)).toEqual({ jaccard: 0.75, shared: ['teen', 'lego', 'club'] });
	});
});
