import { z } from 'zod';
import { STRATEGIES } from '../../domain/campaigns';
import { describeZodIssue } from '../../domain/zod-message';

/**
 * The strategy classifier's rules, as staff edit them in settings (JSON). Patterns are not
 * regular expressions: a pattern is a word or phrase matched as whole words, case- and
 * accent-insensitive, where a word ending in '*' matches any ending ("workshop*" matches
 * "workshops"). That is all the syntax there is, so an edited rule can never be slow or unsafe.
 */
export const PATTERN_SYNTAX =
	'a word or phrase of letters, digits, apostrophes, hyphens and "&", where a word may end in * to match any ending (for example "workshop*" or "author talk")';

// A '*' may only follow a letter or digit at the end of a word; "&" or "-" may stand alone.
const PATTERN_WORD = /^(?:#?[\p{L}\p{N}'’&-]*[\p{L}\p{N}]\*?|#?[\p{L}\p{N}'’&-]+)$/u;
const readable = (pattern: string) =>
	/[\p{L}\p{N}]/u.test(pattern) && pattern.split(/\s+/).every((word) => PATTERN_WORD.test(word));

const Pattern = z
	.string()
	.trim()
	.min(1, 'is empty; write a word or phrase')
	.max(80, 'is longer than 80 characters')
	.refine(readable, {
		error: (issue) => `"${String(issue.input)}" is not a pattern Lantern can read: use ${PATTERN_SYNTAX}`
	});

const Weight = z
	.number({ error: 'must be a number' })
	.min(-10, 'must be between -10 and 10')
	.max(10, 'must be between -10 and 10')
	.refine((weight) => weight !== 0, 'must not be 0 (remove the term instead)');

export const StrategyTerm = z.strictObject({ pattern: Pattern, weight: Weight });
export type StrategyTerm = z.infer<typeof StrategyTerm>;

const Signal = z.strictObject({ strategy: z.enum(STRATEGIES), weight: Weight });
export type StrategySignal = z.infer<typeof Signal>;

const Terms = z
	.array(StrategyTerm)
	.default([])
	.superRefine((terms, context) => {
		const seen = new Map<string, number>();
		terms.forEach((term, index) => {
			const key = term.pattern.toLowerCase().replace(/\s+/g, ' ');
			const first = seen.get(key);
			if (first !== undefined)
				context.addIssue({
					code: 'custom',
					path: [index, 'pattern'],
					message: `"${term.pattern}" repeats term ${first + 1}; keep one`
				});
			else seen.set(key, index);
		});
	});

/**
 * Structural signals, each optional (absent means off):
 * reply — post type "reply" or text starting with '@';
 * repost — text starting with "RT @" or post type repost/share/retweet;
 * question — a '?' outside links;
 * poll — post type "poll".
 */
export const StrategySignals = z.strictObject({
	reply: Signal.optional(),
	repost: Signal.optional(),
	question: Signal.optional(),
	poll: Signal.optional()
});
export type SignalName = keyof z.infer<typeof StrategySignals>;

export const StrategyRules = z.strictObject({
	/** A post gets a strategy only when its best score reaches this. */
	threshold: z.number({ error: 'must be a number' }).positive('must be above 0').max(100).default(2),
	strategies: z.strictObject({
		programs_showcase: Terms,
		success_stories: Terms,
		community_engagement: Terms,
		user_generated_content: Terms,
		book_recommendations: Terms,
		partner_collaborations: Terms
	}),
	signals: StrategySignals.default({})
});
export type StrategyRules = z.infer<typeof StrategyRules>;

/** Validates staff-edited rules; each error names where it is, such as "strategies.success_stories[3].pattern". */
export function parseStrategyRules(
	input: unknown
): { ok: true; rules: StrategyRules } | { ok: false; errors: string[] } {
	const parsed = StrategyRules.safeParse(input);
	if (parsed.success) return { ok: true, rules: parsed.data };
	return {
		ok: false,
		errors: parsed.error.issues.map((issue) => describeZodIssue(issue, (field) => field || 'rules'))
	};
}
