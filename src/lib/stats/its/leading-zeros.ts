/**
 * A series that opens with a run of zeros has usually not started yet: a program that began
 * later, a count the library was not yet recording. Fitted through, the climb out of the zeros
 * becomes a trend the model projects forward: 12 zeros, 12 months averaging 3.3 and 12 campaign
 * months averaging 6.3 read −85% (p < 0.001) though the series rose. Such a run is left out.
 */
import { plural } from '../plural';

/** The shortest leading run taken as "not started": two empty weeks or months happen by chance. */
export const MIN_LEADING_ZEROS = 3;

/**
 * How many points at the front are a run of zeros to leave out: at least MIN_LEADING_ZEROS, ending
 * before `startIndex` (a pre-period of nothing but zeros is refused as having no baseline), and longer than any run of zeros later in the series (a program that often
 * has empty weeks keeps them). 0 when there is none.
 */
export function leadingZeroRun(values: readonly number[], startIndex: number): number {
	let run = 0;
	while (run < values.length && values[run] === 0) run++;
	if (run < MIN_LEADING_ZEROS || run >= startIndex) return 0;
	let longestLater = 0;
	let current = 0;
	for (let i = run; i < values.length; i++) {
		current = values[i] === 0 ? current + 1 : 0;
		longestLater = Math.max(longestLater, current);
	}
	return run > longestLater ? run : 0;
}

/** The sentence for the warnings and the paragraph; `last` is the last zero's date, as the caller formats it. */
export function leadingZeroNote(points: number, unit: string, last: string): string {
	return `The series is 0 for its first ${plural(points, unit)} (to ${last}), as if it had not started or was not yet recorded, so those ${unit}s are left out of the model.`;
}
