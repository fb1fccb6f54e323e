import { hashtagsSql } from '../field-sql';
import { defineSource } from '../source';

/** analytics.twitter.com "Tweet activity" export (export-formats §1a), `favorites` and `likes` eras. */
export const xLegacyTweets = defineSource({
	id: 'x-legacy-tweets',
	label: 'X (Twitter) tweet activity',
	description:
		'The per-post CSV from analytics.twitter.com (tweet_activity_metrics_<handle>_<dates>_en.csv).',
	target: 'post_observations',
	anchors: ['tweet id', 'tweet permalink', 'time'],
	fields: {
		postId: { headers: ['tweet id'], type: { kind: 'id' }, required: true },
		permalink: { headers: ['tweet permalink'], type: { kind: 'text' } },
		text: { headers: ['tweet text'], type: { kind: 'text' } },
		time: {
			headers: ['time'],
			type: { kind: 'timestamp', formats: ['%Y-%m-%d %H:%M %z', '%Y-%m-%d %H:%M:%S %z'], zone: 'in-value' },
			required: true
		},
		impressions: { headers: ['impressions'], type: { kind: 'count' } },
		engagements: { headers: ['engagements'], type: { kind: 'count' } },
		retweets: { headers: ['retweets'], type: { kind: 'count' } },
		replies: { headers: ['replies'], type: { kind: 'count' } },
		likes: { headers: ['likes', 'favorites'], type: { kind: 'count' } },
		urlClicks: { headers: ['url clicks'], type: { kind: 'count' } },
		mediaViews: { headers: ['media views'], type: { kind: 'count' } }
	},
	load: (n) => ({
		platform: `'x'`,
		account: `nullif(regexp_extract(${n.permalink}, '(?:twitter|x)\\.com/([A-Za-z0-9_]+)/status', 1), '')`,
		post_id: n.postId,
		published_at: n.time,
		text: n.text,
		permalink: n.permalink,
		post_type: `CASE WHEN starts_with(coalesce(${n.text}, ''), '@') THEN 'reply' ELSE 'post' END`,
		hashtags: hashtagsSql(n.text),
		impressions: n.impressions,
		impressions_basis: `'impressions'`,
		engagements: n.engagements,
		likes: n.likes,
		comments: n.replies,
		shares: n.retweets,
		clicks: n.urlClicks,
		video_views: n.mediaViews
	})
});
