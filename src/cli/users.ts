import { z } from 'zod';
import { ROLE_LABELS, Role } from '../lib/domain/roles';
import type { Database } from '../lib/server/db/database';
import { addUser, issueResetLink } from '../lib/server/auth/accounts';
import { findUser, listUsers, NewUser } from '../lib/server/auth/users';
import { UsageError } from './usage-error';

interface UsersFlags {
	json: boolean;
	name?: string;
	role?: string;
	branches?: string;
	actor: string;
}

const base = () => process.env.ORIGIN ?? `http://localhost:${process.env.PORT ?? 3000}`;

/** `lantern users [add EMAIL --name N --role R [--branches "A, B"] | reset EMAIL]`: the local admin manages people. */
export async function usersCommand(db: Database, args: string[], flags: UsersFlags): Promise<number> {
	const [action, email] = args;
	const out = (json: unknown, text: string) => console.log(flags.json ? JSON.stringify(json, null, 2) : text);
	if (!action) {
		const users = await listUsers(db);
		out(
			users,
			users
				.map(
					(u) =>
						`${u.email.padEnd(36)} ${ROLE_LABELS[u.role].padEnd(18)} ${u.branches?.join(', ') ?? 'all branches'}${u.disabled ? '  (disabled)' : ''}`
				)
				.join('\n') || 'No accounts yet.'
		);
		return 0;
	}
	if (action === 'add') {
		const parsed = NewUser.safeParse({
			email,
			name: flags.name,
			role: flags.role,
			branches: flags.branches
				? flags.branches
						.split(',')
						.map((b) => b.trim())
						.filter(Boolean)
				: null
		});
		if (!parsed.success)
			return usage(
				`users add: ${describe(parsed.error)}. Use: users add EMAIL --name NAME --role ${Role.options.join('|')} [--branches "A, B"]`
			);
		if (await findUser(db, { email: parsed.data.email }))
			return usage(`${parsed.data.email} already has an account; use: users reset ${parsed.data.email}`);
		const { user, resetLink } = await addUser(db, flags.actor, parsed.data);
		out(
			{ ...user, setPasswordLink: `${base()}${resetLink}` },
			`Added ${user.name} (${ROLE_LABELS[user.role]}). They set their password at (once, within a day):\n  ${base()}${resetLink}`
		);
		return 0;
	}
	if (action === 'reset') {
		const user = email ? await findUser(db, { email }) : null;
		if (!user) return usage(`No account has the e-mail "${email ?? ''}". List them with: users`);
		const link = `${base()}${await issueResetLink(db, flags.actor, user.userId)}`;
		out(
			{ email: user.email, setPasswordLink: link },
			`${user.name} sets a new password at (once, within a day):\n  ${link}`
		);
		return 0;
	}
	return usage(
		`Unknown users command "${action}". Use: users, users add EMAIL --name NAME --role ROLE, users reset EMAIL`
	);
}

/** Thrown, so the command line reports it as every usage mistake is reported (as JSON with --json). */
function usage(message: string): never {
	throw new UsageError(message);
}

function describe(error: z.ZodError): string {
	return error.issues.map((issue) => `${issue.path.join('.') || 'value'} ${issue.message}`).join('; ');
}
