import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';

/** OWASP's Argon2id baseline (19 MiB, 2 passes): about 0.1–0.3 s a hash on a small server. */
// `algorithm: 2` is Argon2id (the package's const enum cannot be imported under verbatimModuleSyntax).
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const Password = z
	.string()
	.min(12, 'must be at least 12 characters (a few words are easy to remember)')
	.max(200, 'must be at most 200 characters');

export function hashPassword(password: string): Promise<string> {
	return hash(password, ARGON2);
}

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
	// Without a stored hash, a hash is still computed, so a missing account takes as long to refuse as a wrong password.
	if (!stored) {
		await hash(password, ARGON2);
		return false;
	}
	try {
		return await verify(stored, password);
	} catch {
		return false;
	}
}
