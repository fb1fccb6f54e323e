import { verdictOf, type ImpactPanelData } from '../../domain/impact';
import { STRATEGY_LABELS } from '../../domain/campaigns';
import { COMPARISON_LABELS, type Kpi, type OverviewData } from '../../domain/overview';
import {
	formatChange,
	formatCount,
	formatDateRange,
	formatPercent,
	formatSignedMeasure,
	formatSignedPercent,
	decimalsFor
} from '../../format';

export interface SummaryCampaign {
	name: string;
	startsOn: string;
	endsOn: string;
	panels: ImpactPanelData[];
}

export interface SummaryInput {
	overview: Pick<OverviewData, 'range' | 'previousRange' | 'comparison' | 'kpis'> &
		Partial<Pick<OverviewData, 'context'>>;
	/** the branches the report is limited to (empty: every branch) */
	branches?: string[];
	campaigns: SummaryCampaign[];
	/** visits counted at the door in the period, when door counts were uploaded */
	visits: number | null;
}

const kpi = (kpis: Kpi[], id: Kpi['id']) => kpis.find((k) => k.id === id);

/**
 * "848 posts (+4.0% on the previous period)"; a rate is set beside the earlier rate instead (a
 * relative change of a percentage reads as points); the figure alone when there is nothing to compare.
 */
function figure(k: Kpi | undefined, noun: string, against: string): string | null {
	if (!k || k.value === null) return null;
	if (k.kind === 'ratio')
		return `${formatPercent(k.value)}${noun}${k.previous === null ? '' : ` (${formatPercent(k.previous)} in the ${against})`}`;
	const change = formatChange(k.value, k.previous);
	return `${formatCount(k.value)}${noun} (${change === '—' ? `no figure for the ${against}` : `${change} on the ${against}`})`;
}

function keyFigures(input: SummaryInput): string {
	const { range, previousRange, comparison, kpis } = input.overview;
	const against = COMPARISON_LABELS[comparison];
	const posts = figure(kpi(kpis, 'posts'), ' posts', against);
	const impressions = figure(kpi(kpis, 'impressions'), ' times', against);
	const rate = figure(kpi(kpis, 'engagementRate'), '', against);
	const attendance = figure(kpi(kpis, 'attendance'), '', against);
	const circulation = figure(kpi(kpis, 'circulation'), ' checkouts', against);
	const sentences = [
		`This report covers ${formatDateRange(range.from, range.to)} and compares it with the ${against} (${formatDateRange(previousRange.from, previousRange.to)}).`
	];
	const narrowed = filterWords(input);
	if (narrowed)
		sentences.push(
			`Its figures are limited to ${narrowed}, where a figure can be; the cover and each section say which cannot.`
		);
	sentences.push(
		kpi(kpis, 'posts')?.value
			? `The library published ${posts}.${impressions ? ` They were shown ${impressions}` : ''}${rate ? `${impressions ? ', with' : ' They had'} an engagement rate of ${rate}` : ''}${impressions || rate ? '.' : ''}`
			: 'Not enough data for social media: no posts were uploaded for this period.'
	);
	const use = [
		attendance && `program attendance was ${attendance}`,
		circulation && `circulation was ${circulation}`,
		input.visits !== null && `${formatCount(input.visits)} visits were counted at the door`
	].filter(Boolean);
	sentences.push(
		use.length > 0
			? `${use.join('; ').replace(/^./, (c) => c.toUpperCase())}.`
			: 'Not enough data for library use: no program attendance, circulation or door counts were uploaded for this period.'
	);
	sentences.push('These are descriptive changes between two periods, not effects of any one campaign.');
	return sentences.join(' ');
}

/** "branch Eastside, platform Instagram and audience Teens", or null when the report has no filter. */
function filterWords(input: SummaryInput): string | null {
	const filters = input.overview.context?.filters ?? {};
	const options = input.overview.context?.options ?? {};
	const label = (name: 'platform' | 'audience', value: string | undefined) =>
		value && `${name} ${options[name]?.find((o) => o.value === value)?.label ?? value}`;
	const words = [
		input.branches?.length
			? `${input.branches.length === 1 ? 'branch' : 'branches'} ${input.branches.join(', ')}`
			: null,
		label('platform', filters.platform),
		filters.campaign !== undefined &&
			input.overview.context?.campaign &&
			`the posts of ${input.overview.context.campaign.name}`,
		filters.strategy && `the ${STRATEGY_LABELS[filters.strategy]} strategy`,
		label('audience', filters.audience)
	].filter((word): word is string => Boolean(word));
	if (words.length === 0) return null;
	return words.length === 1 ? words[0]! : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** One campaign outcome in a sentence: the estimate, its interval, and what it does not settle. */
export function campaignSentence(campaign: SummaryCampaign, panel: ImpactPanelData): string {
	const who = `${campaign.name} (${formatDateRange(campaign.startsOn, campaign.endsOn)}), ${panel.label.replace(/ per (week|month)$/, '')}`;
	const r = panel.result;
	if (!r.ok)
		return `${who}: not enough data to estimate an effect. ${r.reason.replace(/^Not enough data to estimate:\s*/i, '').replace(/^./, (c) => c.toUpperCase())}`;
	const a = r.summary.average;
	const level = formatPercent(r.options.level, 0);
	// A percentage needs a positive baseline; otherwise the change per period is stated as a difference.
	const digits = decimalsFor(Math.max(Math.abs(a.actual), Math.abs(a.predicted)));
	const estimate =
		a.predictedLower > 0
			? `an estimated ${formatSignedPercent(a.relative)} against what was expected without the campaign (${level} interval ${formatSignedPercent(a.relativeLower)} to ${formatSignedPercent(a.relativeUpper)})`
			: `an estimated ${formatSignedMeasure(a.absolute, digits)} a ${panel.period} against what was expected without the campaign (${level} interval ${formatSignedMeasure(a.absoluteLower, digits)} to ${formatSignedMeasure(a.absoluteUpper, digits)})`;
	const verdict = verdictOf(panel);
	const meaning =
		verdict === 'inconclusive'
			? panel.sensitivity?.dependsOnModel
				? ' Reasonable models disagree, so this result is inconclusive.'
				: ' The interval includes no change, so this is inconclusive: the data cannot tell whether the campaign made a difference.'
			: panel.overlapping.length > 0
				? ` Other campaigns on the same outcome ran at the same time (${panel.overlapping.join(', ')}), so this estimate includes their effects.`
				: '';
	return `${who}: ${estimate}.${meaning}`;
}

/** One paragraph per campaign, then one that names what the data leaves open. */
function campaignParagraphs(campaigns: SummaryCampaign[]): string[] {
	const paragraphs: string[] = [];
	const unsettled: string[] = [];
	for (const campaign of campaigns) {
		if (campaign.panels.length === 0) {
			paragraphs.push(`${campaign.name} names no outcome to measure, so its impact was not estimated.`);
			continue;
		}
		paragraphs.push(campaign.panels.map((panel) => campaignSentence(campaign, panel)).join(' '));
		if (campaign.panels.some((panel) => ['inconclusive', 'not enough data'].includes(verdictOf(panel))))
			unsettled.push(campaign.name);
	}
	if (unsettled.length > 0)
		paragraphs.push(
			`Still open: ${unsettled.join(', ')}. ${unsettled.length === 1 ? 'Its estimate does' : 'Their estimates do'} not show a clear effect either way; more data, or a longer campaign, would be needed to tell.`
		);
	return paragraphs;
}

/**
 * The executive summary, generated in plain language from the figures the report shows: the key
 * figures with their calendar-aligned comparisons, then each campaign's estimate with its interval.
 * It says "not enough data" where that is the truth, never a number the data cannot support.
 */
export function executiveSummary(input: SummaryInput): string[] {
	return [keyFigures(input), ...campaignParagraphs(input.campaigns)];
}

/** An edited summary's paragraphs: split at blank lines, each paragraph's own line breaks kept as spaces. */
export function summaryParagraphs(text: string): string[] {
	return text
		.split(/\r?\n\s*\r?\n/)
		.map((p) => p.replace(/\s+/g, ' ').trim())
		.filter(Boolean);
}
