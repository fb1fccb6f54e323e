import { formatSignedPercent } from '../format';
import type { BranchEffect, BranchEffects } from './impact';

/** "A", "A and B", "A, B and C". */
export function namesInWords(names: readonly string[]): string {
	if (names.length <= 1) return names[0] ?? '';
	return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

const estimated = (b: BranchEffect) => b.average !== null && Number.isFinite(b.average.relative);
const interval = (b: BranchEffect) =>
	`${formatSignedPercent(b.average!.relative)} (${formatSignedPercent(b.average!.relativeLower)} to ${formatSignedPercent(b.average!.relativeUpper)})`;

/**
 * What the branch-by-branch estimates of one outcome say, in the words a director needs: where the
 * change is clear, where it is not, and whether the data can rank the branches at all. Never names
 * a "best" branch the intervals cannot tell apart.
 */
export function branchEffectsFinding(effects: BranchEffects): string {
	const rows = effects.branches;
	if (rows.length === 0)
		return `Lantern holds ${effects.label} for ${effects.branchCount} branches, too many to estimate on this page; Explore estimates one branch at a time.`;
	const named = (verdict: BranchEffect['verdict']) => rows.filter((b) => b.verdict === verdict).map((b) => b.branch);
	const [up, down, unclear, none] = [
		named('increase'),
		named('decrease'),
		named('inconclusive'),
		named('not enough data')
	];
	const sentences: string[] = [];
	if (up.length > 0) sentences.push(`Clearly up at ${namesInWords(up)}.`);
	if (down.length > 0) sentences.push(`Clearly down at ${namesInWords(down)}.`);
	if (unclear.length > 0)
		sentences.push(
			up.length + down.length === 0
				? `At no branch is the change clear: every interval includes no change (${namesInWords(unclear)}).`
				: `No clear change at ${namesInWords(unclear)}.`
		);
	if (none.length > 0) sentences.push(`Not enough data to estimate at ${namesInWords(none)}.`);
	const ranked = rows.filter(estimated).sort((a, b) => b.average!.relative - a.average!.relative);
	if (ranked.length >= 2) {
		const [top, bottom] = [ranked[0]!, ranked.at(-1)!];
		const apart = top.average!.relativeLower > bottom.average!.relativeUpper;
		sentences.push(
			apart
				? `The change at ${top.branch}, ${interval(top)}, was larger than at ${bottom.branch}, ${interval(bottom)}: their intervals do not overlap.`
				: `The largest estimate is at ${top.branch}, ${interval(top)}, and the smallest at ${bottom.branch}, ${interval(bottom)}; their intervals overlap, so the data cannot rank the branches.`
		);
	}
	return sentences.join(' ');
}
