import { z } from 'zod';
import { Password } from './passwords';
import { Email } from './users';

/** Where to go after signing in: only a path on this site (never `//elsewhere` or a URL). */
export function safeNext(next: string | null | undefined): string {
	return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/overview';
}

export const SignInForm = z.object({
	email: z.string().max(254),
	password: z.string().max(200),
	next: z.string().max(1000).optional()
});

/** A new password typed twice. */
export const NewPasswordForm = z
	.object({ password: Password, confirm: z.string() })
	.refine((form) => form.password === form.confirm, { message: 'the two passwords differ', path: ['confirm'] });

export const SetupForm = z
	.object({
		email: Email,
		name: z.string().trim().min(1, 'must not be empty').max(120),
		password: Password,
		confirm: z.string()
	})
	.refine((form) => form.password === form.confirm, { message: 'the two passwords differ', path: ['confirm'] });

export const ChangePasswordForm = z
	.object({ current: z.string().max(200), password: Password, confirm: z.string() })
	.refine((form) => form.password === form.confirm, { message: 'the two passwords differ', path: ['confirm'] });

const FIELD_NAMES: Record<string, string> = {
	email: 'E-mail',
	name: 'Name',
	password: 'Password',
	confirm: 'Repeated password',
	current: 'Current password',
	role: 'Role',
	branches: 'Branches'
};

/** The first problem of a form, in words: "Password must be at least 12 characters…". */
export function formProblem(error: z.ZodError): string {
	const issue = error.issues[0]!;
	const field = String(issue.path[0] ?? '');
	return `${FIELD_NAMES[field] ?? field} ${issue.message}.`.trim();
}
