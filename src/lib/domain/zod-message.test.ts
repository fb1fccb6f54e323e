import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { describeZodError, issuePath } from './zod-message';

const Form = z
	.object({
		from: z.string().min(10, 'is too short'),
		rules: z.array(z.object({ weight: z.number({ error: 'must be a number' }) }))
	})
	.strict();

describe('describeZodError', () => {
	it('says every issue as "field: message", joined', () => {
		const parsed = Form.safeParse({ from: 'May', rules: [{ weight: 1 }, { weight: 'x' }] });
		expect(parsed.success || describeZodError(parsed.error)).toBe(
			'from: is too short; rules[1].weight: must be a number'
		);
	});

	it('names fields as people know them, and leaves an issue of the whole input as its message', () => {
		const parsed = Form.safeParse({ from: 'May', rules: [], extra: 1 });
		expect(parsed.success || describeZodError(parsed.error, (field) => (field ? `--${field}` : ''))).toBe(
			'--from: is too short; Unrecognized key: "extra"'
		);
	});

	it('writes array positions in brackets', () => {
		expect(issuePath(['strategies', 'success_stories', 3, 'pattern'])).toBe('strategies.success_stories[3].pattern');
		expect(issuePath([])).toBe('');
	});
});
