import { hostname, networkInterfaces } from 'node:os';

/**
 * The names this server answers to. A request for any other Host is refused, so a page on an
 * attacker's domain that re-points its DNS at this machine (DNS rebinding) reaches nothing.
 * Loopback, this machine's name and addresses, ORIGIN's host and LANTERN_HOSTS (comma-separated
 * extra names, e.g. a DNS alias staff use) are allowed.
 */
let allowed: Set<string> | null = null;

export function allowedHosts(): Set<string> {
	if (allowed) return allowed;
	const names = ['localhost', '127.0.0.1', '::1', hostname(), `${hostname()}.local`];
	for (const addresses of Object.values(networkInterfaces()))
		for (const address of addresses ?? []) names.push(address.address);
	if (process.env.ORIGIN) names.push(new URL(process.env.ORIGIN).hostname);
	for (const extra of (process.env.LANTERN_HOSTS ?? '').split(',')) if (extra.trim()) names.push(extra.trim());
	allowed = new Set(names.map((name) => name.toLowerCase().replace(/^\[|\]$/g, '')));
	return allowed;
}

/** The host name of a Host header value (`[::1]:3000` → `::1`, `Lantern.local:3000` → `lantern.local`). */
export function hostOf(header: string): string {
	const value = header.trim().toLowerCase();
	if (value.startsWith('[')) return value.slice(1, value.indexOf(']'));
	return value.replace(/:\d+$/, '');
}

export function isAllowedHost(header: string | null): boolean {
	return header !== null && allowedHosts().has(hostOf(header));
}
