import { xPostColumns } from './x-post-columns';
import { defineSource } from '../source';

/** analytics.twitter.com "Tweet activity" export (docs/export-formats.md, "X (Twitter)"), `favorites` and `likes` eras. */
export const xLegacyTweets = defineSource({
	id: 'x-legacy-tweets',
	label: 'X (Twitter) tweet activity',
	description: 'The per-post CSV from analytics.twitter.com (tweet_activity_metrics_<handle>_<dates>_en.csv).',
	target: 'post_observations',
	anchors: ['tweet id', 'tweet permalink', 'time'],
	fields: {
		postId: { headers: ['tweet id'], type: { kind: 'id' }, required: true },
		permalink: { headers: ['tweet permalink'], type: { kind: 'text' } },
		text: { headers: ['tweet text'], type: { kind: 'text', entities: true } },
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
		...xPostColumns(n.text, n.permalink),
		post_id: n.postId,
		published_at: n.time,
		impressions: n.impressions,
		engagements: n.engagements,
		likes: n.likes,
		comments: n.replies,
		shares: n.retweets,
		clicks: n.urlClicks,
		video_views: n.mediaViews
	})
});
