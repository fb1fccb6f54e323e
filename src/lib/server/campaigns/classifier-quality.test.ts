import { describe, expect, it } from 'vitest';
import { classifierQuality, type StrategyCorrection } from './classifier-quality';
import type { Strategy } from '../../domain/campaigns';

const times = (n: number, predicted: Strategy | null, corrected: Strategy): StrategyCorrection[] =>
	Array.from({ length: n }, () => ({ predicted, corrected }));

describe('classifierQuality', () => {
	// Confusion matrix (rows predicted, columns corrected), worked by hand:
	//                  programs  books  success
	//   programs          3        1       0
	//   books             1        2       0
	//   success           0        0       1
	//   community         1        0       0
	//   (none)            0        0       1
	const corrections = [
		...times(3, 'programs_showcase', 'programs_showcase'),
		...times(1, 'programs_showcase', 'book_recommendations'),
		...times(2, 'book_recommendations', 'book_recommendations'),
		...times(1, 'book_recommendations', 'programs_showcase'),
		...times(1, 'success_stories', 'success_stories'),
		...times(1, 'community_engagement', 'programs_showcase'),
		...times(1, null, 'success_stories')
	];
	const quality = classifierQuality(corrections);
	const of = (strategy: Strategy) => quality.byStrategy.find((s) => s.strategy === strategy);

	it('computes per-strategy precision and recall from the matrix', () => {
		// programs: 3 right of 4 predicted, of 5 actual.
		expect(of('programs_showcase')).toMatchObject({
			actual: 5,
			predicted: 4,
			correct: 3,
			precision: 0.75,
			recall: 0.6
		});
		expect(of('programs_showcase')?.f1).toBeCloseTo((2 * 0.75 * 0.6) / 1.35, 12);
		expect(of('book_recommendations')).toMatchObject({ actual: 3, predicted: 3, correct: 2 });
		expect(of('book_recommendations')?.precision).toBeCloseTo(2 / 3, 12);
		expect(of('book_recommendations')?.recall).toBeCloseTo(2 / 3, 12);
		// success: the unlabelled post costs recall, not precision.
		expect(of('success_stories')).toMatchObject({ actual: 2, predicted: 1, correct: 1, precision: 1, recall: 0.5 });
	});

	it('gives null, never NaN, when a denominator is 0', () => {
		expect(of('community_engagement')).toEqual({
			strategy: 'community_engagement',
			actual: 0,
			predicted: 1,
			correct: 0,
			precision: 0,
			recall: null,
			f1: null
		});
		expect(of('partner_collaborations')).toEqual({
			strategy: 'partner_collaborations',
			actual: 0,
			predicted: 0,
			correct: 0,
			precision: null,
			recall: null,
			f1: null
		});
	});

	it('computes accuracy and macro averages over the defined metrics', () => {
		expect(quality).toMatchObject({ posts: 10, correct: 6, unlabelled: 1, accuracy: 0.6 });
		expect(quality.macroPrecision).toBeCloseTo((0.75 + 2 / 3 + 1 + 0) / 4, 12);
		expect(quality.macroRecall).toBeCloseTo((0.6 + 2 / 3 + 0.5) / 3, 12);
		expect(quality.macroF1).toBeCloseTo(2 / 3, 12);
	});

	it('reports nothing rather than NaN for no corrections', () => {
		const none = classifierQuality([]);
		expect(none).toMatchObject({ posts: 0, accuracy: null, macroPrecision: null, macroRecall: null, macroF1: null });
		expect(none.byStrategy.every((s) => s.precision === null && s.recall === null)).toBe(true);
	});
});
