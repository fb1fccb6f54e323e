/**
 * The faster matching against the definitions it replaced: bestOverlap's sliding counts against
 * new sets for every run, the promotion index against trying every program of the window.
 */
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../demo/random';
import { promotionMatcher, readPostText, type ProgramForPromotion } from './program-promotion';
import { bestOverlap } from './program-title';

const TZ = 'America/Chicago';

describe('bestOverlap against trying every run', () => {
	/** The definition, run by run with new sets: what the sliding counts must reproduce. */
	function everyRun(titleWords: readonly string[], postWords: readonly string[]) {
		const title = new Set(titleWords);
		let best = { jaccard: 0, shared: [] as string[] };
		for (let size = title.size; size <= title.size + 2; size++) {
			for (let start = 0; start + size <= Math.max(postWords.length, size); start++) {
				const run = new Set(postWords.slice(start, start + size));
				const shared = [...title].filter((word) => run.has(word));
				const union = new Set([...title, ...run]).size;
				const jaccard = union === 0 ? 0 : shared.length / union;
				if (jaccard > best.jaccard) best = { jaccard, shared };
			}
		}
		return best;
	}

	it('gives the same best run, to the same float, for titles and posts with repeated words', () => {
		const random = createRandom(2026, 'best-overlap');
		const vocabulary = ['teen', 'lego', 'club', 'story', 'time', 'book', 'craft', 'night'];
		for (let i = 0; i < 20_000; i++) {
			const title = Array.from({ length: random.integer(0, 5) }, () => random.pick(vocabulary));
			const post = Array.from({ length: random.integer(0, 14) }, () => random.pick(vocabulary));
			expect(bestOverlap(title, post), `${title.join(' ')} | ${post.join(' ')}`).toEqual(everyRun(title, post));
		}
	});
});

describe('promotionMatcher', () => {
	it('finds through its index exactly what trying every program of the window finds', () => {
		const random = createRandom(2026, 'promotion-index');
		const words = ['Teen', 'LEGO', 'Club', 'Storytime', 'Preschool', 'the', 'at', 'Book', 'Books', 'all', 'of', 'us'];
		const branches = ['Eastside', 'Central', 'Riverside North', null];
		const links = ['https://mvpl.org/e/1', 'https://mvpl.org/calendar.php?event=77', 'https://www.mvpl.org/e/2/'];
		const start = Date.UTC(2025, 2, 1);
		const at = (days: number) => new Date(start + days * 86_400_000 + random.integer(0, 86_399) * 1000).toISOString();
		let matched = 0;
		for (let round = 0; round < 150; round++) {
			const programs: ProgramForPromotion[] = Array.from({ length: random.integer(1, 40) }, (_, i) => ({
				programId: `p${i}`,
				title: `${random.chance(0.1) ? 'CANCELLED: ' : ''}${Array.from({ length: random.integer(1, 4) }, () => random.pick(words)).join(' ')}${random.chance(0.05) ? '*' : ''}`,
				startsAt: at(random.integer(0, 60)),
				branch: random.pick(branches),
				url: random.chance(0.3) ? random.pick(links) : null
			}));
			const options = {
				timeZone: random.pick([TZ, 'Asia/Kathmandu', 'UTC']),
				minOverlap: random.pick([0.6, 0.5, 0.3, 0])
			};
			const indexed = promotionMatcher(programs, options);
			const everyProgram = promotionMatcher(programs, options, true);
			for (let i = 0; i < 40; i++) {
				const text = Array.from({ length: random.integer(0, 12) }, () =>
					random.pick([...words, ...(branches.filter(Boolean) as string[]), ...links, 'mvpl.org/e/1?utm_source=x'])
				).join(' ');
				const post = readPostText(text, random.chance(0.2) ? [random.pick(links)] : []);
				const publishedAt = at(random.integer(-10, 60));
				const expected = everyProgram.matchesOf(post, publishedAt);
				expect(indexed.matchesOf(post, publishedAt), text).toEqual(expected);
				matched += expected.length;
			}
		}
		// The comparison means something only if plenty of posts promote something.
		expect(matched).toBeGreaterThan(1000);
	});
});
