import { describe, expect, it } from 'vitest';
import { classifyPost, labelPost } from './classifier';
import type { Strategy } from '../../domain/campaigns';
import { StrategyRules } from './strategy-rules';

const rules = (strategies: Partial<Record<Strategy, { pattern: string; weight: number }[]>>, extra: object = {}) =>
	StrategyRules.parse({ strategies, ...extra });

describe('classifyPost with the default rules', () => {
	// Captions in the shape the demo library posts, one per strategy.
	const cases: [string, Strategy | null, string?][] = [
		['Storytime is back at Central this Wednesday! Songs, stories & wiggles for ages 0-5.', 'programs_showcase'],
		['New to Excel? Our hands-on workshop has a few seats left. Registration is required.', 'programs_showcase'],
		['"I found my first job here," says Rosa, who used our computer lab every week last fall.', 'success_stories'],
		["@jenreadsalot Great question: yes, you can renew up to 3 times unless there's a hold.", 'community_engagement'],
		['RT @MVSchools: Look at these readers at the Riverside branch!', 'user_generated_content'],
		['Staff pick: "Salt &amp; Cedar" by Amaya Brooks. Place a hold with your library card.', 'book_recommendations'],
		[
			'Thanks to @MVSchools for partnering with us this month! Stronger together, Maple Valley.',
			'partner_collaborations'
		],
		['Holiday hours: closed Thursday and Friday; book drops stay open.', null]
	];
	it.each(cases)('%s → %s', (text, expected) => {
		expect(classifyPost({ text }).strategy).toBe(expected);
	});

	it('shows the words it matched, per strategy, heaviest first', () => {
		const result = classifyPost({ text: 'Join us for Teen Workshops this Saturday! #StaffPicks' });
		expect(result.matched.filter((m) => m.strategy === 'programs_showcase')).toEqual([
			{ strategy: 'programs_showcase', term: 'workshop*', weight: 3, found: 'workshops' },
			{ strategy: 'programs_showcase', term: 'join us', weight: 3, found: 'join us' }
		]);
		expect(result.matched).toContainEqual({
			strategy: 'book_recommendations',
			term: 'staffpick*',
			weight: 3,
			found: 'staffpicks'
		});
		expect(result).toMatchObject({
			strategy: 'programs_showcase',
			score: 6,
			runnerUp: { strategy: 'book_recommendations', score: 3 }
		});
	});

	it('reads structural signals: reply by post type, polls, and a ? outside links', () => {
		expect(classifyPost({ text: 'Thanks, see you then', postType: 'reply' }).matched).toContainEqual({
			strategy: 'community_engagement',
			term: 'signal: reply',
			weight: 4,
			found: 'post type reply'
		});
		expect(classifyPost({ text: 'Pick one', postType: 'poll' }).strategy).toBe('community_engagement');
		const link = classifyPost({ text: 'Hours https://mvpl.org/hours?branch=central' });
		expect(link.matched.some((m) => m.term === 'signal: question')).toBe(false);
	});

	it('reads listed hashtags the text does not contain', () => {
		expect(classifyPost({ text: 'Cozy weekend ahead.', hashtags: ['BookClub'] }).strategy).toBe('book_recommendations');
	});
});

describe('classifyPost scoring', () => {
	it('counts a term once however often it appears', () => {
		const result = classifyPost(
			{ text: 'storytime storytime storytime' },
			rules({ programs_showcase: [{ pattern: 'storytime', weight: 3 }] })
		);
		expect(result.score).toBe(3);
	});

	it('returns null below the threshold but still reports the best score', () => {
		const result = classifyPost(
			{ text: 'A free afternoon' },
			rules({ programs_showcase: [{ pattern: 'free', weight: 1 }] })
		);
		expect(result).toMatchObject({ strategy: null, score: 1, runnerUp: null });
		expect(classifyPost({ text: '' }, rules({}))).toEqual({ strategy: null, score: 0, matched: [], runnerUp: null });
	});

	it('lets negative weights pull a strategy down', () => {
		const custom = rules({
			user_generated_content: [
				{ pattern: 'challenge*', weight: 3 },
				{ pattern: 'reading challenge', weight: -3 }
			]
		});
		expect(classifyPost({ text: 'Join the reading challenge' }, custom).strategy).toBeNull();
	});

	it('breaks a tie by the heaviest single term, then by the order of strategies', () => {
		const byHeaviest = rules({
			programs_showcase: [
				{ pattern: 'tonight', weight: 1 },
				{ pattern: 'live', weight: 2 }
			],
			book_recommendations: [{ pattern: 'novel', weight: 3 }]
		});
		expect(classifyPost({ text: 'Live tonight: a novel idea' }, byHeaviest)).toMatchObject({
			strategy: 'book_recommendations',
			score: 3,
			runnerUp: { strategy: 'programs_showcase', score: 3 }
		});
		const byOrder = rules({
			programs_showcase: [{ pattern: 'live', weight: 3 }],
			book_recommendations: [{ pattern: 'novel', weight: 3 }]
		});
		expect(classifyPost({ text: 'Live: a novel idea' }, byOrder).strategy).toBe('programs_showcase');
	});

	it('keeps fractional scores exact', () => {
		const custom = rules(
			{
				success_stories: [
					{ pattern: 'proud', weight: 0.1 },
					{ pattern: 'story', weight: 0.2 }
				]
			},
			{ threshold: 0.3 }
		);
		expect(classifyPost({ text: 'A proud story' }, custom)).toMatchObject({ strategy: 'success_stories', score: 0.3 });
	});
});

describe('labelPost', () => {
	const post = { text: 'Staff pick: a new mystery' };
	it('takes a correction first, then the campaign, then the rules', () => {
		expect(labelPost(post, 'programs_showcase', 'success_stories')).toMatchObject({
			strategy: 'success_stories',
			source: 'manual',
			predicted: 'book_recommendations'
		});
		expect(labelPost(post, 'programs_showcase', null)).toMatchObject({
			strategy: 'programs_showcase',
			source: 'campaign',
			predicted: 'book_recommendations'
		});
		expect(labelPost(post, null, null)).toMatchObject({ strategy: 'book_recommendations', source: 'rule' });
		expect(labelPost({ text: 'Closed Monday' }, null, null)).toEqual({
			strategy: null,
			source: null,
			predicted: null,
			matched: []
		});
	});
});
