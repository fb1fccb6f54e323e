import type { CampaignLink } from './dashboards';
import type { DashboardContext } from './dashboard-filters';

/** The usage figures the page shows, in order; circulation is physical plus digital, shown with its parts. */
export const USAGE_MEASURES = [
	'total_circulation',
	'circulation',
	'digital_checkouts',
	'visits',
	'new_cards',
	'website_sessions',
	'computer_sessions',
	'wifi_sessions'
] as const;
/** Branches in one page of the Usage page's branch table. */
export const BRANCHES_PER_PAGE = 50;

export type UsageMeasure = (typeof USAGE_MEASURES)[number];

export const USAGE_MEASURE_LABELS: Record<UsageMeasure, string> = {
	total_circulation: 'Circulation',
	circulation: 'Physical checkouts',
	digital_checkouts: 'Digital checkouts',
	visits: 'Visits',
	new_cards: 'New cards',
	website_sessions: 'Website sessions',
	computer_sessions: 'Computer sessions',
	wifi_sessions: 'Wi-Fi sessions'
};

export const USAGE_MEASURE_NOTES: Record<UsageMeasure, string> = {
	total_circulation: 'Physical and digital checkouts together, the one definition Lantern uses everywhere',
	circulation: 'Checkouts and renewals of physical items',
	digital_checkouts: 'E-books, e-audiobooks and streaming (OverDrive/Libby, hoopla and the like)',
	visits: 'People through the door (door counters or monthly reports)',
	new_cards: 'Library cards issued',
	website_sessions: 'Visits to the library website',
	computer_sessions: 'Public computer sessions',
	wifi_sessions: 'Wi-Fi sessions'
};

/** One measure at one branch (null: all branches) in the range and the comparison range. */
export interface UsageTotal {
	branch: string | null;
	measure: UsageMeasure;
	current: number | null;
	previous: number | null;
}

/** One measure at one branch in one month of the range. */
export interface UsageMonth {
	month: string;
	branch: string;
	measure: UsageMeasure;
	value: number;
	/** how many branches the row adds together, on the "N other branches" line (see other-branches.ts) */
	others?: number;
}

export interface UsageDashboard {
	context: DashboardContext;
	branches: string[];
	totals: UsageTotal[];
	months: UsageMonth[];
	campaigns: CampaignLink[];
	/** the library's service population from the IMLS PLS file, when Settings name the library */
	population: { people: number; fiscalYear: number } | null;
	hasUsage: boolean;
}

/**
 * One page of the branch table (branches by name, BRANCHES_PER_PAGE to a page; a page past the last is
 * the last): the totals of the library as a whole (branch null, the key figures) and of that page's
 * branches, the page's branch names in order, and the place of its first among all branches (from 1).
 */
export function pageOfBranches(
	totals: UsageTotal[],
	requested: number
): { totals: UsageTotal[]; names: string[]; first: number; page: number; pages: number; branches: number } {
	const all = [...new Set(totals.flatMap((row) => (row.branch === null ? [] : [row.branch])))].sort((a, b) =>
		a.localeCompare(b)
	);
	const pages = Math.max(1, Math.ceil(all.length / BRANCHES_PER_PAGE));
	const page = Math.min(Math.max(1, Math.floor(requested)), pages);
	const first = (page - 1) * BRANCHES_PER_PAGE;
	const names = all.slice(first, first + BRANCHES_PER_PAGE);
	const shown = new Set(names);
	return {
		totals: totals.filter((row) => row.branch === null || shown.has(row.branch)),
		names,
		first: first + 1,
		page,
		pages,
		branches: all.length
	};
}
