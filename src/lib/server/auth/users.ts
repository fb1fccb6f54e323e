import { z } from 'zod';
import { listValue } from '@duckdb/node-api';
import { Role } from '../../domain/roles';
import type { Database } from '../db/database';
import { hashPassword } from './passwords';

export interface User {
	userId: number;
	email: string;
	name: string;
	role: Role;
	/** the branches a consortium user sees; null: every branch */
	branches: string[] | null;
	disabled: boolean;
	hasPassword: boolean;
	createdAt: Date;
}

export const Email = z
	.string()
	.trim()
	.toLowerCase()
	.max(254)
	.regex(/^[^\s@]+@[^\s@]+$/, 'must be an e-mail address such as director@library.org');

export const NewUser = z.object({
	email: Email,
	name: z.string().trim().min(1, 'must not be empty').max(120),
	role: Role,
	branches: z.array(z.string().trim().min(1).max(120)).max(200).nullable().default(null)
});
export type NewUser = z.infer<typeof NewUser>;

type UserRow = {
	user_id: number;
	email: string;
	name: string;
	role: Role;
	branches: string[] | null;
	disabled: boolean;
	password_hash: string | null;
	created_at: Date;
};

const COLUMNS = 'user_id, email, name, role, branches, disabled, password_hash, created_at';

function toUser(row: UserRow): User {
	return {
		userId: row.user_id,
		email: row.email,
		name: row.name,
		role: row.role,
		branches: row.branches && row.branches.length > 0 ? row.branches : null,
		disabled: row.disabled,
		hasPassword: row.password_hash !== null,
		createdAt: row.created_at
	};
}

export function withoutPassword(user: User & { passwordHash?: string | null }): User {
	const { passwordHash: _stored, ...visible } = user;
	return visible;
}

export async function countUsers(db: Database): Promise<number> {
	const [row] = await db.query<{ n: number }>('SELECT count(*) AS n FROM users');
	return row?.n ?? 0;
}

export async function listUsers(db: Database): Promise<User[]> {
	return (await db.query<UserRow>(`SELECT ${COLUMNS} FROM users ORDER BY lower(name), user_id`)).map(toUser);
}

export async function findUser(
	db: Database,
	by: { email: string } | { userId: number }
): Promise<(User & { passwordHash: string | null }) | null> {
	const [row] =
		'email' in by
			? await db.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE email = $1`, [by.email.trim().toLowerCase()])
			: await db.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE user_id = $1`, [by.userId]);
	return row ? { ...toUser(row), passwordHash: row.password_hash } : null;
}

/** Creates a person; with a password they can sign in at once, without one they need a reset link. */
export async function createUser(db: Database, user: NewUser, password?: string): Promise<User> {
	const passwordHash = password ? await hashPassword(password) : null;
	const branches = user.branches && user.branches.length > 0 ? listValue(user.branches) : null;
	const [row] = await db.query<UserRow>(
		`INSERT INTO users (email, name, role, branches, password_hash, created_at) VALUES ($1, $2, $3, $4::VARCHAR[], $5, now()) RETURNING ${COLUMNS}`,
		[user.email.trim().toLowerCase(), user.name, user.role, branches, passwordHash]
	);
	return toUser(row!);
}

export async function updateUser(
	db: Database,
	userId: number,
	changes: { role?: Role; branches?: string[] | null; disabled?: boolean; name?: string }
): Promise<void> {
	const current = await findUser(db, { userId });
	if (!current) return;
	const next = { ...current, ...changes };
	await db.query('UPDATE users SET name = $2, role = $3, branches = $4::VARCHAR[], disabled = $5 WHERE user_id = $1', [
		userId,
		next.name,
		next.role,
		next.branches && next.branches.length > 0 ? listValue(next.branches) : null,
		next.disabled
	]);
}

export async function setPassword(db: Database, userId: number, password: string): Promise<void> {
	await db.query('UPDATE users SET password_hash = $2 WHERE user_id = $1', [userId, await hashPassword(password)]);
}

/** How many enabled admins there are: the last one cannot be demoted or disabled. */
export async function countActiveAdmins(db: Database): Promise<number> {
	const [row] = await db.query<{ n: number }>(`SELECT count(*) AS n FROM users WHERE role = 'admin' AND NOT disabled`);
	return row?.n ?? 0;
}

/** Branch names found in the data, offered when scoping a consortium user. */
export async function knownBranches(db: Database): Promise<string[]> {
	const rows = await db.query<{ branch: string }>(
		`SELECT DISTINCT branch FROM (SELECT branch FROM usage UNION ALL SELECT branch FROM programs UNION ALL SELECT branch FROM literacy)
		 WHERE branch IS NOT NULL AND branch <> '' ORDER BY 1`
	);
	return rows.map((row) => row.branch);
}
