import { z } from 'zod';
import { IsoDate } from './dates';
import { STRATEGIES } from './campaigns';
import type { DashboardContext } from './dashboard-filters';
import { COMPARISONS } from './overview';
import { PLATFORM_LABELS } from './vocabulary';
import { describeZodError } from './zod-message';

/** The sections a board report can hold, in the order a board packet usually reads. */
export const REPORT_SECTIONS = [
	'cover',
	'summary',
	'social',
	'programs',
	'usage',
	'literacy',
	'campaigns',
	'strategies',
	'peers',
	'methodology',
	'appendix'
] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];

export const SECTION_LABELS: Record<ReportSection, string> = {
	cover: 'Cover',
	summary: 'Executive summary',
	social: 'Social reach and engagement',
	programs: 'Programs and attendance',
	usage: 'Library use: visits and circulation',
	literacy: 'Literacy: summer reading and outcome surveys',
	campaigns: 'Campaigns and their impact',
	strategies: 'Posting strategies',
	peers: 'Peer comparison',
	methodology: 'Methodology and definitions',
	appendix: 'Appendix: weekly figures'
};

/** Which posts a report's social figures count: every post, or only the one named campaign's. */
export const REPORT_POSTS = ['all', 'campaign'] as const;

export const PAPERS = ['letter', 'a4'] as const;
export const ORIENTATIONS = ['portrait', 'landscape'] as const;
export type Paper = (typeof PAPERS)[number];
export type Orientation = (typeof ORIENTATIONS)[number];

/** An edited executive summary is a few paragraphs, not a document of its own. */
export const SUMMARY_LIMIT = 6000;
const Text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);

const SectionList = z
	.string()
	.transform((text) =>
		text
			.split(',')
			.map((s) => s.trim())
			.filter(Boolean)
	)
	.pipe(
		z
			.array(z.enum(REPORT_SECTIONS, { message: `each section must be one of ${REPORT_SECTIONS.join(', ')}` }))
			.min(1, 'choose at least one section')
	)
	// A section named twice appears once, where it was first named.
	.transform((sections) => [...new Set(sections)]);

/**
 * Everything that decides what a board report shows. It travels as a URL query string (the print
 * page's URL, a saved template, the archive's record of a report), so the string is the interface.
 */
export const ReportParams = z
	.object({
		from: IsoDate.optional(),
		to: IsoDate.optional(),
		compare: z.enum(COMPARISONS).default('previous'),
		/** branches the branch-level figures are limited to; empty: every branch */
		branches: z.array(Text(200).min(1)).max(50).default([]),
		/** campaigns by name, in the order shown; null: every campaign that ran in the period */
		campaigns: z.array(Text(200).min(1)).max(30).nullable().default(null),
		/**
		 * 'campaign': the social figures (summary, social, strategies, appendix) count only the posts of
		 * the one campaign named, as a dashboard with a campaign filter does; 'all': every post
		 */
		posts: z.enum(REPORT_POSTS, { message: `must be one of ${REPORT_POSTS.join(', ')}` }).default('all'),
		/** the platform the social figures are limited to (posts, stories, account figures); absent: every platform */
		platform: z
			.enum(Object.keys(PLATFORM_LABELS) as [string, ...string[]], {
				message: `must be one of ${Object.keys(PLATFORM_LABELS).join(', ')}`
			})
			.optional(),
		/** the posting strategy the social figures are limited to; absent: every strategy */
		strategy: z.enum(STRATEGIES, { message: `must be one of ${STRATEGIES.join(', ')}` }).optional(),
		/** the audience programs and summer reading are limited to (a program audience or an age group); absent: all */
		audience: Text(200).min(1).optional(),
		sections: z
			.array(z.enum(REPORT_SECTIONS))
			.min(1)
			.default([...REPORT_SECTIONS]),
		paper: z.enum(PAPERS).default('letter'),
		orientation: z.enum(ORIENTATIONS).default('portrait'),
		title: Text(120).min(1).default('Board report'),
		preparedBy: Text(120).optional(),
		/** the executive summary as the director edited it (paragraphs split by blank lines); absent: generated */
		summary: Text(SUMMARY_LIMIT).optional()
	})
	.refine((p) => !p.from || !p.to || p.from <= p.to, { message: 'must not be after "to"', path: ['from'] })
	.refine((p) => p.posts === 'all' || p.campaigns?.length === 1, {
		message: '"campaign" counts only one campaign\'s posts, so name exactly one campaign',
		path: ['posts']
	});
export type ReportParams = z.infer<typeof ReportParams>;
export type ReportParamsInput = z.input<typeof ReportParams>;

export class InvalidReportParams extends Error {}

/** The names each field has in the query string. */
const KEYS = { branches: 'branch', campaigns: 'campaign', preparedBy: 'prepared_by' } as const;
const keyOf = (field: string) => KEYS[field.split(/[.[]/)[0] as keyof typeof KEYS] ?? field.split(/[.[]/)[0]!;

/**
 * Reads report parameters from a query string. Repeated keys (`branch`, `campaign`) are lists;
 * `sections` is one comma-separated list whose order is the report's; `campaigns=none` chooses no
 * campaign. Throws InvalidReportParams with a sentence that names the field and what is allowed.
 */
export function reportParamsFromQuery(query: URLSearchParams): ReportParams {
	const one = (key: string) => {
		const value = query.get(key);
		return value === null || value.trim() === '' ? undefined : value;
	};
	const sections = one('sections');
	const parsedSections = sections === undefined ? undefined : SectionList.safeParse(sections);
	if (parsedSections && !parsedSections.success)
		throw new InvalidReportParams(describeZodError(parsedSections.error, () => 'sections'));
	const raw = {
		from: one('from'),
		to: one('to'),
		compare: one('compare'),
		branches: query.getAll('branch').filter((b) => b.trim() !== ''),
		campaigns:
			one('campaigns') === 'none' ? [] : query.has('campaign') ? query.getAll('campaign').filter(Boolean) : null,
		posts: one('posts'),
		platform: one('platform'),
		strategy: one('strategy'),
		audience: one('audience'),
		sections: parsedSections?.data,
		paper: one('paper'),
		orientation: one('orientation'),
		title: one('title'),
		preparedBy: one('prepared_by'),
		summary: one('summary')
	};
	const parsed = ReportParams.safeParse(raw);
	if (!parsed.success) throw new InvalidReportParams(describeZodError(parsed.error, keyOf));
	return parsed.data;
}

/** The query string of report parameters; reportParamsFromQuery reads it back to the same object. */
export function reportQuery(input: ReportParamsInput): string {
	const params = ReportParams.parse(input);
	const query = new URLSearchParams();
	if (params.from) query.set('from', params.from);
	if (params.to) query.set('to', params.to);
	query.set('compare', params.compare);
	for (const branch of params.branches) query.append('branch', branch);
	if (params.campaigns?.length === 0) query.set('campaigns', 'none');
	for (const campaign of params.campaigns ?? []) query.append('campaign', campaign);
	if (params.posts !== 'all') query.set('posts', params.posts);
	if (params.platform) query.set('platform', params.platform);
	if (params.strategy) query.set('strategy', params.strategy);
	if (params.audience) query.set('audience', params.audience);
	query.set('sections', params.sections.join(','));
	query.set('paper', params.paper);
	query.set('orientation', params.orientation);
	query.set('title', params.title);
	if (params.preparedBy) query.set('prepared_by', params.preparedBy);
	if (params.summary) query.set('summary', params.summary);
	return query.toString();
}

/**
 * The board report's query for what a dashboard shows: its period and comparison, and its filters
 * (a dashboard's one campaign becomes the report's one campaign, by name). Sections and the rest are
 * left to the report's defaults.
 */
export function reportQueryForDashboard(context: DashboardContext): string {
	const { range, comparison, filters, campaign } = context;
	const query = new URLSearchParams({ from: range.from, to: range.to, compare: comparison });
	if (filters.branch) query.append('branch', filters.branch);
	if (campaign) {
		query.append('campaign', campaign.name);
		query.set('posts', 'campaign');
	}
	if (filters.platform) query.set('platform', filters.platform);
	if (filters.strategy) query.set('strategy', filters.strategy);
	if (filters.audience) query.set('audience', filters.audience);
	return query.toString();
}
