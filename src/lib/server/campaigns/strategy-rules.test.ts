import { describe, expect, it } from 'vitest';
import { DEFAULT_STRATEGY_RULES } from './default-strategy-rules';
import { parseStrategyRules } from './strategy-rules';

const empty = {
	programs_showcase: [],
	success_stories: [],
	community_engagement: [],
	user_generated_content: [],
	book_recommendations: [],
	partner_collaborations: []
};

describe('parseStrategyRules', () => {
	it('accepts the default rules unchanged', () => {
		const parsed = parseStrategyRules(JSON.parse(JSON.stringify(DEFAULT_STRATEGY_RULES)));
		expect(parsed).toEqual({ ok: true, rules: DEFAULT_STRATEGY_RULES });
	});

	it('fills in a missing threshold, strategy list and signals', () => {
		const parsed = parseStrategyRules({
			strategies: { book_recommendations: [{ pattern: 'staff pick*', weight: 3 }] }
		});
		expect(parsed.ok && parsed.rules.threshold).toBe(2);
		expect(parsed.ok && parsed.rules.strategies.programs_showcase).toEqual([]);
		expect(parsed.ok && parsed.rules.signals).toEqual({});
	});

	it('says where each mistake is and what to write instead', () => {
		const parsed = parseStrategyRules({
			treshold: 2,
			strategies: {
				...empty,
				success_stories: [
					{ pattern: 'thank.*you', weight: 3 },
					{ pattern: 'milestone', weight: 0 },
					{ pattern: 'Milestone', weight: 2 }
				],
				book_recomendations: []
			},
			signals: { reply: { strategy: 'replies', weight: 4 } }
		});
		expect(parsed.ok).toBe(false);
		const errors = parsed.ok ? [] : parsed.errors;
		expect(errors).toContainEqual(
			expect.stringMatching(
				/^strategies\.success_stories\[0\]\.pattern: "thank\.\*you" is not a pattern Lantern can read: use a word or phrase/
			)
		);
		expect(errors).toContain('strategies.success_stories[1].weight: must not be 0 (remove the term instead)');
		expect(errors).toContain('strategies.success_stories[2].pattern: "Milestone" repeats term 2; keep one');
		expect(errors).toContainEqual(expect.stringMatching(/^rules: .*treshold/));
		expect(errors).toContainEqual(expect.stringMatching(/^strategies: .*book_recomendations/));
		expect(errors).toContainEqual(expect.stringMatching(/^signals\.reply\.strategy: /));
	});

	it('accepts hyphens, ampersands, apostrophes, a leading # and a trailing *', () => {
		const patterns = ['read-aloud', 'parks & rec', "what's your", '#staffpicks', 'workshop*', 'café'];
		const parsed = parseStrategyRules({
			strategies: { ...empty, programs_showcase: patterns.map((pattern) => ({ pattern, weight: 1 })) }
		});
		expect(parsed.ok).toBe(true);
	});

	it('rejects regular-expression syntax and a lone *', () => {
		for (const pattern of ['(a|b)', 'work*shop', '*', 'a+', '']) {
			const parsed = parseStrategyRules({ strategies: { ...empty, programs_showcase: [{ pattern, weight: 1 }] } });
			expect(parsed.ok, pattern).toBe(false);
		}
	});
});
