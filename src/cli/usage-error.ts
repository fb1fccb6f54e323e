/** A mistake in how the command was called: printed without a stack, and the exit code is 2. */
export class UsageError extends Error {}
