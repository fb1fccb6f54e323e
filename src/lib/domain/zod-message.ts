import type { z } from 'zod';

/** Where an issue is, as people write it: strategies.success_stories[3].pattern ('' for the whole input). */
export function issuePath(path: readonly PropertyKey[]): string {
	return path
		.map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`))
		.join('');
}

/**
 * One issue as "field: message". `name` gives a field the name people know it by (a flag, a label);
 * an issue about the whole input reads as its message alone unless `name` names it.
 */
export function describeZodIssue(issue: z.core.$ZodIssue, name: (field: string) => string = (field) => field): string {
	const field = name(issuePath(issue.path));
	return field ? `${field}: ${issue.message}` : issue.message;
}

/** Every issue of a failed parse, described and joined: one wording for forms, queries, flags and files. */
export function describeZodError(error: z.ZodError, name?: (field: string) => string): string {
	return error.issues.map((issue) => describeZodIssue(issue, name)).join('; ');
}
