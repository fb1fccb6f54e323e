/**
 * The difference-in-differences statistic of a labelling of programs as promoted or not: for the
 * observed labelling, and for every relabelling the randomisation test compares it with.
 */
import type { Stratum } from './permutation';
import type { ProgramSeries } from './program-series';

/** One group's programs in a fixed order, with what the statistic needs of each. */
export interface GroupStratum {
	group: string;
	stratum: Stratum;
	treated: Uint8Array;
	/** Session count × mean attendance after and before: each program weighs the same on both sides. */
	after: Float64Array;
	before: Float64Array;
	sessionsAfter: Float64Array;
}

export function stratify(series: readonly ProgramSeries[]): GroupStratum[] {
	const byGroup = new Map<string, ProgramSeries[]>();
	for (const s of series) byGroup.set(s.group, [...(byGroup.get(s.group) ?? []), s]);
	return [...byGroup].map(([group, members]) => {
		// Fixed weights (all of a program's sessions) so a program meeting more often after the start is not read as growth.
		const weight = (s: ProgramSeries) => s.sessionsBefore + s.sessionsAfter;
		return {
			group,
			stratum: { size: members.length, labelled: members.filter((s) => s.promoted).length },
			treated: Uint8Array.from(members, (s) => (s.promoted ? 1 : 0)),
			after: Float64Array.from(members, (s) => (weight(s) * s.attendanceAfter) / s.sessionsAfter),
			before: Float64Array.from(members, (s) => (weight(s) * s.attendanceBefore) / s.sessionsBefore),
			sessionsAfter: Float64Array.from(members, (s) => s.sessionsAfter)
		};
	});
}

/**
 * Per group, log(promoted after/before) − log(comparison after/before) of program-weighted mean
 * attendance; groups combine weighted by promoted sessions after the start, so the ratio is the
 * effect averaged over the sessions that were promoted.
 */
export function statistic(
	strata: readonly GroupStratum[],
	labels: readonly Uint8Array[]
): { total: number; byGroup: Map<string, number> } {
	const byGroup = new Map<string, number>();
	let weighted = 0;
	let weights = 0;
	strata.forEach((s, g) => {
		const arm = [0, 0, 0, 0];
		let weight = 0;
		labels[g]!.forEach((label, i) => {
			arm[label ? 0 : 2]! += s.after[i]!;
			arm[label ? 1 : 3]! += s.before[i]!;
			if (label) weight += s.sessionsAfter[i]!;
		});
		const logRatio = Math.log(arm[0]! / arm[1]!) - Math.log(arm[2]! / arm[3]!);
		byGroup.set(s.group, Math.exp(logRatio));
		weighted += weight * logRatio;
		weights += weight;
	});
	return { total: weighted / weights, byGroup };
}

/**
 * Testing "promotion multiplied attendance by e^effect" divides the promoted programs' after
 * sessions by e^effect and relabels. Each labelling's arm sums split into the part from truly
 * promoted programs (which scales) and the rest, so one pass here makes each test cheap.
 */
export function labellingTable(strata: readonly GroupStratum[], labellings: readonly Uint8Array[]) {
	const groups = strata.length;
	const columns = 6;
	const table = new Float64Array(labellings.length * groups * columns);
	labellings.forEach((labelling, l) => {
		let offset = 0;
		strata.forEach((s, g) => {
			const row = (l * groups + g) * columns;
			let beforePromoted = 0;
			let beforeComparison = 0;
			for (let i = 0; i < s.stratum.size; i++) {
				const arm = labelling[offset + i] ? 0 : 2;
				table[row + arm + (s.treated[i] ? 0 : 1)]! += s.after[i]!;
				if (arm === 0) {
					beforePromoted += s.before[i]!;
					table[row + 5]! += s.sessionsAfter[i]!;
				} else beforeComparison += s.before[i]!;
			}
			table[row + 4] = Math.log(beforeComparison / beforePromoted);
			offset += s.stratum.size;
		});
	});
	return {
		statistics(effect: number): Float64Array {
			const scale = Math.exp(-effect);
			return Float64Array.from(labellings, (_, l) => {
				let weighted = 0;
				let weights = 0;
				for (let g = 0; g < groups; g++) {
					const row = (l * groups + g) * columns;
					const logRatio =
						Math.log(table[row]! * scale + table[row + 1]!) -
						Math.log(table[row + 2]! * scale + table[row + 3]!) +
						table[row + 4]!;
					weighted += table[row + 5]! * logRatio;
					weights += table[row + 5]!;
				}
				return weighted / weights;
			});
		}
	};
}
