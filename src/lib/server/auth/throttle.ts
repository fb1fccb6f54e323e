/**
 * Failed sign-ins, counted per account and per address in memory. After `limit` failures within
 * the window, further attempts wait until the oldest failure leaves the window: 5 per account and
 * 20 per address in 15 minutes make guessing a 12-character password hopeless, while a person who
 * mistypes a few times is not locked out for long.
 */
export class Throttle {
	private readonly failures = new Map<string, number[]>();

	constructor(
		private readonly limit: number,
		private readonly windowMs: number
	) {}

	/** Milliseconds until `key` may try again (0: now). */
	retryAfter(key: string, now = Date.now()): number {
		const recent = this.recent(key, now);
		return recent.length < this.limit ? 0 : recent[0]! + this.windowMs - now;
	}

	fail(key: string, now = Date.now()): void {
		this.failures.set(key, [...this.recent(key, now), now]);
		// Bounded memory: an attacker cycling addresses cannot grow the map without end.
		if (this.failures.size > 50_000) this.failures.delete(this.failures.keys().next().value!);
	}

	succeed(key: string): void {
		this.failures.delete(key);
	}

	private recent(key: string, now: number): number[] {
		return (this.failures.get(key) ?? []).filter((at) => at > now - this.windowMs);
	}
}

export const accountThrottle = new Throttle(5, 15 * 60_000);
export const addressThrottle = new Throttle(20, 15 * 60_000);
