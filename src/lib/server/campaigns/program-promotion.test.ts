import { describe, expect, it } from 'vitest';
import { matchPromotions, type PostForPromotion, type ProgramForPromotion } from './program-promotion';

const TZ = 'America/Chicago';
// Saturday 2025-03-22, 10:00 in Chicago (CDT, UTC−5).
const lego: ProgramForPromotion = {
	programId: 'e1',
	title: 'CANCELLED: Teen LEGO Club',
	startsAt: '2025-03-22T15:00:00Z',
	branch: 'Riverside',
	url: 'https://maplevalleypl.libcal.com/event/10384120'
};

function post(postId: string, publishedAt: string, text: string, links?: string[]): PostForPromotion {
	return { platform: 'instagram', postId, publishedAt, text, links };
}

describe('matchPromotions', () => {
	it('matches by link, by title, and by word overlap, saying how and how early', () => {
		const posts = [
			post('link', '2025-03-19T14:00:00Z', 'Sign up now', [
				'https://www.maplevalleypl.libcal.com/event/10384120/?utm_source=ig'
			]),
			post('title', '2025-03-22T12:00:00Z', 'Today: teen lego club, 10am at Riverside'),
			post('words', '2025-03-10T14:00:00Z', 'Teens! Our LEGO building club is back at Riverside.')
		];
		expect(matchPromotions([lego], posts, { timeZone: TZ })).toEqual([
			{
				programId: 'e1',
				platform: 'instagram',
				postId: 'link',
				reason: 'link maplevalleypl.libcal.com/event/10384120, 3 days before',
				score: 1
			},
			{
				programId: 'e1',
				platform: 'instagram',
				postId: 'title',
				reason: 'title "Teen LEGO Club", same day',
				score: 0.9
			},
			{
				programId: 'e1',
				platform: 'instagram',
				postId: 'words',
				reason: 'words teen, lego, club (overlap 0.75), 12 days before',
				score: 0.6
			}
		]);
	});

	it('only counts posts from 21 calendar days before up to the start', () => {
		const posts = [
			post('day21', '2025-03-01T14:00:00Z', 'Teen LEGO Club is coming'), // 08:00 Mar 1 in Chicago: 21 days
			post('day22', '2025-03-01T05:00:00Z', 'Teen LEGO Club is coming'), // 23:00 Feb 28 in Chicago: 22 days
			post('after', '2025-03-22T15:30:00Z', 'Teen LEGO Club is on now')
		];
		expect(matchPromotions([lego], posts, { timeZone: TZ }).map((p) => p.postId)).toEqual(['day21']);
		expect(matchPromotions([lego], posts, { timeZone: TZ, maxDaysBefore: 30 }).map((p) => p.postId)).toEqual([
			'day21',
			'day22'
		]);
	});

	it('needs the program page, not just the same site, and keeps the page’s event id', () => {
		const byId: ProgramForPromotion = {
			programId: 'e2',
			title: 'Tax Help',
			startsAt: '2025-03-22T15:00:00Z',
			url: 'https://mvpl.org/calendar.php?event=77'
		};
		const posts = [
			post('site', '2025-03-20T14:00:00Z', 'Lots on this month', ['https://maplevalleypl.libcal.com/calendar']),
			post('other-id', '2025-03-20T14:00:00Z', 'See our calendar', ['https://mvpl.org/calendar.php?event=78']),
			post('same-id', '2025-03-20T14:00:00Z', 'See our calendar https://mvpl.org/calendar.php?utm_medium=x&event=77.')
		];
		expect(matchPromotions([lego, byId], posts, { timeZone: TZ }).map((p) => `${p.programId}:${p.postId}`)).toEqual([
			'e2:same-id'
		]);
	});

	it('does not match a one-word overlap or a lone shared word', () => {
		const posts = [
			post('p', '2025-03-20T14:00:00Z', 'Lego fans: new bricks in the teen room, and our book club meets Monday.')
		];
		expect(matchPromotions([lego], posts, { timeZone: TZ })).toEqual([]);
	});

	it('gives a text match on a recurring program to its next occurrence only', () => {
		const weekly = ['2025-03-05', '2025-03-12', '2025-03-19'].map((day, index) => ({
			programId: `st${index}`,
			title: 'Preschool Storytime',
			startsAt: `${day}T16:30:00Z`,
			branch: 'Central'
		}));
		const otherBranch = {
			programId: 'east',
			title: 'Preschool Storytime',
			startsAt: '2025-03-13T16:30:00Z',
			branch: 'Eastside'
		};
		const posts = [post('p', '2025-03-04T14:00:00Z', 'Preschool storytime every week!')];
		expect(matchPromotions([...weekly, otherBranch], posts, { timeZone: TZ }).map((p) => p.programId)).toEqual([
			'east',
			'st0'
		]);
	});

	it('matches a post naming the branch and the program within a week, to the next session only', () => {
		const east = ['2025-03-11', '2025-03-18'].map((day, index) => ({
			programId: `e${index}`,
			title: 'Preschool Storytime',
			startsAt: `${day}T15:30:00Z`,
			branch: 'Eastside'
		}));
		const central = {
			programId: 'c0',
			title: 'Preschool Storytime',
			startsAt: '2025-03-12T15:30:00Z',
			branch: 'Central'
		};
		const posts = [
			post('soon', '2025-03-09T14:00:00Z', 'Eastside storytime this Tuesday: songs, stories and wiggles'),
			post('early', '2025-02-20T14:00:00Z', 'Eastside storytime is back in March!'),
			post('vague', '2025-03-09T14:00:00Z', 'Stories and songs at Eastside on Tuesday')
		];
		expect(matchPromotions([...east, central], posts, { timeZone: TZ })).toEqual([
			{
				programId: 'e0',
				platform: 'instagram',
				postId: 'soon',
				reason: 'words storytime and branch Eastside, 2 days before',
				score: 0.7
			}
		]);
	});

	it('applies manual overrides both ways, whatever the dates, latest last', () => {
		const posts = [
			post('old', '2024-12-01T14:00:00Z', 'Happy holidays'),
			post('title', '2025-03-21T14:00:00Z', 'Teen LEGO Club tomorrow')
		];
		const overrides = [
			{ programId: 'e1', platform: 'instagram', postId: 'old', action: 'add' as const },
			{ programId: 'e1', platform: 'instagram', postId: 'title', action: 'add' as const },
			{ programId: 'e1', platform: 'instagram', postId: 'title', action: 'remove' as const },
			{ programId: 'gone', platform: 'instagram', postId: 'old', action: 'add' as const }
		];
		expect(matchPromotions([lego], posts, { timeZone: TZ, overrides })).toEqual([
			{ programId: 'e1', platform: 'instagram', postId: 'old', reason: 'manual', score: 1 }
		]);
	});
});

describe('matchPromotions over a series sharing one title', () => {
	// Weekly Storytime at two branches: what a post says of the title is worked out once per post and
	// kept while its candidates are tried; it must never carry over to the next post.
	const storytimes: ProgramForPromotion[] = [0, 7, 14].flatMap((day) =>
		['Eastside', 'Riverside'].map((branch) => ({
			programId: `${branch}-${day}`,
			title: 'Family Storytime',
			startsAt: new Date(Date.UTC(2025, 2, 3 + day, 16)).toISOString(),
			branch
		}))
	);
	const posts = [
		post('names-it', '2025-03-01T15:00:00Z', 'Family storytime is back this week!'),
		post('silent', '2025-03-01T15:05:00Z', 'Our new DVDs are on the shelf.'),
		post('branch-only', '2025-03-02T15:00:00Z', 'Eastside is open late tonight'),
		post('names-it-again', '2025-03-09T15:00:00Z', 'Family storytime with songs and rhymes')
	];

	it('matches each post as it would on its own', () => {
		const together = matchPromotions(storytimes, posts, { timeZone: TZ });
		const alone = posts.flatMap((one) => matchPromotions(storytimes, [one], { timeZone: TZ }));
		const order = (list: typeof together) =>
			list.map((p) => `${p.postId} ${p.programId} ${p.reason}`).sort((a, b) => (a < b ? -1 : 1));
		expect(order(together)).toEqual(order(alone));
		expect(together.map((p) => p.postId).sort()).toEqual(['names-it', 'names-it', 'names-it-again', 'names-it-again']);
	});
});
