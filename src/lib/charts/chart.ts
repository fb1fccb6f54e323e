import * as Plot from '@observablehq/plot';
import type { CampaignPeriod } from '../domain/campaigns';
/** What every Lantern chart carries so that people who cannot see it still get it. */
export interface ChartTable {
	columns: string[];
	rows: string[][];
}

export interface ChartSpec {
	title: string;
	/** one or two sentences stating the finding, with numbers */
	caption: string;
	/** short accessible name, read before the description */
	ariaLabel: string;
	table: ChartTable;
}

export interface ChartOptions {
	width: number;
	/** the period shown; the x axis spans exactly this, and campaign shading is clipped to it */
	range: { from: string; to: string };
	/** pass a JSDOM document to render outside the browser */
	document?: Document;
}

export const CAMPAIGN_FILL = '#f4a261';
export const PALETTE = {
	x: '#1d3557',
	facebook: '#457b9d',
	instagram: '#e76f51',
	attendance: '#2a9d8f',
	circulation: '#264653'
} as const;
/** One colour per platform, for every platform Lantern imports posts from. */
export const PLATFORM_COLOURS: Record<string, string> = {
	x: PALETTE.x,
	facebook: PALETTE.facebook,
	instagram: PALETTE.instagram,
	tiktok: '#6d597a',
	youtube: '#c1121f',
	linkedin: '#2a9d8f',
	mastodon: '#8338ec',
	bluesky: '#0096c7'
};

/** The x domain of a time chart: the whole selected period, in UTC calendar days. */
export function rangeDomain(range: { from: string; to: string }): [Date, Date] {
	return [new Date(`${range.from}T00:00:00Z`), new Date(`${range.to}T23:59:59Z`)];
}

/** Campaign periods as shaded bands across a time chart, each named on hover; bands past the axis are clipped. */
export function campaignShading(campaigns: CampaignPeriod[]): Plot.Markish {
	return Plot.rectX(campaigns, {
		x1: (c: CampaignPeriod) => new Date(`${c.startsOn}T00:00:00Z`),
		x2: (c: CampaignPeriod) => new Date(`${c.endsOn}T23:59:59Z`),
		fill: CAMPAIGN_FILL,
		fillOpacity: 0.15,
		clip: true,
		title: (c: CampaignPeriod) => c.name
	});
}

/**
 * Plot names each mark's `<g>` ("line", "rule", "x-axis tick"), but ARIA forbids a name on an
 * element without a role, and the words say nothing a reader needs: the chart's own label and
 * caption do. The name moves to `data-mark`, so tests and snapshots can still find each mark.
 */
export function withoutMarkNames<T extends Element>(chart: T): T {
	for (const mark of chart.querySelectorAll('g[aria-label]')) {
		mark.setAttribute('data-mark', mark.getAttribute('aria-label')!);
		mark.removeAttribute('aria-label');
	}
	return chart;
}
