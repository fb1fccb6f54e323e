import { describe, expect, it } from 'vitest';
import { assignPostToCampaigns, strategyFromCampaigns, type PostForAssignment } from './assignment';
import type { CampaignRule, ManualDecision } from './rules';

const TZ = 'America/Chicago';

const summer: CampaignRule = {
	id: 'c-summer',
	name: 'Summer Reading 2025',
	strategy: 'partner_collaborations',
	startsOn: '2025-06-01',
	endsOn: '2025-08-15',
	hashtags: ['#MapleSummerReads'],
	keywords: ['summer reading'],
	linkDomains: ['https://www.maplevalley.beanstack.org/'],
	utmCampaigns: ['srp-2025'],
	partnerAccounts: ['@MVSchools']
};
const stories: CampaignRule = {
	id: 'c-stories',
	name: 'Patron Stories',
	strategy: 'success_stories',
	startsOn: '2025-05-01',
	endsOn: '2025-06-30',
	hashtags: ['mvplstories'],
	keywords: [],
	linkDomains: [],
	utmCampaigns: [],
	partnerAccounts: []
};
const campaigns = [summer, stories];

function post(overrides: Partial<PostForAssignment>): PostForAssignment {
	return {
		platform: 'facebook',
		postId: 'p1',
		publishedAt: '2025-06-10T15:00:00Z',
		text: null,
		hashtags: [],
		permalink: null,
		...overrides
	};
}

describe('assignPostToCampaigns', () => {
	it('names the rule that matched, strongest kind first', () => {
		const both = post({ text: 'Summer reading starts today! #MapleSummerReads', hashtags: ['maplesummerreads'] });
		expect(assignPostToCampaigns(both, campaigns, [], TZ)).toEqual([
			{ campaignId: 'c-summer', rule: 'hashtag #maplesummerreads', manual: false }
		]);
		const cases: [string, string | undefined, string][] = [
			['Our SUMMER  Reading kickoff is here', undefined, 'keyword "summer reading"'],
			['Log your minutes', 'https://maplevalley.beanstack.org/reader365', 'link maplevalley.beanstack.org'],
			['Log your minutes', 'https://mvpl.org/srp?utm_source=fb&utm_campaign=SRP-2025', 'utm_campaign srp-2025'],
			['Thank you @mvschools for the reading logs!', undefined, 'partner @MVSchools']
		];
		for (const [text, link, rule] of cases) {
			expect(assignPostToCampaigns(post({ text, links: link ? [link] : [] }), [summer], [], TZ)).toEqual([
				{ campaignId: 'c-summer', rule, manual: false }
			]);
		}
	});

	it('reads hashtags and links written in the text when the export does not list them', () => {
		expect(assignPostToCampaigns(post({ text: 'Go #MapleSummerReads' }), [summer], [], TZ)[0]?.rule).toBe(
			'hashtag #maplesummerreads'
		);
		expect(
			assignPostToCampaigns(post({ text: 'Sign up at maplevalley.beanstack.org today' }), [summer], [], TZ)[0]?.rule
		).toBe('link maplevalley.beanstack.org');
	});

	it('matches keywords as whole words only', () => {
		expect(assignPostToCampaigns(post({ text: 'Summer readings for grown-ups' }), [summer], [], TZ)).toEqual([]);
	});

	it('applies the window to the date in the library time zone, both ends included', () => {
		const tagged = { hashtags: ['MapleSummerReads'] };
		// 03:30 UTC on June 1 is still May 31 in Chicago.
		expect(assignPostToCampaigns(post({ ...tagged, publishedAt: '2025-06-01T03:30:00Z' }), [summer], [], TZ)).toEqual(
			[]
		);
		expect(
			assignPostToCampaigns(post({ ...tagged, publishedAt: '2025-06-01T05:30:00Z' }), [summer], [], TZ)
		).toHaveLength(1);
		expect(
			assignPostToCampaigns(post({ ...tagged, publishedAt: '2025-08-16T04:59:00Z' }), [summer], [], TZ)
		).toHaveLength(1);
		expect(assignPostToCampaigns(post({ ...tagged, publishedAt: '2025-08-16T05:00:00Z' }), [summer], [], TZ)).toEqual(
			[]
		);
	});

	it('lets manual decisions override the rules both ways, whatever the date', () => {
		const tagged = post({ postId: 'p9', hashtags: ['maplesummerreads', 'mvplstories'] });
		const manual: ManualDecision[] = [
			{ campaignId: 'c-summer', platform: 'facebook', postId: 'p9', action: 'remove' },
			{ campaignId: 'c-summer', platform: 'instagram', postId: 'p9', action: 'add' }
		];
		expect(assignPostToCampaigns(tagged, campaigns, manual, TZ)).toEqual([
			{ campaignId: 'c-stories', rule: 'hashtag #mvplstories', manual: false }
		]);
		const outOfWindow = post({ postId: 'p9', publishedAt: '2024-01-05T12:00:00Z' });
		const added: ManualDecision[] = [{ campaignId: 'c-summer', platform: 'facebook', postId: 'p9', action: 'add' }];
		expect(assignPostToCampaigns(outOfWindow, campaigns, added, TZ)).toEqual([
			{ campaignId: 'c-summer', rule: 'manual', manual: true }
		]);
	});

	it('lets the latest decision win and ignores decisions for campaigns not given', () => {
		const manual: ManualDecision[] = [
			{ campaignId: 'c-summer', platform: 'facebook', postId: 'p1', action: 'add' },
			{ campaignId: 'c-summer', platform: 'facebook', postId: 'p1', action: 'remove' },
			{ campaignId: 'c-deleted', platform: 'facebook', postId: 'p1', action: 'add' }
		];
		expect(assignPostToCampaigns(post({ hashtags: ['maplesummerreads'] }), campaigns, manual, TZ)).toEqual([]);
	});

	it('orders campaigns by start date, then name, whatever the input order', () => {
		const tagged = post({ hashtags: ['maplesummerreads', 'mvplstories'] });
		const ids = (list: CampaignRule[]) => assignPostToCampaigns(tagged, list, [], TZ).map((a) => a.campaignId);
		expect(ids([summer, stories])).toEqual(['c-stories', 'c-summer']);
		expect(ids([stories, summer])).toEqual(['c-stories', 'c-summer']);
	});

	it('never matches automatically when the post date cannot be read', () => {
		expect(assignPostToCampaigns(post({ publishedAt: '', hashtags: ['maplesummerreads'] }), [summer], [], TZ)).toEqual(
			[]
		);
	});
});

describe('strategyFromCampaigns', () => {
	it('prefers a hand-added campaign, then the first in order', () => {
		expect(
			strategyFromCampaigns(
				[
					{ campaignId: 'c-stories', rule: 'hashtag #mvplstories', manual: false },
					{ campaignId: 'c-summer', rule: 'manual', manual: true }
				],
				campaigns
			)
		).toBe('partner_collaborations');
		expect(
			strategyFromCampaigns([{ campaignId: 'c-stories', rule: 'hashtag #mvplstories', manual: false }], campaigns)
		).toBe('success_stories');
		expect(strategyFromCampaigns([], campaigns)).toBeNull();
	});
});
