import { STRATEGIES, type Strategy } from '../../domain/campaigns';

export interface StrategyCorrection {
	/** What the classifier said (null when it gave no strategy). */
	predicted: Strategy | null;
	/** What staff say the post is. */
	corrected: Strategy;
}

export interface StrategyQuality {
	strategy: Strategy;
	/** Posts staff put in this strategy. */
	actual: number;
	/** Posts the classifier put in this strategy. */
	predicted: number;
	/** Posts both put in this strategy. */
	correct: number;
	/** Null when the classifier never predicted it. */
	precision: number | null;
	/** Null when staff never chose it. */
	recall: number | null;
	/** Null when precision or recall is null. */
	f1: number | null;
}

export interface ClassifierQuality {
	posts: number;
	correct: number;
	/** Posts the classifier left without a strategy; they count against recall, not precision. */
	unlabelled: number;
	accuracy: number | null;
	/** Means over the strategies whose metric is defined; null when none is. */
	macroPrecision: number | null;
	macroRecall: number | null;
	macroF1: number | null;
	byStrategy: StrategyQuality[];
}

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

function mean(values: (number | null)[]): number | null {
	const defined = values.filter((value): value is number => value !== null);
	return defined.length === 0 ? null : defined.reduce((sum, value) => sum + value, 0) / defined.length;
}

/**
 * How well the classifier agrees with staff on the posts they labelled. Only labelled posts
 * count, so record confirmations as well as corrections or the figures look worse than they are.
 */
export function classifierQuality(corrections: readonly StrategyCorrection[]): ClassifierQuality {
	const byStrategy = STRATEGIES.map((strategy): StrategyQuality => {
		const actual = corrections.filter((c) => c.corrected === strategy).length;
		const predicted = corrections.filter((c) => c.predicted === strategy).length;
		const correct = corrections.filter((c) => c.predicted === strategy && c.corrected === strategy).length;
		const precision = ratio(correct, predicted);
		const recall = ratio(correct, actual);
		const f1 =
			precision === null || recall === null
				? null
				: precision + recall === 0
					? 0
					: (2 * precision * recall) / (precision + recall);
		return { strategy, actual, predicted, correct, precision, recall, f1 };
	});
	const correct = corrections.filter((c) => c.predicted === c.corrected).length;
	return {
		posts: corrections.length,
		correct,
		unlabelled: corrections.filter((c) => c.predicted === null).length,
		accuracy: ratio(correct, corrections.length),
		macroPrecision: mean(byStrategy.map((s) => s.precision)),
		macroRecall: mean(byStrategy.map((s) => s.recall)),
		macroF1: mean(byStrategy.map((s) => s.f1)),
		byStrategy
	};
}
