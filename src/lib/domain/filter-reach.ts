import { FILTER_NAMES, type DashboardFilterQuery, type FilterName } from './dashboard-filters';

/**
 * Which filters each kind of figure can be narrowed by. Posts carry a platform, campaign links and a
 * strategy but no branch or audience; programs carry a branch and audiences; usage (circulation,
 * visits) carries only a branch; account-level figures only a platform.
 */
export const FIGURE_FILTERS = {
	posts: ['platform', 'campaign', 'strategy'],
	stories: ['platform'],
	accounts: ['platform'],
	programs: ['branch', 'audience'],
	usage: ['branch'],
	literacy: ['branch', 'audience'],
	surveys: ['branch'],
	campaigns: ['branch', 'platform', 'campaign', 'strategy'],
	strategies: ['platform', 'campaign', 'strategy']
} as const satisfies Record<string, readonly FilterName[]>;
export type FigureKind = keyof typeof FIGURE_FILTERS;

/** What a figure is, in the sentence that says which filters it cannot take. */
const SUBJECT: Record<FigureKind, string> = {
	posts: 'posts',
	stories: 'stories',
	accounts: "the platforms' account-level figures",
	programs: 'programs',
	usage: 'circulation and visit figures',
	literacy: 'summer reading figures',
	surveys: 'survey answers',
	campaigns: 'campaigns',
	strategies: 'strategies'
};

const NOUN: Record<FilterName, string> = {
	branch: 'branch',
	platform: 'platform',
	campaign: 'campaign',
	strategy: 'strategy',
	audience: 'audience'
};

/** The filters that are on but that this kind of figure cannot be narrowed by, in the usual order. */
export function filtersNotApplied(kind: FigureKind, on: Iterable<FilterName>): FilterName[] {
	const applies = FIGURE_FILTERS[kind] as readonly FilterName[];
	const chosen = new Set(on);
	return FILTER_NAMES.filter((name) => chosen.has(name) && !applies.includes(name));
}

/** The names of the filters that hold a value. */
export function filtersOn(filters: DashboardFilterQuery, extra: FilterName[] = []): FilterName[] {
	return FILTER_NAMES.filter((name) => filters[name] !== undefined || extra.includes(name));
}

const list = (words: string[]) =>
	words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;

/**
 * The sentence shown beside a figure that a filter on cannot narrow, or null when every filter on
 * applies: "Every branch and audience: posts carry no branch or audience." A campaign filter sets the
 * dates of such a figure but not what it counts, and the sentence says so.
 */
export function notAppliedNote(kind: FigureKind, on: Iterable<FilterName>): string | null {
	const missing = filtersNotApplied(kind, on);
	if (missing.length === 0) return null;
	const plain = missing.filter((name) => name !== 'campaign');
	const parts: string[] = [];
	if (plain.length > 0) {
		const every = plain.map((name) => NOUN[name]);
		parts.push(
			`Not narrowed by ${list(every)}: ${SUBJECT[kind]} carry no ${list(every)}, so this counts every ${list(every)}.`
		);
	}
	if (missing.includes('campaign'))
		parts.push(`The campaign sets the dates only: ${SUBJECT[kind]} are not linked to a campaign.`);
	return parts.join(' ');
}
