import { z } from 'zod';
import { COMPARISON_LABELS, readDateRangeQuery, type Comparison, type DateRange } from './overview';
import { STRATEGIES, STRATEGY_LABELS } from './campaigns';
import { formatDateRange } from '../format';

/**
 * The filters the dashboards (Literacy, Usage, Programs, Social) keep in the URL, besides the date
 * range and comparison the Overview reads: `?branch=Eastside&platform=instagram&campaign=5`.
 * A filter a page does not use is ignored there, and the page says which ones are on.
 */
export const FILTER_NAMES = ['branch', 'platform', 'campaign', 'strategy', 'audience'] as const;
export type FilterName = (typeof FILTER_NAMES)[number];

const Text = z.string().trim().min(1).max(200);
export const DashboardFilterQuery = z.object({
	branch: Text.optional().catch(undefined),
	platform: Text.optional().catch(undefined),
	campaign: z.coerce.number().int().positive().optional().catch(undefined),
	strategy: z.enum(STRATEGIES).optional().catch(undefined),
	audience: Text.optional().catch(undefined)
});
export type DashboardFilterQuery = z.infer<typeof DashboardFilterQuery>;

export interface DashboardQuery {
	from?: string;
	to?: string;
	compare: Comparison;
	filters: DashboardFilterQuery;
}

/**
 * A dashboard's query: the date range read as the Overview reads it (a range that cannot be read
 * falls back to the default with a sentence why), the other filters each on its own, an unreadable
 * one dropped rather than failing the page. `compare` left out takes the page's own default.
 */
export function readDashboardQuery(
	params: URLSearchParams,
	defaultCompare: Comparison = 'previous'
): { query: DashboardQuery; problem: string | null } {
	const { query, problem } = readDateRangeQuery(params);
	const filters = DashboardFilterQuery.parse(
		Object.fromEntries(FILTER_NAMES.map((name) => [name, params.get(name) || undefined]))
	);
	const compare = params.has('compare') && query.compare ? query.compare : defaultCompare;
	return { query: { from: query.from, to: query.to, compare, filters }, problem };
}

/** One option of a filter's list: the value in the URL and the words shown. */
export interface FilterOption {
	value: string;
	label: string;
}

/** What a dashboard shows about its filters: the range it resolved to and the lists to choose from. */
export interface DashboardContext {
	range: DateRange;
	previousRange: DateRange;
	comparison: Comparison;
	filters: DashboardFilterQuery;
	/** the lists of the filters this page offers; a filter absent here is not offered */
	options: Partial<Record<FilterName, FilterOption[]>>;
	/**
	 * filters chosen (on another page) that this page cannot take: kept in its form and links so they
	 * come back on the pages that can, and named so nobody thinks they narrowed these figures
	 */
	notOffered?: Partial<Record<FilterName, string>>;
	/** the chosen campaign's window, when a campaign filter sets the range */
	campaign: { id: number; name: string; startsOn: string; endsOn: string } | null;
	timeZone: string;
}

export const FILTER_LABELS: Record<FilterName, string> = {
	branch: 'Branch',
	platform: 'Platform',
	campaign: 'Campaign',
	strategy: 'Strategy',
	audience: 'Audience'
};

/** "Filters on: branch Eastside; platform Instagram." or "No filters: every branch, …", for the page to say. */
export function describeFilters(context: DashboardContext, period?: string): string {
	const on: string[] = [];
	for (const name of FILTER_NAMES) {
		const value = context.filters[name];
		if (value === undefined || !context.options[name]) continue;
		const label =
			name === 'strategy'
				? STRATEGY_LABELS[value as keyof typeof STRATEGY_LABELS]
				: (context.options[name].find((option) => option.value === String(value))?.label ?? String(value));
		on.push(`${FILTER_LABELS[name].toLowerCase()} ${label}`);
	}
	period ??= `${formatDateRange(context.range.from, context.range.to)} against ${COMPARISON_LABELS[context.comparison]} (${formatDateRange(context.previousRange.from, context.previousRange.to)})`;
	const offered = (Object.keys(context.options) as FilterName[]).filter((name) => context.filters[name] === undefined);
	const all = offered.length ? `; all ${offered.map((name) => plural(name)).join(', ')}` : '';
	return on.length ? `Filters on: ${on.join('; ')}. Period: ${period}.` : `No filters on${all}. Period: ${period}.`;
}

/** "Not applied on this page: branch Eastside (…)", for filters kept from another page; null when there are none. */
export function describeNotOffered(context: DashboardContext): string | null {
	const kept = FILTER_NAMES.filter((name) => context.notOffered?.[name] !== undefined);
	if (kept.length === 0) return null;
	const named = kept.map((name) => {
		const value = context.notOffered![name]!;
		return `${FILTER_LABELS[name].toLowerCase()} ${name === 'strategy' ? (STRATEGY_LABELS[value as keyof typeof STRATEGY_LABELS] ?? value) : value}`;
	});
	return `Not applied on this page: ${named.join('; ')}. These figures cannot be narrowed by ${kept.length === 1 ? 'it' : 'them'}; ${kept.length === 1 ? 'it is' : 'they are'} kept for the pages that can.`;
}

function plural(name: FilterName): string {
	return {
		branch: 'branches',
		platform: 'platforms',
		campaign: 'campaigns',
		strategy: 'strategies',
		audience: 'audiences'
	}[name];
}

/** The query string of a dashboard link that keeps the range and the filters it is given. */
export function dashboardSearch(context: DashboardContext, change: Partial<Record<FilterName, string | null>> = {}) {
	const params = new URLSearchParams({
		from: context.range.from,
		to: context.range.to,
		compare: context.comparison
	});
	for (const name of FILTER_NAMES) {
		const value = name in change ? change[name] : context.filters[name];
		if (value !== undefined && value !== null) params.set(name, String(value));
	}
	if (context.campaign && change.campaign !== null) {
		params.delete('from');
		params.delete('to');
	}
	return `?${params}`;
}

/** The query keys a dashboard's range and filters travel in, from page to page. */
export const CARRIED_KEYS = ['from', 'to', 'compare', ...FILTER_NAMES] as const;

/**
 * The range and filters of an address, as a query string ("?from=…&branch=Eastside") for a link to
 * another dashboard, so moving between pages keeps what was chosen; "" when nothing is chosen.
 */
export function carriedSearch(params: URLSearchParams): string {
	const kept = new URLSearchParams();
	for (const key of CARRIED_KEYS) {
		const value = params.get(key);
		if (value) kept.set(key, value);
	}
	const text = kept.toString();
	return text ? `?${text}` : '';
}
