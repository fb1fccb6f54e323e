import { hashtagsSql } from '../field-sql';
import { countField, defineSource } from '../source';

const count = (...headers: string[]) => countField(headers);

/**
 * The legacy Facebook Insights post export (about 2012–2020; docs/export-formats.md, "Facebook"): a definition row
 * under the header, duplicate column names (the first of each is read), `<page>_<post>` IDs.
 */
export const metaLegacyInsights = defineSource({
	id: 'meta-legacy-insights',
	label: 'Facebook Insights posts (legacy export)',
	description:
		'The post-level "Export Data" CSV from the old Facebook Insights, with its row of definitions under the header.',
	target: 'post_observations',
	anchors: ['post id', 'posted', 'lifetime post total reach'],
	rowsAfterHeader: 1,
	fields: {
		postId: { headers: ['post id'], type: { kind: 'id', pattern: '[0-9]+(_[0-9]+)?' }, required: true },
		permalink: { headers: ['permalink'], type: { kind: 'text' } },
		message: { headers: ['post message'], type: { kind: 'text' } },
		type: { headers: ['type'], type: { kind: 'text' } },
		posted: {
			headers: ['posted'],
			type: {
				kind: 'timestamp',
				formats: ['%m/%d/%Y %I:%M:%S %p', '%m/%d/%Y %H:%M', '%m/%d/%Y %H:%M:%S', '%m/%d/%Y %I:%M %p'],
				zone: 'library'
			},
			required: true
		},
		reach: count('lifetime post total reach'),
		impressions: count('lifetime post total impressions'),
		engagedUsers: count('lifetime engaged users'),
		consumptions: count('lifetime post consumptions'),
		videoViews: count('lifetime organic video views')
	},
	load: (n) => ({
		platform: `'facebook'`,
		account: `nullif(regexp_extract(${n.permalink}, 'facebook\\.com/([^/]+)/', 1), '')`,
		post_id: n.postId,
		published_at: n.posted,
		text: n.message,
		permalink: n.permalink,
		post_type: `lower(${n.type})`,
		hashtags: hashtagsSql(n.message),
		impressions: n.impressions,
		impressions_basis: `'impressions'`,
		reach: n.reach,
		engagements: n.engagedUsers,
		clicks: n.consumptions,
		video_views: n.videoViews
	})
});

/** Meta's per-metric name (the title line) → the account_daily column it fills. */
const RESULT_METRICS: Record<string, string> = {
	views: 'impressions',
	impressions: 'impressions',
	'content interactions': 'engagements',
	interactions: 'engagements',
	follows: 'new_follows',
	'facebook follows': 'new_follows',
	'instagram follows': 'new_follows',
	'profile visits': 'profile_visits',
	'instagram profile visits': 'profile_visits',
	'facebook visits': 'profile_visits',
	followers: 'followers'
};

const metricOf = (preamble: string[]) =>
	(preamble.filter((line) => line && !/^sep=/i.test(line)).at(-1) ?? '').toLowerCase();

/**
 * Meta Business Suite Insights → Results, one metric per file: UTF-16, `sep=,`, the metric's name,
 * then `"Date","Primary"` (docs/export-formats.md, "Instagram" and "Facebook"). Instagram unless the
 * metric names Facebook.
 */
export const metaInsightsResults = defineSource({
	id: 'meta-insights-results',
	label: 'Meta Business Suite daily metric (Insights → Results)',
	description:
		'A single-metric daily CSV from Meta Business Suite Insights (Views, Content interactions, Follows, Visits).',
	target: 'account_daily_records',
	anchors: ['date', 'primary'],
	refuse: ({ preamble }) => {
		const metric = metricOf(preamble);
		return RESULT_METRICS[metric]
			? null
			: `This Meta Business Suite file holds the daily metric "${metric || 'unnamed'}", which Lantern does not track. It reads: ${Object.keys(RESULT_METRICS).join(', ')}.`;
	},
	fields: {
		date: { headers: ['date'], type: { kind: 'date', formats: ['%Y-%m-%dT%H:%M:%S', '%Y-%m-%d'] }, required: true },
		value: { headers: ['primary'], type: { kind: 'count' } }
	},
	load: (n, { preamble }) => {
		const metric = metricOf(preamble);
		return {
			platform: metric.includes('facebook') ? `'facebook'` : `'instagram'`,
			account: `''`,
			date: n.date,
			[RESULT_METRICS[metric]!]: n.value
		};
	}
});
