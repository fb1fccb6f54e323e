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
	/** pass a JSDOM document to render outside the browser */
	document?: Document;
}

export const CAMPAIGN_FILL = '#f4a261';
export const PALETTE = { x: '#1d3557', facebook: '#457b9d', instagram: '#e76f51', attendance: '#2a9d8f', circulation: '#264653' } as const;
