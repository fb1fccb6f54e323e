/** A mistake in how the command was called: printed without a stack, and the exit code is 2. */
export class UsageError extends Error {}

/**
 * Says why a command failed: on stderr, or with --json as `{ "error": … }` on stdout, because a
 * script that asked for JSON reads stdout only ("the database is in use" must reach it too).
 */
export function reportFailure(message: string, kind: 'usage' | 'failure', json: boolean): void {
	if (json) console.log(JSON.stringify({ error: message, kind }, null, 2));
	else console.error(message);
}
