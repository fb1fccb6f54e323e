/** A count and its noun for the estimators' reasons and warnings: "1 point", "12 points". */
import { formatCount } from '../format';

export const plural = (count: number, word: string): string => `${formatCount(count)} ${word}${count === 1 ? '' : 's'}`;
