import { describe, expect, it } from 'vitest';
import { hashtagReport } from './hashtag-report';

const TZ = 'America/Chicago';

describe('hashtagReport', () => {
	const posts = [
		{
			publishedAt: '2025-06-02T15:00:00Z',
			hashtags: ['MapleSummerReads', '#mvplreads', 'maplesummerreads'],
			impressions: 100,
			engagements: 10
		},
		{ publishedAt: '2025-06-08T20:00:00Z', hashtags: ['maplesummerreads'], impressions: null, engagements: 4 },
		// 03:00 UTC on Monday June 9 is still Sunday June 8 in Chicago: same week.
		{ publishedAt: '2025-06-09T03:00:00Z', hashtags: ['maplesummerreads'], impressions: 50, engagements: null },
		{ publishedAt: '2025-07-01T15:00:00Z', hashtags: ['MapleSummerReads'], impressions: 70, engagements: 7 },
		{ publishedAt: 'unknown', hashtags: ['maplesummerreads'], impressions: 1, engagements: 1 }
	];

	it('sums use, impressions and engagements per hashtag and week, flagging branded hashtags', () => {
		expect(hashtagReport(posts, ['#MapleSummerReads'], 'week', TZ)).toEqual([
			{ hashtag: 'maplesummerreads', period: '2025-06-02', posts: 3, impressions: 150, engagements: 14, branded: true },
			{ hashtag: 'maplesummerreads', period: '2025-06-30', posts: 1, impressions: 70, engagements: 7, branded: true },
			{ hashtag: 'mvplreads', period: '2025-06-02', posts: 1, impressions: 100, engagements: 10, branded: false }
		]);
	});

	it('buckets by month and leaves sums null when no post reports them', () => {
		const rows = hashtagReport(
			[{ publishedAt: '2025-06-30T12:00:00Z', hashtags: ['x'], impressions: null, engagements: null }],
			[],
			'month',
			TZ
		);
		expect(rows).toEqual([
			{ hashtag: 'x', period: '2025-06-01', posts: 1, impressions: null, engagements: null, branded: false }
		]);
	});
});
