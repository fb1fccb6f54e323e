import { STRATEGIES } from '../domain/campaigns';

/** One of the six advocacy strategies; the domain module lists them but does not name the type. */
export type Strategy = (typeof STRATEGIES)[number];

export { STRATEGIES };

/** Deterministic text order (code units), so sorting never depends on the server's locale. */
export function compareText(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}
