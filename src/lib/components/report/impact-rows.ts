import type { ImpactPanelData } from '$lib/domain/impact';
import type { Summary } from '$lib/stats';
import {
	decimalsFor,
	formatCount,
	formatMeasure,
	formatPercent,
	formatPValue,
	formatSignedMeasure,
	formatSignedPercent
} from '$lib/format';

/** The post-period summary as three rows (actual, expected with its interval, effect), per period and in total. */
export function impactRows(summary: { average: Summary; cumulative: Summary }): string[][] {
	const line = (s: Summary) => {
		const digits = decimalsFor(Math.max(Math.abs(s.actual), Math.abs(s.predicted)));
		const value = (v: number) => (Number.isFinite(v) ? formatMeasure(v, digits) : 'no bound');
		const change = (v: number) => (Number.isFinite(v) ? formatSignedMeasure(v, digits) : 'no bound');
		const pct = (v: number) => (Number.isFinite(v) ? formatSignedPercent(v, 1) : 'no bound');
		return [
			value(s.actual),
			`${value(s.predicted)} (${value(s.predictedLower)} to ${value(s.predictedUpper)})`,
			`${change(s.absolute)} (${change(s.absoluteLower)} to ${change(s.absoluteUpper)})`,
			`${pct(s.relative)} (${pct(s.relativeLower)} to ${pct(s.relativeUpper)})`
		];
	};
	const average = line(summary.average);
	const cumulative = line(summary.cumulative);
	return ['Actual', 'Expected without the campaign', 'Effect', 'Effect, relative'].map((name, i) => [
		name,
		average[i]!,
		cumulative[i]!
	]);
}

/** The post-period summary table of an Impact panel whose estimate fitted; null when it did not. */
export function impactSummaryTable(
	panel: ImpactPanelData
): { caption: string; columns: string[]; rows: string[][] } | null {
	const r = panel.result;
	if (!r.ok) return null;
	return {
		caption: `During the campaign (${formatCount(r.summary.points)} ${panel.period}s; ${formatPercent(r.options.level, 0)} intervals; p = ${formatPValue(r.summary.p)})`,
		columns: ['', `Average per ${panel.period}`, 'Cumulative'],
		rows: impactRows(r.summary)
	};
}
